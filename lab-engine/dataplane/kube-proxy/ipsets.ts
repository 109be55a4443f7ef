// The ipsets kube-proxy's IPVS proxier keeps on a node (kubernetes/kubernetes pkg/proxy/ipvs/
// proxier.go `ipsetInfo`, names and comments from pkg/proxy/ipvs/ipset.go), their members as
// syncProxyRules fills them from Services and EndpointSlices, and the kernel's membership test the
// iptables `-m set --match-set NAME dst,dst[,src]` match performs. All seventeen sets are created on
// every sync, empty or not; which iptables rules reference them is ipvs-rules.ts' business.
//
// kube-proxy creates the sets without the `comment` extension and adds members without comments
// (pkg/proxy/ipvs/ipset/ipset.go createSet/AddEntry), so the comments below only ever appear in
// iptables rules (`-m comment --comment "..."`), never in `ipset list`.

import { cidrContains, parseIPv4, parseIpv4Cidr } from '../../kube/ipv4';
import type { ServicePortInfo } from './service-ports';
import type { ProxyNode } from './types';

export type IpsetType = 'hash:ip' | 'hash:ip,port' | 'hash:ip,port,ip' | 'hash:ip,port,net' | 'bitmap:port' | 'hash:net';

export interface IpsetInfo {
  name: string;
  type: IpsetType;
  comment: string;
}

/** proxier.go `ipsetInfo`, in its order (kube-proxy creates the sets in this order's map). */
export const IPSET_INFO: readonly IpsetInfo[] = [
  { name: 'KUBE-LOOP-BACK', type: 'hash:ip,port,ip', comment: 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose' },
  { name: 'KUBE-CLUSTER-IP', type: 'hash:ip,port', comment: 'Kubernetes service cluster ip + port for masquerade purpose' },
  { name: 'KUBE-EXTERNAL-IP', type: 'hash:ip,port', comment: 'Kubernetes service external ip + port for masquerade and filter purpose' },
  { name: 'KUBE-EXTERNAL-IP-LOCAL', type: 'hash:ip,port', comment: 'Kubernetes service external ip + port with externalTrafficPolicy=local' },
  { name: 'KUBE-LOAD-BALANCER', type: 'hash:ip,port', comment: 'Kubernetes service lb portal' },
  { name: 'KUBE-LOAD-BALANCER-FW', type: 'hash:ip,port', comment: 'Kubernetes service load balancer ip + port for load balancer with sourceRange' },
  { name: 'KUBE-LOAD-BALANCER-LOCAL', type: 'hash:ip,port', comment: 'Kubernetes service load balancer ip + port with externalTrafficPolicy=local' },
  { name: 'KUBE-LOAD-BALANCER-SOURCE-IP', type: 'hash:ip,port,ip', comment: 'Kubernetes service load balancer ip + port + source IP for packet filter purpose' },
  { name: 'KUBE-LOAD-BALANCER-SOURCE-CIDR', type: 'hash:ip,port,net', comment: 'Kubernetes service load balancer ip + port + source cidr for packet filter purpose' },
  { name: 'KUBE-NODE-PORT-TCP', type: 'bitmap:port', comment: 'Kubernetes nodeport TCP port for masquerade purpose' },
  { name: 'KUBE-NODE-PORT-LOCAL-TCP', type: 'bitmap:port', comment: 'Kubernetes nodeport TCP port with externalTrafficPolicy=local' },
  { name: 'KUBE-NODE-PORT-UDP', type: 'bitmap:port', comment: 'Kubernetes nodeport UDP port for masquerade purpose' },
  { name: 'KUBE-NODE-PORT-LOCAL-UDP', type: 'bitmap:port', comment: 'Kubernetes nodeport UDP port with externalTrafficPolicy=local' },
  { name: 'KUBE-NODE-PORT-SCTP-HASH', type: 'hash:ip,port', comment: "Kubernetes nodeport SCTP port for masquerade purpose with type 'hash ip:port'" },
  { name: 'KUBE-NODE-PORT-LOCAL-SCTP-HASH', type: 'hash:ip,port', comment: "Kubernetes nodeport SCTP port with externalTrafficPolicy=local with type 'hash ip:port'" },
  { name: 'KUBE-HEALTH-CHECK-NODE-PORT', type: 'bitmap:port', comment: 'Kubernetes health check node port' },
  { name: 'KUBE-IPVS-IPS', type: 'hash:ip', comment: 'Addresses on the ipvs interface' },
];

const INFO_BY_NAME = new Map(IPSET_INFO.map((i) => [i.name, i]));

export function ipsetInfo(name: string): IpsetInfo {
  const info = INFO_BY_NAME.get(name);
  if (!info) throw new Error(`kube-proxy has no ipset ${name}`);
  return info;
}

export interface IpSet extends IpsetInfo {
  /** The create-time maxelem (kube-proxy leaves ipset's 65536; Felix asks for 1048576). */
  maxelem?: number;
  /** Entries as kube-proxy writes them (`10.96.0.10,udp:53`, `30080`), in the order it adds them (sorted). */
  members: string[];
}

/** A load-balancer VIP:port the node itself may not reach (sourceRanges that exclude the node). */
export interface LbNoNodeAccess {
  ip: string;
  proto: string;
  port: number;
}

export interface NodeIpsets {
  sets: IpSet[];
  byName: Map<string, IpSet>;
  lbNoNodeAccess: LbNoNodeAccess[];
}

/**
 * syncProxyRules' ipset half: every Service port adds its ClusterIP:port, external IPs, LB VIPs,
 * node ports and health-check port to the matching sets; this node's endpoints go to KUBE-LOOP-BACK;
 * KUBE-IPVS-IPS holds what is bound to kube-ipvs0.
 */
export function buildIpsets(servicePorts: readonly ServicePortInfo[], node: ProxyNode, boundAddresses: readonly string[], nodePortAddresses: readonly string[] = [node.nodeIP]): NodeIpsets {
  const entries = new Map<string, Set<string>>(IPSET_INFO.map((i) => [i.name, new Set<string>()]));
  const add = (set: string, entry: string) => entries.get(set)!.add(entry);
  const lbNoNodeAccess: LbNoNodeAccess[] = [];
  const nodeIP = parseIPv4(node.nodeIP);
  for (const sp of servicePorts) {
    const { proto, port } = sp;
    const ipPort = (ip: string) => `${ip},${proto}:${port}`;
    // Hairpin: a local endpoint reaching its own Service is masqueraded in POSTROUTING.
    for (const ep of sp.endpoints) if (ep.isLocal) add('KUBE-LOOP-BACK', `${ep.ip},${proto}:${ep.port},${ep.ip}`);
    add('KUBE-CLUSTER-IP', ipPort(sp.clusterIP));
    for (const ip of sp.externalIPs) add(sp.externalPolicyLocal ? 'KUBE-EXTERNAL-IP-LOCAL' : 'KUBE-EXTERNAL-IP', ipPort(ip));
    for (const vip of sp.loadBalancerVIPs) {
      add('KUBE-LOAD-BALANCER', ipPort(vip));
      if (sp.externalPolicyLocal) add('KUBE-LOAD-BALANCER-LOCAL', ipPort(vip));
      if (sp.loadBalancerSourceRanges.length === 0) continue;
      add('KUBE-LOAD-BALANCER-FW', ipPort(vip));
      let allowFromNode = false;
      for (const cidr of sp.loadBalancerSourceRanges) {
        add('KUBE-LOAD-BALANCER-SOURCE-CIDR', `${ipPort(vip)},${cidr}`);
        const parsed = parseIpv4Cidr(cidr);
        if (parsed && nodeIP !== undefined && cidrContains(parsed, nodeIP)) allowFromNode = true;
      }
      if (allowFromNode) add('KUBE-LOAD-BALANCER-SOURCE-IP', `${ipPort(vip)},${vip}`);
      else lbNoNodeAccess.push({ ip: vip, proto, port });
    }
    if (sp.nodePort !== undefined && nodePortAddresses.length > 0) {
      const local = sp.externalPolicyLocal;
      switch (proto) {
        case 'tcp':
        case 'udp': {
          const suffix = proto.toUpperCase();
          add(`KUBE-NODE-PORT-${suffix}`, String(sp.nodePort));
          if (local) add(`KUBE-NODE-PORT-LOCAL-${suffix}`, String(sp.nodePort));
          break;
        }
        case 'sctp':
          // bitmap:port has no protocol, so SCTP node ports go into hash:ip,port per node address.
          for (const ip of nodePortAddresses) {
            add('KUBE-NODE-PORT-SCTP-HASH', `${ip},sctp:${sp.nodePort}`);
            if (local) add('KUBE-NODE-PORT-LOCAL-SCTP-HASH', `${ip},sctp:${sp.nodePort}`);
          }
          break;
        default: {
          const never: never = proto;
          throw new Error(`unknown protocol ${String(never)}`);
        }
      }
    }
    if (sp.healthCheckNodePort !== undefined) add('KUBE-HEALTH-CHECK-NODE-PORT', String(sp.healthCheckNodePort));
  }
  for (const ip of boundAddresses) add('KUBE-IPVS-IPS', ip);
  // IPSet.syncIPSetEntries adds `activeEntries.Difference(current).List()`: sorted strings.
  const sets = IPSET_INFO.map((info) => ({ ...info, members: [...entries.get(info.name)!].sort() }));
  return { sets, byName: new Map(sets.map((s) => [s.name, s])), lbNoNodeAccess };
}

/** The header fields of a packet a set match reads. */
export interface SetPacket {
  src: string;
  dst: string;
  protocol: string;
  sport?: number;
  dport?: number;
}

/**
 * xt_set's test: build the element from the packet along the rule's direction flags (one flag per
 * dimension: `dst,dst,src` = destination IP, destination port, source IP) and look it up. Ports
 * come with their protocol; an ICMP echo's "port" is its type/code, which no kube-proxy entry has.
 */
export function ipsetTest(set: IpSet, flags: readonly ('src' | 'dst')[], p: SetPacket): boolean {
  const ip = (k: number) => (flags[k] === 'src' ? p.src : p.dst);
  const port = (k: number): string | undefined => {
    if (p.protocol === 'icmp') return 'icmp:8/0';
    const n = flags[k] === 'src' ? p.sport : p.dport;
    return n === undefined ? undefined : `${p.protocol}:${n}`;
  };
  switch (set.type) {
    case 'hash:ip':
      return flags.length >= 1 && set.members.includes(ip(0));
    case 'hash:ip,port': {
      const pp = port(1);
      return flags.length >= 2 && pp !== undefined && set.members.includes(`${ip(0)},${pp}`);
    }
    case 'hash:ip,port,ip': {
      const pp = port(1);
      return flags.length >= 3 && pp !== undefined && set.members.includes(`${ip(0)},${pp},${ip(2)}`);
    }
    case 'hash:ip,port,net': {
      const pp = port(1);
      const third = parseIPv4(ip(2));
      if (flags.length < 3 || pp === undefined || third === undefined) return false;
      const prefix = `${ip(0)},${pp},`;
      return set.members.some((m) => {
        if (!m.startsWith(prefix)) return false;
        const net = parseIpv4Cidr(m.slice(prefix.length));
        return net !== undefined && cidrContains(net, third);
      });
    }
    case 'hash:net':
      // Members are CIDRs (Felix's IP pools, its selector sets' /32s): the address must fall in one.
      return flags.length >= 1 && set.members.some((m) => {
        const net = parseIpv4Cidr(m.includes('/') ? m : `${m}/32`);
        const addr = parseIPv4(ip(0));
        return net !== undefined && addr !== undefined && cidrContains(net, addr);
      });
    case 'bitmap:port': {
      // The kernel takes the port of TCP, UDP, SCTP and UDP-Lite packets only.
      if (flags.length < 1 || p.protocol === 'icmp') return false;
      const n = flags[0] === 'src' ? p.sport : p.dport;
      return n !== undefined && set.members.includes(String(n));
    }
    default: {
      const never: never = set.type;
      throw new Error(`unknown set type ${String(never)}`);
    }
  }
}
