// kube-proxy's IPVS mode (pkg/proxy/ipvs/proxier.go): one virtual server per Service address and
// port — ClusterIP, each externalIP and LoadBalancer IP, and the NodePort on every node address —
// with the endpoints as real servers (Masq, weight 1), the configured scheduler (default rr) and
// `persistent <timeout>` for ClientIP affinity; every service IP is bound to the dummy interface
// kube-ipvs0 as a /32. Lookups are a hash map, as in the kernel: O(1) in the number of Services,
// which is the lesson next to iptables' O(n) KUBE-SERVICES walk.

import { parseIPv4 } from '../../kube/ipv4';
import { buildServicePorts, categorizeEndpoints, type EndpointInfo, type ServicePortInfo } from './service-ports';
import type { EndpointSlice, ProxyNode, Service } from './types';

export type IpvsScheduler = 'rr' | 'lc' | 'sh';

export const KUBE_IPVS_DEVICE = 'kube-ipvs0';

export interface RealServer {
  address: string;
  port: number;
  forward: 'Masq';
  weight: number;
  activeConns: number;
  inactiveConns: number;
}

export interface VirtualServer {
  protocol: 'TCP' | 'UDP' | 'SCTP';
  address: string;
  port: number;
  scheduler: IpvsScheduler;
  /** Session affinity timeout in seconds (ClientIP), shown as `persistent N`. */
  persistentTimeout?: number;
  realServers: RealServer[];
  /** Which Service port and which of its addresses this is, for explanations. */
  service: { nameString: string; kind: 'cluster IP' | 'external IP' | 'load balancer IP' | 'node port' };
}

export interface IpvsState {
  virtualServers: VirtualServer[];
  /** Addresses on kube-ipvs0 (each a /32), in the order kube-proxy binds them. */
  dummyAddresses: string[];
  /** `PROTO/ip:port` → virtual server: the kernel's service hash table. */
  index: Map<string, VirtualServer>;
  /** Round-robin cursors per virtual server. */
  rrCursor: Map<VirtualServer, number>;
}

export interface IpvsInput {
  services: readonly Service[];
  endpointSlices: readonly EndpointSlice[];
  node: ProxyNode;
  scheduler?: IpvsScheduler;
  /** Addresses NodePorts listen on (kube-proxy's nodePortAddresses; default: the node IP). */
  nodePortAddresses?: readonly string[];
}

function realServers(eps: readonly EndpointInfo[]): RealServer[] {
  return eps.map((e) => ({ address: e.ip, port: e.port, forward: 'Masq', weight: 1, activeConns: 0, inactiveConns: 0 }));
}

export function vsKey(protocol: string, address: string, port: number): string {
  return `${protocol}/${address}:${port}`;
}

export function syncIpvs(input: IpvsInput): IpvsState {
  const scheduler = input.scheduler ?? 'rr';
  const virtualServers: VirtualServer[] = [];
  const dummy: string[] = [];
  const bind = (ip: string) => {
    if (!dummy.includes(ip)) dummy.push(ip);
  };
  for (const sp of buildServicePorts(input.services, input.endpointSlices, input.node)) {
    const { clusterEndpoints, localEndpoints } = categorizeEndpoints(sp);
    const internal = sp.internalPolicyLocal ? localEndpoints : clusterEndpoints;
    const external = sp.externalPolicyLocal ? localEndpoints : clusterEndpoints;
    const add = (address: string, port: number, eps: readonly EndpointInfo[], kind: VirtualServer['service']['kind']) =>
      virtualServers.push({ protocol: sp.protocol, address, port, scheduler, ...affinity(sp), realServers: realServers(eps), service: { nameString: sp.nameString, kind } });
    add(sp.clusterIP, sp.port, internal, 'cluster IP');
    bind(sp.clusterIP);
    for (const ip of sp.externalIPs) {
      add(ip, sp.port, external, 'external IP');
      bind(ip);
    }
    for (const ip of sp.loadBalancerVIPs) {
      add(ip, sp.port, external, 'load balancer IP');
      bind(ip);
    }
    if (sp.nodePort !== undefined) for (const ip of input.nodePortAddresses ?? [input.node.nodeIP]) add(ip, sp.nodePort, external, 'node port');
  }
  const index = new Map(virtualServers.map((vs) => [vsKey(vs.protocol, vs.address, vs.port), vs]));
  return { virtualServers, dummyAddresses: dummy, index, rrCursor: new Map() };
}

function affinity(sp: ServicePortInfo): { persistentTimeout?: number } {
  return sp.sessionAffinitySeconds !== undefined ? { persistentTimeout: sp.sessionAffinitySeconds } : {};
}

export type IpvsLookup =
  | { kind: 'no-virtual-server'; reason: string }
  | { kind: 'no-real-server'; virtualServer: VirtualServer; reason: string }
  | { kind: 'forward'; virtualServer: VirtualServer; realServer: RealServer; pick: IpvsPick; reason: string };

/** Why the scheduler picked that real server, as data (the packet trace renders it). */
export type IpvsPick = { scheduler: 'rr'; index: number; of: number } | { scheduler: 'lc'; activeConns: number } | { scheduler: 'sh'; source: string; bucket: number };

/**
 * One new connection to `dst:dport`: find the virtual server (one hash lookup), let its scheduler
 * pick a real server. rr advances a cursor, lc takes the fewest active connections (first on a
 * tie), sh hashes the client address into a 256-bucket table as ip_vs_sh does.
 */
export function ipvsSchedule(state: IpvsState, packet: { protocol: string; src: string; dst: string; dport: number }): IpvsLookup {
  const vs = state.index.get(vsKey(packet.protocol.toUpperCase(), packet.dst, packet.dport));
  if (!vs) return { kind: 'no-virtual-server', reason: `no IPVS virtual server for ${packet.protocol.toUpperCase()} ${packet.dst}:${packet.dport}` };
  const n = vs.realServers.length;
  if (n === 0) return { kind: 'no-real-server', virtualServer: vs, reason: `virtual server ${vs.address}:${vs.port} (${vs.service.nameString}) has no real servers` };
  let i: number;
  let why: string;
  let pick: IpvsPick;
  switch (vs.scheduler) {
    case 'rr': {
      const cursor = state.rrCursor.get(vs) ?? 0;
      i = cursor % n;
      state.rrCursor.set(vs, cursor + 1);
      why = `rr: next in turn (${i + 1} of ${n})`;
      pick = { scheduler: 'rr', index: i, of: n };
      break;
    }
    case 'lc': {
      i = 0;
      for (let k = 1; k < n; k++) if (vs.realServers[k].activeConns < vs.realServers[i].activeConns) i = k;
      why = `lc: fewest active connections (${vs.realServers[i].activeConns})`;
      pick = { scheduler: 'lc', activeConns: vs.realServers[i].activeConns };
      break;
    }
    case 'sh': {
      const bucket = sourceHashBucket(packet.src);
      i = bucket % n;
      why = `sh: source ${packet.src} hashes to bucket ${bucket}`;
      pick = { scheduler: 'sh', source: packet.src, bucket };
      break;
    }
    default: {
      const never: never = vs.scheduler;
      throw new Error(`unknown scheduler ${String(never)}`);
    }
  }
  const rs = vs.realServers[i];
  rs.activeConns++;
  return { kind: 'forward', virtualServer: vs, realServer: rs, pick, reason: `${vs.protocol} ${vs.address}:${vs.port} (${vs.service.nameString} ${vs.service.kind}) → ${rs.address}:${rs.port}; ${why}` };
}

/** ip_vs_sh: hash_32(addr, 8) with the golden-ratio multiplier; buckets are dealt to servers in turn. */
export function sourceHashBucket(ip: string): number {
  const a = parseIPv4(ip) ?? 0;
  return Math.imul(a >>> 0, 0x61c88647) >>> 24;
}
