// nc (netcat) on the simulated network: `nc -zv HOST PORT` (ports, lo-hi ranges, service names),
// `-w SECS`, `-u`, `-n`, and data piped in over TCP (see nc-connect.ts). netcat-openbsd's words on
// the workstation, the nodes and netshoot; BusyBox's in busybox and Alpine pods (nc-variants.ts).
// Listening (-l) is not simulated: nothing in Flatnet would connect to it.

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { DNS_GIVE_UP_MS, resolveHost } from '../../contexts/name-resolution';
import { parseOptions } from '../gnu-options';
import { placeOf } from '../userland';
import { connect, exchange, type ConnectOutcome } from './nc-connect';
import { BUSYBOX_NC_USAGE, OPENBSD_USAGE, openbsdHelp, serviceName, servicePort, type Netcat } from './nc-variants';

/** netcat-openbsd's udptest() waits this long for an ICMP error when no -w is given. */
const UDP_SCAN_TIMEOUT_MS = 3000;
/** BusyBox's udptest() "tcp-ping trick" gives its probe this long. */
const BUSYBOX_UDP_PING_MS = 5000;
const MAX_PORTS = 1024;

interface NcOptions {
  zero: boolean;
  verbose: number;
  udp: boolean;
  numeric: boolean;
  timeoutMs?: number;
  host: string;
  ports: string[];
}

function netcatHere(ctx: CommandContext): { variant: Netcat; patchlevel: string; musl: boolean } {
  const place = placeOf(ctx);
  // An image that ships its own netcat (netshoot's netcat-openbsd) says so in its profile.
  const own = place.builds?.nc;
  if (own) return own;
  if (place.userland === 'gnu') {
    const loc = ctx.session?.location();
    return { variant: 'openbsd', patchlevel: loc?.kind === 'node' ? '1.226-1ubuntu2' : '1.219-1', musl: false };
  }
  return { variant: 'busybox', patchlevel: '', musl: true };
}

function parse(args: string[], variant: Netcat): NcOptions | { error: string; code: number; stdout?: boolean } {
  if (variant === 'busybox') {
    if (args[0] === '--help') return { error: BUSYBOX_NC_USAGE, code: 0 };
    const p = parseOptions('nc', args, { flags: 'nubvlkz', values: 'pswioe' });
    if (!p.ok) return { error: `${p.error.split('\n')[0].replace(/unrecognized option '--.*'/, "invalid option -- '-'")}\n${BUSYBOX_NC_USAGE}`, code: 1 };
    if (p.flags.has('l') || p.flags.has('k') || p.values.has('e')) return { error: 'nc: listening (-l) and -e are not simulated in Flatnet\n', code: 1 };
    const w = p.values.get('w')?.at(-1);
    if (w !== undefined && !/^\d+$/.test(w)) return { error: `nc: invalid number '${w}'\n`, code: 1 };
    if (p.operands.length === 0 || p.operands.length > 2) return { error: BUSYBOX_NC_USAGE, code: 1 };
    const verbose = args.filter((a) => /^-[^-]/.test(a)).reduce((n, a) => n + (a.match(/v/g)?.length ?? 0), 0);
    return { zero: p.flags.has('z'), verbose, udp: p.flags.has('u'), numeric: p.flags.has('n'), ...(w && Number(w) > 0 ? { timeoutMs: Number(w) * 1000 } : {}), host: p.operands[0], ports: [p.operands[1] ?? '0'] };
  }
  // glibc getopt without long options reads `--help` as the option letter '-'.
  const long = args.find((a) => a.startsWith('--') && a.length > 2);
  if (long && args.indexOf(long) < (args.indexOf('--') < 0 ? Infinity : args.indexOf('--'))) return { error: `nc: invalid option -- '-'\n${OPENBSD_USAGE}`, code: 1 };
  if (args.some((a) => /^-[^-]*h/.test(a) && !/^-[^-]*[IiMmOPpqsTVWwXx]/.test(a.slice(0, a.indexOf('h') + 1)))) return { error: 'help', code: 0 };
  const p = parseOptions('nc', args, { flags: '46bCDdFklNnrStUuvZz', values: 'IiMmOPpqsTVWwXx' });
  if (!p.ok) return { error: `${p.error.split('\n')[0]}\n${OPENBSD_USAGE}`, code: 1 };
  if (p.flags.has('l') || p.flags.has('U') || p.values.has('x')) return { error: 'nc: listening (-l), UNIX sockets (-U) and proxies (-x) are not simulated in Flatnet\n', code: 1 };
  const w = p.values.get('w')?.at(-1);
  if (w !== undefined && !/^\d+$/.test(w)) return { error: `nc: timeout invalid: ${w}\n`, code: 1 };
  if (p.operands.length === 0) return { error: OPENBSD_USAGE, code: 1 };
  if (p.operands.length === 1) return { error: 'nc: missing port number\n', code: 1 };
  const verbose = p.flags.has('v') ? 1 : 0;
  return { zero: p.flags.has('z'), verbose, udp: p.flags.has('u'), numeric: p.flags.has('n'), ...(w && Number(w) > 0 ? { timeoutMs: Number(w) * 1000 } : {}), host: p.operands[0], ports: p.operands.slice(1) };
}

/** build_ports(): service names, numbers and lo-hi ranges, in the order given. */
function buildPorts(specs: string[]): number[] | string {
  const ports: number[] = [];
  const one = (s: string): number | string => {
    if (/^\d+$/.test(s)) {
      const n = Number(s);
      return n < 1 ? `nc: port number too small: ${s}\n` : n > 65535 ? `nc: port number too large: ${s}\n` : n;
    }
    return servicePort(s) ?? `nc: service "${s}" unknown\n`;
  };
  for (const spec of specs) {
    const range = /^(\d+)-(.+)$/.exec(spec);
    if (range) {
      const hi = one(range[2]);
      const lo = one(range[1]);
      if (typeof hi === 'string') return hi;
      if (typeof lo === 'string') return lo;
      for (let p = Math.min(lo, hi); p <= Math.max(lo, hi) && ports.length < MAX_PORTS; p++) ports.push(p);
    } else {
      const p = one(spec);
      if (typeof p === 'string') return p;
      ports.push(p);
    }
  }
  return ports;
}

function failureText(outcome: Exclude<ConnectOutcome, { kind: 'open' | 'interrupted' }>, variant: Netcat): string {
  switch (outcome.kind) {
    case 'refused':
      return 'Connection refused';
    case 'unreachable':
      return 'No route to host';
    case 'timeout':
      return variant === 'openbsd' && outcome.byCaller ? 'Operation now in progress' : 'Connection timed out';
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

async function run(ctx: CommandContext): Promise<CommandOutput> {
  const out = new OutputBuilder();
  const here = netcatHere(ctx);
  const { variant } = here;
  const parsed = parse(ctx.args, variant);
  if ('error' in parsed) return parsed.error === 'help' ? out.err(openbsdHelp(here.patchlevel)).done(0) : out.err(parsed.error).done(parsed.code);
  const o = parsed;
  const ports = variant === 'busybox' ? (/^\d+$/.test(o.ports[0]) && Number(o.ports[0]) <= 65535 ? [Number(o.ports[0])] : [servicePort(o.ports[0]) ?? 0]) : buildPorts(o.ports);
  if (typeof ports === 'string') return out.err(ports).done(1);
  const loc = ctx.session?.location() ?? { kind: 'workstation' as const };
  const numericOnly = o.numeric && !/^\d{1,3}(\.\d{1,3}){3}$/.test(o.host);
  const resolved = numericOnly ? { ok: false as const, reason: 'nxdomain' as const, detail: '' } : resolveHost(o.host, loc, ctx.cluster, ctx.fs, ctx.session?.network());
  if (!resolved.ok) {
    if (resolved.reason === 'timeout' && (await ctx.sleep(DNS_GIVE_UP_MS)) < DNS_GIVE_UP_MS) return out.done(130);
    if (variant === 'busybox') return out.err(`nc: bad address '${o.host}'\n`).done(1);
    const why = resolved.reason === 'timeout' ? (here.musl ? 'Try again' : 'Temporary failure in name resolution') : here.musl ? 'Name does not resolve' : 'Name or service not known';
    return out.err(`nc: getaddrinfo for host "${o.host}" port ${ports[0]}: ${why}\n`).done(1);
  }
  const ip = resolved.ip;
  const proto = o.udp ? 'udp' : 'tcp';
  const shown = (port: number) => (variant === 'busybox' ? `${o.host} (${ip}:${port})` : `${o.host}${o.numeric || o.host === ip ? '' : ` (${ip})`}`);
  let status = 1;
  for (const port of ports) {
    if (variant === 'openbsd' && o.udp && !o.verbose) {
      // udptest() only runs with -v: an unconnected UDP "connect" always succeeds.
      status = 0;
      continue;
    }
    const outcome = port === 0 ? ({ kind: 'refused' } as const) : await connect(ctx, ip, port, proto, o.timeoutMs);
    if (outcome.kind === 'interrupted') return out.done(130);
    const open = outcome.kind === 'open' || (o.udp && outcome.kind === 'timeout');
    if (o.udp && open) {
      // No ICMP error came back (yet): both netcats wait a little before calling the port open.
      const wait = o.timeoutMs ?? (variant === 'openbsd' ? UDP_SCAN_TIMEOUT_MS : outcome.kind === 'timeout' ? BUSYBOX_UDP_PING_MS : 0);
      if (wait && (await ctx.sleep(wait)) < wait) return out.done(130);
    }
    if (open) {
      status = 0;
      if (o.verbose) out.err(variant === 'busybox' ? `${shown(port)} open\n` : `Connection to ${shown(port)} ${port} port [${proto}/${o.numeric ? '*' : serviceName(port)}] succeeded!\n`);
      if (outcome.kind === 'open' && !o.udp) out.out(exchange(ctx, outcome, port, o.zero ? '' : ctx.stdin));
      continue;
    }
    const why = failureText(outcome, variant);
    if (variant === 'busybox') {
      if (o.verbose > 1 || (o.verbose && outcome.kind !== 'refused')) out.err(`nc: ${shown(port)}: ${why}\n`);
    } else if (o.verbose && !o.udp) {
      out.err(`nc: connect to ${shown(port)} port ${port} (${proto}) ${outcome.kind === 'timeout' && outcome.byCaller ? 'timed out' : 'failed'}: ${why}\n`);
    }
  }
  return out.done(status);
}

export const nc: ShellCommand = { name: 'nc', run };
