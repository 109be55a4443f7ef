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

const FELIX_JUMP = /^-A \S+ -m comment --comment "?cali:[\w-]+"? -[jg] \S+$/;

/** Rules that only route the walk into kube-proxy's chains; a trace does not repeat them. */
function isPlumbing(spec: string): boolean {
  // Felix's unconditional jumps between its own chains (`-A POSTROUTING … "cali:…" -j cali-POSTROUTING`) only route too.
  if (FELIX_JUMP.test(spec)) return true;
  return / -j (KUBE-SERVICES|KUBE-POSTROUTING|KUBE-NODEPORTS|KUBE-FORWARD|KUBE-FIREWALL|KUBE-PROXY-FIREWALL|KUBE-EXTERNAL-SERVICES|KUBE-NODE-PORT|KUBE-IPVS-FILTER|KUBE-IPVS-OUT-FILTER)$/.test(spec) && !spec.startsWith('-A KUBE-SERVICES -m comment');
}

/**
 * The rules a trace shows. A CNI agent's chains (prefix `cniPrefix`) that a packet went through
 * and came back from without a verdict (Felix's workload chains on an allowed packet) decided
 * nothing here; they are shown only when the verdict came from one of them.
 */
function deciding(r: WalkResult, cniPrefix?: string): NetfilterHopDecision['matched'] {
  const fromCni = cniPrefix !== undefined && (r.matchedRules.at(-1)?.chain.startsWith(cniPrefix) ?? false);
  return r.matchedRules
    .filter((m) => !isPlumbing(m.spec) && (fromCni || cniPrefix === undefined || !m.chain.startsWith(cniPrefix)))
    .map((m) => ({ chain: m.chain, ruleNumber: m.ruleNumber, spec: m.spec }));
}

/**
 * raw PREROUTING / OUTPUT, before conntrack (priority -300): a NOTRACK rule (NodeLocal DNSCache's)
 * leaves the packet untracked. The raw table exists only once something wrote to it.
 */
export function rawHook(tables: NodeTables, chain: 'PREROUTING' | 'OUTPUT', packet: Packet, ctx: WalkContext): HookResult {
  if (!tables.raw) return NOTHING;
  let r: WalkResult;
  try {
    r = walkChain(tables.raw, chain, packet, ctx);
  } catch (e) {
    if (e instanceof ChainWalkError) return { decision: { kind: 'netfilter', table: 'raw', chain, verdict: 'DROP', matched: [], error: e.message }, verdict: 'DROP' };
    throw e;
  }
  if (!r.packet.ctstate?.includes('UNTRACKED')) return NOTHING;
  return { decision: { kind: 'netfilter', table: 'raw', chain, verdict: 'NOTRACK', matched: deciding(r) } };
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
      return { decision: { ...base, verdict: 'MASQUERADE', masquerade: { hairpin: r.matchedRules.some((m) => m.spec.includes('--match-set KUBE-LOOP-BACK')), chain: r.matchedRules.at(-1)?.chain ?? '' } }, verdict: 'MASQUERADE' };
    default:
      if (mark !== undefined) return { decision: { ...base, verdict: 'MARK', mark }, mark };
      return NOTHING;
  }
}

export function filterHook(tables: NodeTables, chain: 'INPUT' | 'FORWARD' | 'OUTPUT', packet: Packet, ctx: WalkContext, cniPrefix?: string): HookResult {
  const r = safeWalk(tables, 'filter', chain, packet, ctx);
  if ('error' in r) return { decision: { kind: 'netfilter', table: 'filter', chain, verdict: 'DROP', matched: [], error: r.error }, verdict: 'DROP' };
  const matched = deciding(r, cniPrefix);
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
    const prefix = runtime.cni?.policyChainPrefix;
    const input = policyChainDefers(filterHook(runtime.tables, 'INPUT', nat.mark !== undefined ? { ...packet, mark: nat.mark } : packet, ctx, prefix), prefix);
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

/**
 * A DROP decided inside the CNI agent's policy chains (Felix's `cali-tw-…`: "End of tier default.
 * Drop if no policies passed packet") is NetworkPolicy at work: the policy hop that follows in the
 * walk reports it, naming the same chain and rule, and keeps the verdict's reasons the grader
 * reads. So the filter hook lets such a DROP through to that hop instead of ending the walk as a
 * bare netfilter DROP.
 */
export function policyChainDefers(r: HookResult, prefix: string | undefined): HookResult {
  if (!prefix || r.verdict !== 'DROP' || r.decision?.kind !== 'netfilter') return r;
  const last = r.decision.matched.at(-1);
  return last && last.chain.startsWith(prefix) ? {} : r;
}
