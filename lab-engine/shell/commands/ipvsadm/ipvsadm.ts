// `ipvsadm -L|-l [-n] [-t|-u|--sctp-service VIP:PORT]` over a node's IPVS state, in ipvsadm's
// own layout (ipvsadm.c print_title / print_service_entry): services sorted by protocol, then
// address compared as a signed 32-bit difference (so 192.168.x.x sorts before 10.x.x.x, as real
// output shows), then port; destinations likewise; each destination line
// `  -> %-28s %-7s %-6d %-10u %-10u` keeps its trailing spaces. Without -n, ports print as
// /etc/services names.

import type { IpvsState, RealServer, VirtualServer } from '../../../dataplane/kube-proxy/ipvs';
import { parseIPv4 } from '../../../kube/ipv4';
import type { CommandResult } from '../../command-types';

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

export function renderIpvsList(state: IpvsState, options: { numeric: boolean; only?: { protocol: VirtualServer['protocol']; address: string; port: number } }): string {
  const lines = ['IP Virtual Server version 1.2.1 (size=4096)', 'Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn'];
  const services = [...state.virtualServers]
    .filter((vs) => !options.only || (vs.protocol === options.only.protocol && vs.address === options.only.address && vs.port === options.only.port))
    .sort(serviceCmp);
  for (const vs of services) {
    lines.push(`${vs.protocol}  ${vs.address}:${port(vs.port, options.numeric)} ${vs.scheduler}${vs.persistentTimeout !== undefined ? ` persistent ${vs.persistentTimeout}` : ''}`);
    for (const rs of [...vs.realServers].sort(destCmp)) {
      lines.push(`  -> ${`${rs.address}:${port(rs.port, options.numeric)}`.padEnd(28)} ${rs.forward.padEnd(7)} ${String(rs.weight).padEnd(6)} ${String(rs.activeConns).padEnd(10)} ${String(rs.inactiveConns).padEnd(10)}`);
    }
  }
  return lines.map((l) => l + '\n').join('');
}

export function runIpvsadm(argv: readonly string[], state: IpvsState): CommandResult {
  let list = false;
  let numeric = false;
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
        if (['-A', '-E', '-D', '-C', '-a', '-e', '-d', '-R', '-S', '-Z', '--add-service', '--edit-service', '--delete-service', '--clear', '--restore', '--save', '--zero'].includes(a)) {
          return { stdout: '', stderr: `ipvsadm: the virtual servers on this simulated node are programmed by kube-proxy; ${a} is not available (try -Ln)\n`, exitCode: 2 };
        }
        return { stdout: '', stderr: `${a}: bad argument\n`, exitCode: 2 };
    }
  }
  // With no command, ipvsadm lists (it is the same as -L).
  void list;
  if (only && !state.virtualServers.some((vs) => vs.protocol === only.protocol && vs.address === only.address && vs.port === only.port)) {
    return { stdout: '', stderr: 'No such service\n', exitCode: 1 };
  }
  return { stdout: renderIpvsList(state, { numeric, only }), stderr: '', exitCode: 0 };
}
