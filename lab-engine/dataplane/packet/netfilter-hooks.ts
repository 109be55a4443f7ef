// One netfilter hook as the packet meets it on a node: walk the table's built-in chain (and every
// kube-proxy chain it jumps to), then turn the verdict into what happens to the packet — a DNAT,
// a mark, a masquerade, a REJECT — with the matched rules, as `iptables -S` prints them, as the
// reasons. IPVS mode's virtual-server lookup is here too: it takes the place of nat's DNAT.

import { ChainWalkError, ipvsSchedule, walkChain, type NodeTables, type Packet, type WalkContext } from '../kube-proxy';
import { cidrContains, parseIPv4, parseIpv4Cidr } from '../policy/ipv4';
import { POD_NETWORK_CIDR } from '../../cluster/default-topology';
import type { Headers, HopKind } from './types';
import type { NodeRuntimes } from './node-runtime';

const POD_NETWORK = parseIpv4Cidr(POD_NETWORK_CIDR)!;

export interface HookResult {
  kind: HopKind;
  /** Absent when nothing worth telling happened (no kube-proxy rule matched, the packet went on). */
  summary?: string;
  because: string[];
  verdict?: 'ACCEPT' | 'DROP' | 'REJECT' | 'MASQUERADE' | 'DNAT';
  mark?: number;
  dnat?: { ip: string; port?: number };
  rewriteSrc?: string;
}

/** Rules that only route the walk into kube-proxy's chains; a trace does not repeat them. */
function isPlumbing(spec: string): boolean {
  return / -j (KUBE-SERVICES|KUBE-POSTROUTING|KUBE-NODEPORTS|KUBE-FORWARD|KUBE-FIREWALL|KUBE-PROXY-FIREWALL|KUBE-EXTERNAL-SERVICES)$/.test(spec) && !spec.startsWith('-A KUBE-SERVICES -m comment');
}

export function natHook(tables: NodeTables, chain: 'PREROUTING' | 'OUTPUT' | 'POSTROUTING', packet: Packet, ctx: WalkContext): HookResult {
  const r = safeWalk(tables, 'nat', chain, packet, ctx);
  if ('error' in r) return { kind: 'netfilter', summary: `nat ${chain}: ${r.error}`, because: [], verdict: 'DROP' };
  const rules = r.matchedRules.filter((m) => !isPlumbing(m.spec));
  const because = rules.map((m) => m.spec);
  for (const d of r.draws) because.push(`${d.chain} rule ${d.ruleNumber}: statistic drew ${d.drawn.toFixed(4)} against probability ${d.probability} → ${d.taken ? 'taken' : 'next rule'}`);
  const mark = r.packet.mark !== packet.mark ? r.packet.mark : undefined;
  const path = [...new Set(rules.map((m) => m.chain))].join(' → ');
  switch (r.verdict.kind) {
    case 'DNAT': {
      const [ip, port] = splitHostPort(r.verdict.toDestination);
      return { kind: 'netfilter', summary: `nat ${chain}: ${path}: DNAT ${packet.dst}${packet.dport !== undefined ? `:${packet.dport}` : ''} → ${r.verdict.toDestination}`, because, verdict: 'DNAT', dnat: { ip, ...(port !== undefined ? { port } : {}) }, ...(mark !== undefined ? { mark } : {}) };
    }
    case 'MASQUERADE':
      return { kind: 'netfilter', summary: `nat ${chain}: ${path}: MASQUERADE (kube-proxy marked the connection 0x4000): the source becomes this node's outgoing address`, because, verdict: 'MASQUERADE' };
    default:
      if (mark !== undefined) return { kind: 'netfilter', summary: `nat ${chain}: ${path}: mark 0x${(mark ?? 0).toString(16)}`, because, mark };
      return { kind: 'netfilter', because: [] };
  }
}

export function filterHook(tables: NodeTables, chain: 'INPUT' | 'FORWARD' | 'OUTPUT', packet: Packet, ctx: WalkContext): HookResult {
  const r = safeWalk(tables, 'filter', chain, packet, ctx);
  if ('error' in r) return { kind: 'netfilter', summary: `filter ${chain}: ${r.error}`, because: [], verdict: 'DROP' };
  const because = r.matchedRules.filter((m) => !isPlumbing(m.spec)).map((m) => m.spec);
  switch (r.verdict.kind) {
    case 'REJECT':
      return { kind: 'netfilter', summary: `filter ${chain}: REJECT (${r.verdict.rejectWith}): kube-proxy rejects connections to a Service with no ready endpoints`, because, verdict: 'REJECT' };
    case 'DROP':
      return { kind: 'netfilter', summary: `filter ${chain}: DROP`, because, verdict: 'DROP' };
    case 'POLICY':
      if (r.verdict.policy === 'DROP') return { kind: 'netfilter', summary: `filter ${chain}: policy DROP`, because, verdict: 'DROP' };
      return { kind: 'netfilter', because: [] };
    default:
      return { kind: 'netfilter', because: [] };
  }
}

/** IPVS mode: a virtual server on kube-ipvs0 takes the connection and picks a real server. */
export function ipvsLocal(runtime: ReturnType<NodeRuntimes['node']>, h: Headers, node: string): HookResult {
  const ipvs = runtime.ipvs;
  if (!ipvs || h.dport === undefined) return { kind: 'ipvs', because: [] };
  const lookup = ipvsSchedule(ipvs, { protocol: h.protocol, src: h.src, dst: h.dst, dport: h.dport });
  switch (lookup.kind) {
    case 'no-virtual-server':
      return { kind: 'ipvs', because: [] };
    case 'no-real-server':
      return { kind: 'ipvs', summary: `IPVS on ${node}: ${lookup.reason}; nothing listens on the VIP itself`, because: [`-A -t ${lookup.virtualServer.address}:${lookup.virtualServer.port} -s ${lookup.virtualServer.scheduler}`], verdict: 'REJECT' };
    case 'forward': {
      const fromOutside = !cidrContains(POD_NETWORK, parseIPv4(h.src) ?? 0);
      const masq = fromOutside || lookup.virtualServer.service.kind === 'node port';
      const rs = lookup.realServer;
      return {
        kind: 'ipvs',
        summary: `IPVS on ${node}: ${lookup.reason}`,
        because: [`-A -t ${lookup.virtualServer.address}:${lookup.virtualServer.port} -s ${lookup.virtualServer.scheduler}`, `-a -t ${lookup.virtualServer.address}:${lookup.virtualServer.port} -r ${rs.address}:${rs.port} -m -w ${rs.weight}`, ...(masq ? ['KUBE-MARK-MASQ: the client is outside the pod network, so the reply must come back through this node'] : [])],
        verdict: 'DNAT',
        dnat: { ip: rs.address, port: rs.port },
        ...(masq ? { mark: 0x4000 } : {}),
      };
    }
    default: {
      const never: never = lookup;
      return never;
    }
  }
}

function safeWalk(tables: NodeTables, table: 'nat' | 'filter', chain: string, packet: Packet, ctx: WalkContext): ReturnType<typeof walkChain> | { error: string } {
  try {
    return walkChain(tables[table], chain, packet, ctx);
  } catch (e) {
    if (e instanceof ChainWalkError) return { error: e.message };
    throw e;
  }
}

function splitHostPort(s: string): [string, number | undefined] {
  const i = s.lastIndexOf(':');
  return i < 0 ? [s, undefined] : [s.slice(0, i), Number(s.slice(i + 1))];
}
