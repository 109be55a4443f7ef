// One netfilter hook as the packet meets it on a node: walk the table's built-in chain (and every
// kube-proxy chain it jumps to), then turn the verdict into what happens to the packet — a DNAT,
// a mark, a masquerade, a REJECT — with the matched rules, as `iptables -S` prints them, as the
// reasons. IPVS mode's virtual-server lookup is here too: it takes the place of nat's DNAT.

import { ChainWalkError, ipvsSchedule, walkChain, type NodeTables, type Packet, type WalkContext } from '../kube-proxy';
import type { Headers, HopKind } from './types';
import type { NodeRuntimes } from './node-runtime';

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
  return / -j (KUBE-SERVICES|KUBE-POSTROUTING|KUBE-NODEPORTS|KUBE-FORWARD|KUBE-FIREWALL|KUBE-PROXY-FIREWALL|KUBE-EXTERNAL-SERVICES|KUBE-NODE-PORT|KUBE-IPVS-FILTER|KUBE-IPVS-OUT-FILTER)$/.test(spec) && !spec.startsWith('-A KUBE-SERVICES -m comment');
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
      // iptables mode's cost, the reason IPVS exists: the kernel compares a new connection with
      // every KUBE-SERVICES rule ahead of its Service's.
      because.push(`the kernel compared this new connection with ${r.rulesEvaluated} rules to get here`);
      return { kind: 'netfilter', summary: `nat ${chain}: ${path}: DNAT ${packet.dst}${packet.dport !== undefined ? `:${packet.dport}` : ''} → ${r.verdict.toDestination}`, because, verdict: 'DNAT', dnat: { ip, ...(port !== undefined ? { port } : {}) }, ...(mark !== undefined ? { mark } : {}) };
    }
    case 'MASQUERADE':
      return { kind: 'netfilter', summary: `nat ${chain}: ${path}: MASQUERADE (${r.matchedRules.some((m) => m.spec.includes('--match-set KUBE-LOOP-BACK')) ? 'KUBE-LOOP-BACK: a pod reached itself through its Service, hairpin' : 'kube-proxy marked the connection 0x4000'}): the source becomes this node's outgoing address`, because, verdict: 'MASQUERADE' };
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
      return { kind: 'netfilter', summary: `filter ${chain}: REJECT (${r.verdict.rejectWith}): ${r.matchedRules.at(-1)?.chain === 'KUBE-IPVS-FILTER' ? 'KUBE-IPVS-FILTER refuses a new connection to an address on kube-ipvs0 that no IPVS virtual server takes' : 'kube-proxy rejects connections to a Service with no ready endpoints'}`, because, verdict: 'REJECT' };
    case 'DROP':
      return { kind: 'netfilter', summary: `filter ${chain}: DROP`, because, verdict: 'DROP' };
    case 'POLICY':
      if (r.verdict.policy === 'DROP') return { kind: 'netfilter', summary: `filter ${chain}: policy DROP`, because, verdict: 'DROP' };
      return { kind: 'netfilter', because: [] };
    default:
      return { kind: 'netfilter', because: [] };
  }
}

/**
 * IPVS mode's hooks before routing, in kernel order: nat PREROUTING/OUTPUT (KUBE-SERVICES over the
 * ipsets: the masquerade mark), then — for a packet arriving for one of the node's own addresses —
 * filter INPUT (KUBE-IPVS-FILTER), since IPVS takes arriving packets at LOCAL_IN after it; a local
 * sender meets IPVS at LOCAL_OUT without crossing INPUT. `walkedInput` says whether INPUT ran.
 */
export function ipvsHooks(runtime: ReturnType<NodeRuntimes['node']>, h: Headers, packet: Packet, node: string, local: boolean, ctx: WalkContext): { results: HookResult[]; walkedInput: boolean } {
  const nat = natHook(runtime.tables, local ? 'OUTPUT' : 'PREROUTING', packet, ctx);
  const results = [nat];
  if (nat.verdict) return { results, walkedInput: false };
  const walkedInput = !local && ctx.isLocalAddress(packet.dst);
  if (walkedInput) {
    const input = filterHook(runtime.tables, 'INPUT', nat.mark !== undefined ? { ...packet, mark: nat.mark } : packet, ctx);
    results.push(input);
    if (input.verdict) return { results, walkedInput };
  }
  results.push(ipvsLocal(runtime, h, node));
  return { results, walkedInput };
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
      // The masquerade mark, if any, came from nat KUBE-SERVICES' ipset rules before IPVS ran.
      const rs = lookup.realServer;
      return {
        kind: 'ipvs',
        summary: `IPVS on ${node}: ${lookup.reason}`,
        because: [`-A -t ${lookup.virtualServer.address}:${lookup.virtualServer.port} -s ${lookup.virtualServer.scheduler}`, `-a -t ${lookup.virtualServer.address}:${lookup.virtualServer.port} -r ${rs.address}:${rs.port} -m -w ${rs.weight}`, 'the kernel found the virtual server with one hash-table lookup, however many Services there are'],
        verdict: 'DNAT',
        dnat: { ip: rs.address, port: rs.port },
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
