// traceroute on the simulated network, hop by hop from the packet engine (probe-path.ts).
// Two programs share the name:
// - Modern traceroute for Linux 2.1.x (Dmitry Butskoy's; Ubuntu's `traceroute` package and
//   netshoot's): print_header's "traceroute to %s (%s), %u hops max, %zu byte packets" (60 bytes:
//   a 20-byte IP header plus DEF_DATA_LEN 40, whatever the method), print_probe's "\n%2u " per
//   TTL, " *" for an unanswered probe, " %s (%s)" (or " %s" with -n) when the address differs from
//   the previous answer of that TTL, "  %.3f ms" per answer and " !H"/" !N"/" !F-MTU" for ICMP
//   unreachables; methods default (UDP from port 33434, +1 per probe), -U (UDP port 53), -I (ICMP
//   echo), -T (TCP SYN, port 80); CLIF's "Bad option `-y' (argc 1)" and "Cannot handle ..."
//   errors with status 2. It sends 16 probes at once (-N) and waits -w MAX seconds (5.0) for
//   silent ones; the simulated clock moves by that much, without making the learner wait.
// - BusyBox 1.37's applet (busybox and alpine images): "%2d" per TTL, "  *", "  %s (%s)",
//   "  %u.%03u ms", 46-byte packets, one probe at a time with -w 3 s, stopping at the destination
//   or after an unreachable; its getopt errors and usage with status 1.
// RTTs are derived from the hop and the probe number, so a run repeats exactly. Names come from
// the cluster DNS's PTR records (a Service's ClusterIP, a Service endpoint's pod) in pods that
// use it; other addresses, and every address on a node, print as numbers.

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { sendProbe } from '../../../dataplane/packet/walk';
import type { L4Protocol } from '../../../dataplane/packet/types';
import { queryClusterDns } from '../../../dataplane/dns/cluster-dns';
import { CLUSTER_DNS_IP, usesClusterDns } from '../../../dataplane/dns/pod-resolver';
import { resolveHost } from '../../contexts/name-resolution';
import { toolsetForImage } from '../../contexts/toolsets';
import { sourceOf } from '../curl/http-client';
import { answerAt, probePath, type HopAnswer, type ProbePath } from './probe-path';
import { parseBusyboxArgs, parseModernArgs, type TraceRequest } from './traceroute-options';

export const traceroute: ShellCommand = {
  name: 'traceroute',
  async run(ctx): Promise<CommandOutput> {
    const out = new OutputBuilder();
    const busybox = isBusybox(ctx);
    const parsed = busybox ? parseBusyboxArgs(ctx.args) : parseModernArgs(ctx.args);
    if (parsed.kind === 'error') return out.err(parsed.text).done(parsed.status);
    if (parsed.kind === 'print') return out.out(parsed.text).done(parsed.status);
    const req = parsed.request;

    const loc = ctx.session?.location() ?? { kind: 'workstation' as const };
    const world = ctx.session?.network();
    const resolved = resolveHost(req.host, loc, ctx.cluster, ctx.fs, world);
    if (!resolved.ok) {
      const why = resolved.reason === 'timeout' ? 'Temporary failure in name resolution' : 'Name or service not known';
      if (busybox) return out.err(`traceroute: bad address '${req.host}'\n`).done(1);
      return out.err(`${req.host}: ${why}\nCannot handle "host" cmdline arg \`${req.host}' on position 1 (argc ${req.hostArgc})\n`).done(2);
    }
    if (!world) return out.err('traceroute: no network here to send probes from\n').done(1);
    const ip = resolved.ip;
    const write = (text: string) => {
      if (ctx.terminal) ctx.terminal.write(text.replace(/\n/g, '\r\n'));
      else out.out(text);
    };
    write(`traceroute to ${req.host} (${ip}), ${req.maxTtl} hops max, ${req.packetLen ?? (busybox ? 46 : 60)} byte packets\n`);

    const from = sourceOf(loc);
    const protocol: L4Protocol = req.method === 'icmp' ? 'icmp' : req.method === 'tcp' ? 'tcp' : 'udp';
    const nameOf = req.numeric ? () => undefined : reverseNames(ctx, world);
    let waitedMs = 0;
    let silent = 0;
    let walking = true;
    for (let ttl = req.firstTtl; ttl <= req.maxTtl; ttl++) {
      if (ctx.signal?.aborted) break;
      const answers: HopAnswer[] = [];
      // How far this row's probes could get: past it, with nothing heard, every later row is silent.
      let reach = 0;
      for (let q = 0; q < req.queries; q++) {
        if (!walking) {
          answers.push({ kind: 'none' });
          continue;
        }
        const n = (ttl - 1) * req.queries + q;
        const dport = req.method === 'udp-seq' ? req.port + n : req.method === 'icmp' ? undefined : req.port;
        const result = sendProbe(world, { from, dst: ip, protocol, ...(dport !== undefined ? { dport } : {}), sizeBytes: req.packetLen ?? (busybox ? 46 : 60) }, { recordConntrack: false });
        const path: ProbePath = probePath(result, ip, world.dataplane);
        if (path.localError) {
          write('\n');
          return out.err(`send: ${path.localError}\n`).done(1);
        }
        answers.push(answerAt(path, ttl));
        reach = Math.max(reach, path.routers.length + (path.end.kind === 'none' ? 0 : 1));
      }
      if (walking && ttl >= reach && answers.every((a) => a.kind === 'none')) walking = false;
      silent += answers.filter((a) => a.kind === 'none').length;
      write(busybox ? busyboxRow(ttl, answers, req, nameOf) : modernRow(ttl, answers, req, nameOf));
      const final = answers.some((a) => a.kind === 'reached' || a.kind === 'unreachable');
      if (busybox) waitedMs += answers.filter((a) => a.kind === 'none').length * req.waitSecs * 1000;
      if (final) break;
    }
    // Modern traceroute keeps -N probes in flight and waits at most -w seconds for each batch.
    if (!busybox) waitedMs = Math.ceil(silent / req.simProbes) * req.waitSecs * 1000;
    ctx.cluster.advanceTo(ctx.cluster.now() + Math.round(waitedMs));
    return out.done(0);
  },
};

function isBusybox(ctx: CommandContext): boolean {
  const loc = ctx.session?.location();
  if (loc?.kind !== 'pod') return false;
  const pod = ctx.cluster.get('pods', loc.namespace, loc.pod);
  const image = pod?.spec.containers.find((c) => c.name === loc.container)?.image;
  return image ? toolsetForImage(image).busyboxIp : false;
}

type NameOf = (address: string) => string | undefined;

function modernRow(ttl: number, answers: readonly HopAnswer[], req: TraceRequest, nameOf: NameOf): string {
  let line = `${String(ttl).padStart(2)} `;
  let previous: string | undefined;
  answers.forEach((a, q) => {
    if (a.kind === 'none') {
      line += ' *';
      return;
    }
    if (a.address !== previous) line += req.numeric ? ` ${a.address}` : ` ${nameOf(a.address) ?? a.address} (${a.address})`;
    previous = a.address;
    line += `  ${rttMs(a.address, ttl, q).toFixed(3)} ms`;
    if (a.kind === 'unreachable') line += ` ${a.flag}`;
  });
  return `${line}\n`;
}

function busyboxRow(ttl: number, answers: readonly HopAnswer[], req: TraceRequest, nameOf: NameOf): string {
  let line = String(ttl).padStart(2);
  let previous: string | undefined;
  answers.forEach((a, q) => {
    if (a.kind === 'none') {
      line += '  *';
      return;
    }
    if (a.address !== previous) line += req.numeric ? `  ${a.address}` : `  ${nameOf(a.address) ?? a.address} (${a.address})`;
    previous = a.address;
    const us = Math.round(rttMs(a.address, ttl, q) * 1000);
    line += `  ${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')} ms`;
    if (a.kind === 'unreachable') line += ` ${a.flag}`;
  });
  return `${line}\n`;
}

/** A plausible, repeatable round trip: tens of microseconds per hop, the first probe of a hop a little slower. */
function rttMs(address: string, ttl: number, probe: number): number {
  let x = 2166136261;
  for (const c of `${address}/${ttl}/${probe}`) x = Math.imul(x ^ c.charCodeAt(0), 16777619);
  const jitter = ((x >>> 0) % 60) / 1000;
  return Math.round((0.02 + ttl * 0.03 + (probe === 0 ? 0.04 : 0) + jitter) * 1000) / 1000;
}

/** getnameinfo for each hop: the cluster DNS's PTR records in a pod that uses it, nothing elsewhere. */
function reverseNames(ctx: CommandContext, world: ReturnType<NonNullable<CommandContext['session']>['network']>): NameOf {
  const loc = ctx.session?.location();
  if (loc?.kind !== 'pod') return () => undefined;
  const pod = ctx.cluster.get('pods', loc.namespace, loc.pod);
  if (!pod || !usesClusterDns(pod)) return () => undefined;
  // The lookups go to kube-dns like any query: when a policy keeps the pod from reaching it, no names.
  const dns = sendProbe(world, { from: sourceOf(loc), dst: CLUSTER_DNS_IP, protocol: 'udp', dport: 53 }, { recordConntrack: false });
  if (dns.outcome.kind !== 'delivered') return () => undefined;
  const cache = new Map<string, string | undefined>();
  return (address) => {
    if (!cache.has(address)) {
      const answer = queryClusterDns(ctx.cluster, `${address.split('.').reverse().join('.')}.in-addr.arpa`, 'PTR').answers.find((r) => r.type === 'PTR');
      cache.set(address, answer ? String(answer.data).replace(/\.$/, '') : undefined);
    }
    return cache.get(address);
  };
}
