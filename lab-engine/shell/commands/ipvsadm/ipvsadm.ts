// `ipvsadm -L|-l [-n] [-t|-u|--sctp-service VIP:PORT]` over a node's IPVS state, in ipvsadm's
// own layout (ipvsadm.c print_title / print_service_entry): services sorted by protocol, then
// address compared as a signed 32-bit difference (so 192.168.x.x sorts before 10.x.x.x, as real
// output shows), then port; destinations likewise; each destination line
// `  -> %-28s %-7s %-6d %-10u %-10u` keeps its trailing spaces. Without -n, ports print as
// /etc/services names. --stats and --rate print the kernel's ip_vs_stats (print_service_entry's
// FMT_STATS/FMT_RATE branches: the name `%-33s` cut at 33 characters, a destination `  -> %-28s`,
// each number print_largenum's `%9llu`, or `%8lluK`/M/G/T past 10^8 unless --exact); -Z zeroes
// them. The learner's own traffic moves them (dataplane/packet/traffic-counters.ts).

import type { IpvsState, RealServer, VirtualServer } from '../../../dataplane/kube-proxy/ipvs';
import { parseIPv4 } from '../../../kube/ipv4';
import type { CommandResult } from '../../command-types';
import { ipvsDestKey, ipvsServiceKey, type IpvsCounter } from '../../../dataplane/kube-proxy/netfilter/counter-store';
import { ipvsRates } from './ipvs-rate';

/** The node's IPVS stats as ipvsadm reads (and -Z zeroes) them. */
export interface IpvsStatsView {
  read(entry: string): Readonly<IpvsCounter> | undefined;
  /** Zeroes every entry for which `only` holds (all without it). */
  zero(only?: (entry: string) => boolean): void;
  nowMs: number;
}

const NO_STATS: IpvsStatsView = { read: () => undefined, zero: () => undefined, nowMs: 0 };

type Format = 'plain' | 'stats' | 'rate';

const PROTO_NUMBER: Readonly<Record<VirtualServer['protocol'], number>> = { TCP: 6, UDP: 17, SCTP: 132 };
const SERVICE_NAMES: Readonly<Record<string, string>> = { '53': 'domain', '80': 'http', '443': 'https', '22': 'ssh', '8080': 'http-alt' };

function addrCmp(a: string, b: string): number {
  // libipvs: `int r = ntohl(a) - ntohl(b)` — the unsigned difference read back as a signed int.
  return ((parseIPv4(a) ?? 0) - (parseIPv4(b) ?? 0)) | 0;
}

function serviceCmp(a: VirtualServer, b: VirtualServer): number {
  return PROTO_NUMBER[a.protocol] - PROTO_NUMBER[b.protocol] || addrCmp(a.address, b.address) || a.port - b.port;
}

function destCmp(a: RealServer, b: RealServer): number {
  return addrCmp(a.address, b.address) || a.port - b.port;
}

function port(p: number, numeric: boolean): string {
  return numeric ? String(p) : (SERVICE_NAMES[String(p)] ?? String(p));
}

/** print_largenum: `%9llu`, abbreviated past 10^8 unless --exact (then as wide as it needs, at least 9). */
function largenum(i: number, exact: boolean): string {
  if (exact) {
    const s = String(i);
    return s.padStart(s.length <= 8 ? 9 : s.length + 1);
  }
  if (i < 1e8) return String(i).padStart(9);
  if (i < 1e9) return `${String(Math.floor(i / 1e3)).padStart(8)}K`;
  if (i < 1e11) return `${String(Math.floor(i / 1e6)).padStart(8)}M`;
  if (i < 1e14) return `${String(Math.floor(i / 1e9)).padStart(8)}G`;
  return `${String(Math.floor(i / 1e12)).padStart(8)}T`;
}

function statsTitle(format: 'stats' | 'rate'): string[] {
  const cols = format === 'stats' ? ['Conns', 'InPkts', 'OutPkts', 'InBytes', 'OutBytes'] : ['CPS', 'InPPS', 'OutPPS', 'InBPS', 'OutBPS'];
  return [`${'Prot LocalAddress:Port'.padEnd(33)} ${cols.map((c) => c.padStart(8)).join(' ')}`, '  -> RemoteAddress:Port'];
}

function statsColumns(c: Readonly<IpvsCounter> | undefined, format: 'stats' | 'rate', nowMs: number, exact: boolean, dest: boolean): string {
  if (format === 'stats') return [c?.conns ?? 0, c?.inPkts ?? 0, c?.outPkts ?? 0, c?.inBytes ?? 0, c?.outBytes ?? 0].map((n) => largenum(n, exact)).join('');
  const r = ipvsRates(c?.events ?? [], nowMs);
  // A destination prints its cps/pps with a plain `%8u` each (after a space), its bps with print_largenum.
  if (dest) return ` ${String(r.cps).padStart(8)} ${String(r.inpps).padStart(8)} ${String(r.outpps).padStart(8)}${largenum(r.inbps, exact)}${largenum(r.outbps, exact)}`;
  return [r.cps, r.inpps, r.outpps, r.inbps, r.outbps].map((n) => largenum(n, exact)).join('');
}

export function renderIpvsList(state: IpvsState, options: { numeric: boolean; only?: { protocol: VirtualServer['protocol']; address: string; port: number }; format?: Format; exact?: boolean }, stats: IpvsStatsView = NO_STATS): string {
  const format = options.format ?? 'plain';
  const lines = ['IP Virtual Server version 1.2.1 (size=4096)', ...(format === 'plain' ? ['Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn'] : statsTitle(format))];
  const services = [...state.virtualServers]
    .filter((vs) => !options.only || (vs.protocol === options.only.protocol && vs.address === options.only.address && vs.port === options.only.port))
    .sort(serviceCmp);
  if (format !== 'plain') {
    for (const vs of services) {
      const key = ipvsServiceKey(vs.protocol, vs.address, vs.port);
      lines.push(`${vs.protocol}  ${vs.address}:${port(vs.port, options.numeric)}`.slice(0, 33).padEnd(33) + statsColumns(stats.read(key), format, stats.nowMs, options.exact === true, false));
      for (const rs of [...vs.realServers].sort(destCmp)) {
        const name = `${rs.address}:${port(rs.port, options.numeric)}`.slice(0, 28);
        lines.push(`  -> ${name.padEnd(28)}${statsColumns(stats.read(ipvsDestKey(key, rs.address, rs.port)), format, stats.nowMs, options.exact === true, true)}`);
      }
    }
    return lines.map((l) => l + '\n').join('');
  }
  for (const vs of services) {
    lines.push(`${vs.protocol}  ${vs.address}:${port(vs.port, options.numeric)} ${vs.scheduler}${vs.persistentTimeout !== undefined ? ` persistent ${vs.persistentTimeout}` : ''}`);
    for (const rs of [...vs.realServers].sort(destCmp)) {
      lines.push(`  -> ${`${rs.address}:${port(rs.port, options.numeric)}`.padEnd(28)} ${rs.forward.padEnd(7)} ${String(rs.weight).padEnd(6)} ${String(rs.activeConns).padEnd(10)} ${String(rs.inactiveConns).padEnd(10)}`);
    }
  }
  return lines.map((l) => l + '\n').join('');
}

export function runIpvsadm(argv: readonly string[], state: IpvsState, stats: IpvsStatsView = NO_STATS): CommandResult {
  let list = false;
  let zero = false;
  let numeric = false;
  let exact = false;
  let format: Format = 'plain';
  let only: { protocol: VirtualServer['protocol']; address: string; port: number } | undefined;
  const args = argv.flatMap((a) => (/^-[A-Za-z]{2,}$/.test(a) ? [...a.slice(1)].map((c) => `-${c}`) : [a]));
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    switch (a) {
      case '-L':
      case '-l':
      case '--list':
        list = true;
        break;
      case '-n':
      case '--numeric':
        numeric = true;
        break;
      case '--stats':
        format = 'stats';
        break;
      case '--rate':
        format = 'rate';
        break;
      case '--exact':
        exact = true;
        break;
      case '-Z':
      case '--zero':
        zero = true;
        break;
      case '-t':
      case '--tcp-service':
      case '-u':
      case '--udp-service':
      case '--sctp-service': {
        const v = args[++i];
        const m = v ? /^(\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(v) : null;
        if (!m) return { stdout: '', stderr: `Illegal virtual server address[:port] specified\n`, exitCode: 2 };
        only = { protocol: a === '-t' || a === '--tcp-service' ? 'TCP' : a === '--sctp-service' ? 'SCTP' : 'UDP', address: m[1], port: Number(m[2]) };
        break;
      }
      case '-v':
      case '--version':
        return { stdout: 'ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n', stderr: '', exitCode: 0 };
      default:
        if (['-A', '-E', '-D', '-C', '-a', '-e', '-d', '-R', '-S', '--add-service', '--edit-service', '--delete-service', '--clear', '--restore', '--save'].includes(a)) {
          return { stdout: '', stderr: `ipvsadm: the virtual servers on this simulated node are programmed by kube-proxy; ${a} is not available (try -Ln)\n`, exitCode: 2 };
        }
        return { stdout: '', stderr: `${a}: bad argument\n`, exitCode: 2 };
    }
  }
  if (only && !state.virtualServers.some((vs) => vs.protocol === only.protocol && vs.address === only.address && vs.port === only.port)) {
    return { stdout: '', stderr: 'No such service\n', exitCode: 1 };
  }
  if (zero && list) return { stdout: '', stderr: 'multiple commands specified\n', exitCode: 2 };
  if (zero) {
    // ip_vs_zero_service: the service's own stats and each of its destinations'.
    const prefix = only ? ipvsServiceKey(only.protocol, only.address, only.port) : undefined;
    stats.zero(prefix === undefined ? undefined : (entry) => entry === prefix || entry.startsWith(`${prefix} -> `));
    return { stdout: '', stderr: '', exitCode: 0 };
  }
  // With no command, ipvsadm lists (it is the same as -L).
  return { stdout: renderIpvsList(state, { numeric, only, format, exact }, stats), stderr: '', exitCode: 0 };
}
