// tcpdump on the simulated network: it listens on the interfaces of the place the shell stands
// (a node's eth0, cni0, cali*/veth*, tunl0/flannel.1; a pod's eth0) and prints every packet of the
// learner's own traffic that crosses them, as the packet engine walked it: before DNAT in the
// client pod, after it on the node, encapsulated on the wire. Run it in the background
// (`tcpdump -ni any port 80 &`) and then curl, or in the foreground with Ctrl-C to stop. The
// grader's probes are not traffic and never show up. Flags: -i, -n/-nn, -c, -q, -t, -l, -p, -s,
// -D; a filter expression (capture-filter.ts). -v, -X, -A, -e, -w and -r are not simulated and
// say so.

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { parseOptions } from '../gnu-options';
import type { CapturedPacket } from '../../../dataplane/capture/types';
import type { Link, Netns } from '../../../dataplane/netns/types';
import { resolveHost } from '../../contexts/name-resolution';
import { parseCaptureFilter } from './capture-filter';
import { formatPacket, type FormatOptions } from './packet-format';

const USAGE = `Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]
\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamp_type ]
\t\t[ -m module ] [ -M secret ] [ --number ] [ --print ]
\t\t[ -Q in|out|inout ] [ -r file ] [ -s snaplen ]
\t\t[ -T type ] [ --version ] [ -V file ] [ -w file ]
\t\t[ -W filecount ] [ -y datalinktype ]
\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]
\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]
`;
const VERSION = 'tcpdump version 4.99.5\nlibpcap version 1.10.5 (with TPACKET_V3)\nOpenSSL 3.0.15 3 Sep 2024\n';
const NOT_SIMULATED: Readonly<Record<string, string>> = {
  v: '-v (verbose decoding of IP headers)',
  X: '-X (hex and ASCII payloads)',
  A: '-A (ASCII payloads)',
  e: '-e (link-level headers)',
  w: '-w (writing a pcap file)',
  r: '-r (reading a pcap file)',
  Q: '-Q (direction filter)',
};

export const tcpdump: ShellCommand = {
  name: 'tcpdump',
  async run(ctx): Promise<CommandOutput> {
    const out = new OutputBuilder();
    const parsed = parseOptions('tcpdump', ctx.args, { flags: 'nqtlpDhSvXAe', values: 'icsBwrQ', long: { help: 'h', version: 'V', 'list-interfaces': 'D', 'immediate-mode': 'I' } });
    if (!parsed.ok) {
      const bad = /option -- '(.)'|option '([^']+)'/.exec(parsed.error);
      return out.err(`tcpdump: invalid option -- '${bad?.[1] ?? bad?.[2] ?? '?'}'\n${VERSION}${USAGE}`).done(1);
    }
    const { flags, values, operands } = parsed;
    if (flags.has('h')) return out.out(`${VERSION}${USAGE}`).done(0);
    if (flags.has('V')) return out.out(VERSION).done(0);
    for (const [flag, what] of Object.entries(NOT_SIMULATED)) {
      if (flags.has(flag) || values.has(flag)) return out.err(`tcpdump: ${what} is not simulated in Flatnet; the capture prints tcpdump's default one-line decode\n`).done(1);
    }
    const ns = netnsHere(ctx);
    if (!ns) return out.err('tcpdump: no suitable device found\n').done(1);
    if (flags.has('D')) return out.out(listInterfaces(ns.netns)).done(0);

    const countText = values.get('c')?.at(-1);
    const count = countText === undefined ? undefined : Number(countText);
    if (count !== undefined && (!Number.isInteger(count) || count <= 0)) return out.err(`tcpdump: invalid packet count ${countText}\n`).done(1);
    const iface = values.get('i')?.at(-1) ?? firstInterface(ns.netns);
    const link = iface === 'any' ? undefined : ns.netns.links.find((l) => l.name === iface);
    if (iface !== 'any' && !link) return out.err(`tcpdump: ${iface}: No such device exists (SIOCGIFHWADDR: No such device)\n`).done(1);
    if (link && !link.flags.includes('UP')) return out.err(`tcpdump: ${iface}: That device is not up\n`).done(1);

    const loc = ctx.session?.location() ?? { kind: 'workstation' as const };
    const filter = parseCaptureFilter(operands, (name) => {
      const r = resolveHost(name, loc, ctx.cluster, ctx.fs, undefined);
      return r.ok ? r.ip : undefined;
    });
    if (!filter.ok) return out.err(`tcpdump: can't parse filter expression: ${filter.error}\n`).done(1);

    const terminal = ctx.terminal;
    const write = (stream: 'stdout' | 'stderr', text: string) => {
      if (terminal) terminal.write(text.replace(/\n/g, '\r\n'));
      else if (stream === 'stdout') out.out(text);
      else out.err(text);
    };
    const cooked = iface === 'any';
    write('stderr', `${cooked ? 'tcpdump: data link type LINUX_SLL2\n' : ''}tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on ${iface}, link-type ${linkType(link)}, snapshot length 262144 bytes\n`);

    const options: FormatOptions = { cooked, numeric: flags.has('n'), noTimestamp: flags.has('t'), quiet: flags.has('q') };
    const hub = ctx.session?.network().capture;
    let captured = 0;
    const done = await new Promise<'count' | 'stopped'>((resolve) => {
      if (!hub || !terminal) {
        // No live terminal (a script's foreground): nothing else can send while this waits.
        resolve('stopped');
        return;
      }
      const stop = hub.listen({
        listensOn: (netns, dev) => netns === ns.id && (cooked || dev === iface),
        deliver: (packet: CapturedPacket) => {
          if (captured >= (count ?? Infinity) || !filter.filter(packet)) return;
          captured++;
          write('stdout', `${formatPacket(packet, options)}\n`);
          if (captured === count) finish('count');
        },
      });
      const onAbort = () => finish('stopped');
      const finish = (why: 'count' | 'stopped') => {
        stop();
        ctx.signal?.removeEventListener('abort', onAbort);
        resolve(why);
      };
      if (ctx.signal?.aborted) finish('stopped');
      else ctx.signal?.addEventListener('abort', onAbort, { once: true });
    });
    if (done === 'stopped' && terminal) write('stdout', '\n');
    write('stderr', `${captured} packet${captured === 1 ? '' : 's'} captured\n${captured} packet${captured === 1 ? '' : 's'} received by filter\n0 packets dropped by kernel\n`);
    return out.done(0);
  },
};

/** The network namespace tcpdump runs in: the node's, a pod's, or the node's for a hostNetwork pod. */
function netnsHere(ctx: CommandContext): { id: string; netns: Netns } | undefined {
  const loc = ctx.session?.location();
  const dataplane = ctx.session?.dataplane();
  if (!loc || !dataplane) return undefined;
  if (loc.kind === 'node') {
    const netns = dataplane.nodes[loc.node];
    return netns ? { id: `node/${loc.node}`, netns } : undefined;
  }
  if (loc.kind !== 'pod') return undefined;
  const pod = ctx.cluster.get('pods', loc.namespace, loc.pod);
  if (pod?.spec.hostNetwork && pod.spec.nodeName) {
    const netns = dataplane.nodes[pod.spec.nodeName];
    return netns ? { id: `node/${pod.spec.nodeName}`, netns } : undefined;
  }
  const key = `${loc.namespace}/${loc.pod}`;
  const netns = dataplane.pods[key];
  return netns ? { id: `pod/${key}`, netns } : undefined;
}

/** Without -i, tcpdump takes the first interface that is up and not loopback. */
function firstInterface(ns: Netns): string {
  return ns.links.find((l) => l.kind !== 'loopback' && l.flags.includes('UP'))?.name ?? 'any';
}

function linkType(link: Link | undefined): string {
  if (!link) return 'LINUX_SLL2 (Linux cooked v2)';
  return link.kind === 'ipip' ? 'RAW (Raw IP)' : 'EN10MB (Ethernet)';
}

/** libpcap's flags for a device: Up, Running, and for Ethernet-like links whether they are connected. */
function deviceFlags(l: Link): string {
  const flags = [l.flags.includes('UP') ? 'Up' : '', l.flags.includes('LOWER_UP') ? 'Running' : '', (l.kind === 'ether' || l.kind === 'veth') && l.flags.includes('LOWER_UP') ? 'Connected' : ''].filter(Boolean);
  return flags.length ? flags.join(', ') : 'none';
}

/** `tcpdump -D`: the devices pcap finds, numbered, with their flags, and the `any` pseudo-device. */
function listInterfaces(ns: Netns): string {
  const lines: string[] = [];
  const links = [...ns.links.filter((l) => l.kind !== 'loopback'), ...ns.links.filter((l) => l.kind === 'loopback')];
  const physical = links.filter((l) => l.kind !== 'loopback');
  physical.forEach((l, i) => lines.push(`${i + 1}.${l.name} [${deviceFlags(l)}]`));
  lines.push(`${physical.length + 1}.any (Pseudo-device that captures on all interfaces) [Up, Running]`);
  links.filter((l) => l.kind === 'loopback').forEach((l, i) => lines.push(`${physical.length + 2 + i}.${l.name} [Up, Running, Loopback]`));
  return lines.join('\n') + '\n';
}
