// One netfilter hook as the packet meets it on a node: walk the table's built-in chain (and every
// kube-proxy chain it jumps to), then turn the verdict into what happens to the packet — a DNAT,
// a mark, a masquerade, a REJECT — with the matched rules, as `iptables -S` prints them, as the
// reasons. IPVS mode's virtual-server lookup is here too: it takes the place of nat's DNAT.

import { ChainWalkError, ipvsSchedule, walkChain, type NodeTables, type Packet, type VirtualServer, type WalkContext, type WalkResult } from '../kube-proxy';
import type { Headers, IpvsHopDecision, NetfilterHopDecision, NftablesHopDecision } from './types';
import type { NodeRuntimes } from './node-runtime';

/** What a hook does to the packet, beside the decision a trace shows. */
interface HookEffect {
  verdict?: 'DROP' | 'REJECT' | 'MASQUERADE' | 'DNAT';
  mark?: number;
  dnat?: { ip: string; port?: number };
  rewriteSrc?: string;
}

/** A hook either did nothing worth telling (no kube-proxy rule matched: the packet went on), or decided something. */
export type HookResult = { decision?: undefined; verdict?: undefined; mark?: undefined; dnat?: undefined; rewriteSrc?: undefined } | ({ decision: NetfilterHopDecision | IpvsHopDecision | NftablesHopDecision } & HookEffect);

const NOTHING: HookResult = {};

/** Rules that only route the walk into kube-proxy's chains; a trace does not repeat them. */
function isPlumbing(spec: string): boolean {
  return / -j (KUBE-SERVICES|KUBE-POSTROUTING|KUBE-NODEPORTS|KUBE-FORWARD|KUBE-FIREWALL|KUBE-PROXY-FIREWALL|KUBE-EXTERNAL-SERVICES|KUBE-NODE-PORT|KUBE-IPVS-FILTER|KUBE-IPVS-OUT-FILTER)$/.test(spec) && !spec.startsWith('-A KUBE-SERVICES -m comment');
}

function deciding(r: WalkResult): NetfilterHopDecision['matched'] {
  return r.matchedRules.filter((m) => !isPlumbing(m.spec)).map((m) => ({ chain: m.chain, ruleNumber: m.ruleNumber, spec: m.spec }));
}

export function natHook(tables: NodeTables, chain: 'PREROUTING' | 'OUTPUT' | 'POSTROUTING', packet: Packet, ctx: WalkContext): HookResult {
  const r = safeWalk(tables, 'nat', chain, packet, ctx);
  if ('error' in r) return { decision: { kind: 'netfilter', table: 'nat', chain, verdict: 'DROP', matched: [], error: r.error }, verdict: 'DROP' };
  const matched = deciding(r);
  const draws = r.draws.map((d) => ({ chain: d.chain, ruleNumber: d.ruleNumber, drawn: d.drawn, probability: d.probability, taken: d.taken }));
  const mark = r.packet.mark !== packet.mark ? r.packet.mark : undefined;
  const base = { kind: 'netfilter', table: 'nat', chain, matched, draws } as const;
  switch (r.verdict.kind) {
    case 'DNAT': {
      const [ip, port] = splitHostPort(r.verdict.toDestination);
      const to = { ip, ...(port !== undefined ? { port } : {}) };
      const from = { ip: packet.dst, ...(packet.dport !== undefined ? { port: packet.dport } : {}) };
      // iptables mode's cost, the reason IPVS exists: the kernel compares a new connection with
      // every KUBE-SERVICES rule ahead of its Service's.
      return { decision: { ...base, verdict: 'DNAT', dnat: { from, to }, rulesEvaluated: r.rulesEvaluated }, verdict: 'DNAT', dnat: to, ...(mark !== undefined ? { mark } : {}) };
    }
    case 'MASQUERADE':
      return { decision: { ...base, verdict: 'MASQUERADE', masquerade: { hairpin: r.matchedRules.some((m) => m.spec.includes('--match-set KUBE-LOOP-BACK')) } }, verdict: 'MASQUERADE' };
    default:
      if (mark !== undefined) return { decision: { ...base, verdict: 'MARK', mark }, mark };
      return NOTHING;
  }
}

export function filterHook(tables: NodeTables, chain: 'INPUT' | 'FORWARD' | 'OUTPUT', packet: Packet, ctx: WalkContext): HookResult {
  const r = safeWalk(tables, 'filter', chain, packet, ctx);
  if ('error' in r) return { decision: { kind: 'netfilter', table: 'filter', chain, verdict: 'DROP', matched: [], error: r.error }, verdict: 'DROP' };
  const matched = deciding(r);
  switch (r.verdict.kind) {
    case 'REJECT': {
      const because = r.matchedRules.at(-1)?.chain === 'KUBE-IPVS-FILTER' ? 'no-virtual-server' : 'no-endpoints';
      return { decision: { kind: 'netfilter', table: 'filter', chain, verdict: 'REJECT', matched, reject: { with: r.verdict.rejectWith, because } }, verdict: 'REJECT' };
    }
    case 'DROP':
      return { decision: { kind: 'netfilter', table: 'filter', chain, verdict: 'DROP', matched }, verdict: 'DROP' };
    case 'POLICY':
      if (r.verdict.policy === 'DROP') return { decision: { kind: 'netfilter', table: 'filter', chain, verdict: 'DROP', matched, policyDrop: true }, verdict: 'DROP' };
      return NOTHING;
    default:
      return NOTHING;
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
  if (!ipvs || h.dport === undefined) return NOTHING;
  const lookup = ipvsSchedule(ipvs, { protocol: h.protocol, src: h.src, dst: h.dst, dport: h.dport });
  switch (lookup.kind) {
    case 'no-virtual-server':
      return NOTHING;
    case 'no-real-server':
      return { decision: { kind: 'ipvs', node, virtualServer: virtualServerOf(lookup.virtualServer) }, verdict: 'REJECT' };
    case 'forward': {
      // The masquerade mark, if any, came from nat KUBE-SERVICES' ipset rules before IPVS ran.
      const rs = lookup.realServer;
      return {
        decision: { kind: 'ipvs', node, virtualServer: virtualServerOf(lookup.virtualServer), realServer: { address: rs.address, port: rs.port, weight: rs.weight }, pick: lookup.pick },
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

function virtualServerOf(vs: VirtualServer): IpvsHopDecision['virtualServer'] {
  return { protocol: vs.protocol, address: vs.address, port: vs.port, scheduler: vs.scheduler, servicePortName: vs.service.nameString, serviceKind: vs.service.kind };
}

function safeWalk(tables: NodeTables, table: 'nat' | 'filter', chain: string, packet: Packet, ctx: WalkContext): WalkResult | { error: string } {
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
