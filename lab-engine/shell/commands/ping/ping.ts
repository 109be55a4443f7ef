// ping on the simulated network: one ICMP echo per simulated second through the packet engine.
// iputils' output on nodes and most images, BusyBox's in busybox pods. A reply's TTL is 64 minus
// the routers it crossed (each node that routed it). A ClusterIP never answers: in iptables mode
// nothing owns the address and the echo goes unanswered; in IPVS mode kube-ipvs0 holds it, but
// kube-proxy's KUBE-IPVS-FILTER (since v1.27) rejects the new ICMP "connection" with port
// unreachable, which iputils reports as an error per packet.
// Streams line by line in a terminal and stops on Ctrl-C with the statistics; in a script it
// stops after -c packets, or after SCRIPT_PING_LIMIT when no count was given.
// -M do|probe sets DF (iputils; the default lets the kernel fragment): a packet larger than the
// sender's own link fails locally ("local error: message too long, mtu=N"), one too large for a
// link further on comes back as ICMP "Frag needed and DF set (mtu = N)" from that router, and the
// sender's kernel learns N for the destination (icmp_err -> ipv4_update_pmtu: the exception
// `ip route get` shows); from then on a larger DF packet fails locally with the learned MTU.

import { parseImageRef } from '../../../cluster/images';
import { imageFilesystem } from '../../../dataplane/apps/images';
import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { parseOptions } from '../gnu-options';
import { sendProbe } from '../../../dataplane/packet/walk';
import type { ProbeResult } from '../../../dataplane/packet/types';
import { resolveHost } from '../../contexts/name-resolution';
import { toolsetForImage } from '../../contexts/toolsets';
import { sourceOf } from '../curl/http-client';
import { lookupRoute } from '../../../dataplane/netns/route-lookup';

/** Packets a `ping` without -c sends in a script, where no Ctrl-C can stop it. */
export const SCRIPT_PING_LIMIT = 4;

/** Routers crossed: every node netns that made a routing decision for a forwarded packet. */
function ttlOf(result: ProbeResult): number {
  const routers = new Set(result.hops.filter((h) => h.kind === 'route' && h.netns.startsWith('node/') && !(h.lookup === 'fib' && h.result === 'local')).map((h, i) => `${h.netns}#${i}`));
  return 64 - routers.size;
}

/** A deterministic, plausible round-trip time for packet `seq` (ms): sub-millisecond on one node, a bit more across. */
function rtt(seq: number, hops: number): number {
  const jitter = ((seq * 7919) % 97) / 1000;
  return Math.round((0.05 + hops * 0.04 + jitter) * 1000) / 1000;
}

export const ping: ShellCommand = {
  name: 'ping',
  async run(ctx): Promise<CommandOutput> {
    const out = new OutputBuilder();
    const loc = ctx.session?.location() ?? { kind: 'workstation' as const };
    const pod = loc.kind === 'pod' ? ctx.cluster.get('pods', loc.namespace, loc.pod) : undefined;
    const busybox = loc.kind === 'pod' && pod ? toolsetForImage(pod.spec.containers.find((c) => c.name === loc.container)?.image ?? '').busyboxIp : false;
    // iputils on Alpine (netshoot) prints musl's gai_strerror, not glibc's.
    const musl = loc.kind === 'pod' && pod ? isMusl(pod.spec.containers.find((c) => c.name === loc.container)?.image ?? '') : false;
    const parsed = parseOptions('ping', ctx.args, { flags: 'nq', values: busybox ? 'cWiwsI' : 'cWiwsIM' });
    if (!parsed.ok) return out.err(busybox ? `ping: ${parsed.error.split('\n')[0].replace(/^ping: /, '')}\nBusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n` : `${parsed.error.split('\n')[0]}\n\nUsage\n  ping [options] <destination>\n`).done(2);
    const host = parsed.operands[0];
    if (!host) return out.err(busybox ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n' : 'ping: usage error: Destination address required\n').done(busybox ? 1 : 2);
    const countText = parsed.values.get('c')?.at(-1);
    const count = countText === undefined ? undefined : Number(countText);
    if (count !== undefined && (!Number.isInteger(count) || count < 1)) return out.err(`ping: invalid argument: '${countText}': out of range: 1 <= value <= 9223372036854775807\n`).done(1);
    const interval = Math.max(0.2, Number(parsed.values.get('i')?.at(-1) ?? 1)) * 1000;
    const size = Number(parsed.values.get('s')?.at(-1) ?? 56);
    const pmtudisc = parsed.values.get('M')?.at(-1);
    if (pmtudisc !== undefined && !['do', 'dont', 'want', 'probe'].includes(pmtudisc)) return out.err(`ping: invalid -M argument: ${pmtudisc}\n`).done(2);
    const df = pmtudisc === 'do' || pmtudisc === 'probe';

    const world = ctx.session?.network();
    const resolved = resolveHost(host, loc, ctx.cluster, ctx.fs, world);
    if (!resolved.ok) return out.err(busybox ? `ping: bad address '${host}'\n` : `ping: ${host}: ${gaiError(resolved.reason, musl)}\n`).done(busybox ? 1 : 2);
    const ip = resolved.ip;
    const write = (text: string) => {
      if (ctx.terminal) ctx.terminal.write(text.replace(/\n/g, '\r\n'));
      else out.out(text);
    };
    const writeError = (text: string) => {
      if (ctx.terminal) ctx.terminal.write(text.replace(/\n/g, '\r\n'));
      else out.err(text);
    };
    // iputils connect()s its probe socket first to learn its source address: with no route in a
    // learner's netns that fails before anything is sent (the root netns and pods are walked as before).
    const here = ctx.session?.netns();
    if (here?.kind === 'named' && !lookupRoute(here, ip).ok) return out.err('ping: connect: Network is unreachable\n').done(2);
    write(busybox ? `PING ${host} (${ip}): ${size} data bytes\n` : `PING ${host} (${ip}) ${size}(${size + 28}) bytes of data.\n`);

    const limit = count ?? (ctx.terminal ? Number.MAX_SAFE_INTEGER : SCRIPT_PING_LIMIT);
    const from = sourceOf(loc);
    const times: number[] = [];
    let sent = 0;
    let errors = 0;
    const started = ctx.cluster.now();
    // The echo identifier the kernel's ping socket assigns: any 16-bit value, fixed for the run.
    const echoId = Math.floor(started / 1000) % 65536;
    for (let seq = busybox ? 0 : 1; sent < limit; seq++) {
      if (ctx.signal?.aborted) break;
      sent++;
      // A path MTU learned earlier refuses the packet in the sender's own kernel (ip_fragment: EMSGSIZE).
      const learned = df && here ? world?.pmtu?.lookup(here.id, ip, ctx.cluster.now()) : undefined;
      if (learned && size + 28 > learned.mtu && !busybox) {
        errors++;
        writeError(`ping: local error: message too long, mtu=${learned.mtu}\n`);
        if (sent >= limit) break;
        const slept = await ctx.sleep(interval);
        if (slept < interval) break;
        continue;
      }
      const result = world ? sendProbe(world, { from, dst: ip, protocol: 'icmp', sizeBytes: size + 28, df }, { recordConntrack: false }) : undefined;
      if (world && result) world.capture?.publish(world, result, { kind: 'icmp-echo', id: echoId, seq, dataBytes: size });
      if (result?.outcome.kind === 'delivered') {
        const t = rtt(seq, result.hops.length);
        times.push(t);
        write(busybox ? `${size + 8} bytes from ${ip}: seq=${seq} ttl=${ttlOf(result)} time=${t.toFixed(3)} ms\n` : `${size + 8} bytes from ${ip}: icmp_seq=${seq} ttl=${ttlOf(result)} time=${t.toFixed(3)} ms\n`);
      } else if (result?.outcome.kind === 'unreachable' && result.outcome.icmp === 'frag-needed' && !busybox) {
        errors++;
        const o = result.outcome;
        // The interconnect is a router beyond the sender's NIC even when the sender is the node itself.
        const beyond = result.hops.some((h) => h.kind === 'mtu' && h.interconnect !== undefined);
        if (o.netns === result.hops[0]?.netns && !beyond) writeError(`ping: local error: message too long, mtu=${o.mtu}\n`);
        else {
          write(`From ${routerAddress(ctx, o.netns) ?? ip} icmp_seq=${seq} Frag needed and DF set (mtu = ${o.mtu})\n`);
          if (here && o.mtu !== undefined && o.mtu < size + 28) world?.pmtu?.learn(here.id, ip, o.mtu, ctx.cluster.now());
        }
      } else if (result?.outcome.kind === 'unreachable' && !busybox) {
        // A neighbour that never answered ARP in the sender's own netns: the kernel reports it from the sender's address.
        const local = from.kind === 'netns' && result.outcome.cause.kind !== 'walk' && result.outcome.cause.netns === result.hops[0]?.netns;
        write(`From ${local ? result.hops[0]!.headers.src : ip} icmp_seq=${seq} Destination Host Unreachable\n`);
      } else if (result?.outcome.kind === 'refused' && result.outcome.by === 'reject-rule' && !busybox) {
        // REJECT answers from the rejected address itself (icmp_send on a local destination).
        errors++;
        write(`From ${ip} icmp_seq=${seq} Destination Port Unreachable\n`);
      }
      if (sent >= limit) break;
      const slept = await ctx.sleep(interval);
      if (slept < interval) break;
    }
    const elapsed = Math.max(0, ctx.cluster.now() - started);
    const received = times.length;
    const loss = sent === 0 ? 0 : Math.round(((sent - received) / sent) * 100);
    const min = Math.min(...times);
    const max = Math.max(...times);
    const avg = times.reduce((a, b) => a + b, 0) / Math.max(1, received);
    if (busybox) {
      write(`\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${received} packets received, ${loss}% packet loss\n`);
      if (received) write(`round-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms\n`);
    } else {
      const mdev = Math.sqrt(times.reduce((a, t) => a + (t - avg) ** 2, 0) / Math.max(1, received));
      write(`\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${received} received, ${errors ? `+${errors} errors, ` : ''}${loss}% packet loss, time ${Math.round(elapsed)}ms\n`);
      if (received) write(`rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms\n`);
    }
    return out.done(received > 0 ? 0 : 1);
  },
};

/** The address a node answers ICMP errors from: its InternalIP. */
function routerAddress(ctx: CommandContext, netns: string | undefined): string | undefined {
  if (!netns?.startsWith('node/')) return undefined;
  const node = ctx.cluster.get('nodes', undefined, netns.slice('node/'.length));
  return node?.status.addresses.find((a) => a.type === 'InternalIP')?.address;
}

/** getaddrinfo's error text: EAI_AGAIN for a resolver that did not answer, EAI_NONAME for NXDOMAIN. */
function gaiError(reason: 'nxdomain' | 'timeout', musl: boolean): string {
  if (reason === 'timeout') return musl ? 'Try again' : 'Temporary failure in name resolution';
  return musl ? 'Name does not resolve' : 'Name or service not known';
}

function isMusl(image: string): boolean {
  const ref = parseImageRef(image);
  return !!ref && imageFilesystem(ref)?.userland === 'alpine';
}
