// Walks one packet through a chain as the kernel's ip_tables would: rules in order, every match
// must hold, a jump enters the named chain and comes back on RETURN or at its end, a terminating
// target ends the walk. Each rule that matched is returned with why it matched, so a packet trace,
// the grader and hints read the same explanation. The statistic match draws from an injected RNG
// (the simulator's seeded one), so a seed reproduces kube-proxy's endpoint pick.

import { cidrContains, formatIPv4, parseIPv4 } from '../../../kube/ipv4';
import { statisticDraw } from '../probability';
import { formatRuleSave } from './format-rule';
import { candidateRules } from './chain-dispatch';
import { findChain, isBuiltinChain, type Match, type Rule, type Table } from './rule';
import { ipvsModeMatch } from './set-match';
import type { IpSet } from '../ipsets';

/** Chains entered before the walk gives up (the kernel refuses loops at load time; this is a guard). */
export const MAX_CHAIN_DEPTH = 64;

export type ConntrackState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED' | 'SNAT' | 'DNAT';

export interface Packet {
  src: string;
  dst: string;
  protocol: 'tcp' | 'udp' | 'sctp' | 'icmp';
  sport?: number;
  dport?: number;
  /** skb->mark. */
  mark?: number;
  /** Conntrack states the packet's connection is in (a new connection: ['NEW']). */
  ctstate?: readonly ConntrackState[];
  /** The device it came in on / leaves by, for `-i` / `-o` (unknown: no named interface matches). */
  inDev?: string;
  outDev?: string;
}

/** ClientIP affinity memory of `-m recent`: list name → source IP → last seen (seconds). */
export type RecentLists = Map<string, Map<string, number>>;

export interface WalkContext {
  /** addrtype LOCAL: is this address one of the node's own? */
  isLocalAddress(ip: string): boolean;
  /** A float in [0, 1): the statistic match's draw. */
  random(): number;
  /** Seconds on the simulation clock, for `-m recent --seconds`. */
  now?: number;
  recent?: RecentLists;
  /** The node's ipsets, by name, for `-m set --match-set` (IPVS mode). */
  ipsets?: ReadonlyMap<string, IpSet>;
  /** Told of each finished walk, so the rules' counters can move with the packets that really met them. */
  observe?(table: Table, chain: string, packet: Packet, result: WalkResult): void;
}

export interface MatchedRule {
  table: string;
  chain: string;
  /** 1-based, as `iptables -L --line-numbers` shows it. */
  ruleNumber: number;
  /** The rule as `iptables -S` prints it. */
  spec: string;
  /** One reason per match, then what the target did. */
  because: string[];
  effect: string;
}

export interface StatisticDraw {
  chain: string;
  ruleNumber: number;
  drawn: number;
  probability: string;
  taken: boolean;
}

export type WalkVerdict =
  | { kind: 'ACCEPT' | 'DROP' }
  | { kind: 'REJECT'; rejectWith: string }
  | { kind: 'DNAT'; toDestination: string }
  | { kind: 'MASQUERADE' }
  /** Fell off the end of (or RETURNed from) the starting user chain: the caller continues. */
  | { kind: 'RETURN' }
  /** Fell off the end of a built-in chain: its policy applies. */
  | { kind: 'POLICY'; policy: 'ACCEPT' | 'DROP' };

export interface WalkResult {
  verdict: WalkVerdict;
  matchedRules: MatchedRule[];
  draws: StatisticDraw[];
  /** The packet as it leaves (MARK may have changed it). */
  packet: Packet;
  /** Rules the kernel compares the packet against on this walk (it scans each chain in order). */
  rulesEvaluated: number;
}

export class ChainWalkError extends Error {}

export function walkChain(table: Table, chainName: string, packet: Packet, ctx: WalkContext): WalkResult {
  const matchedRules: MatchedRule[] = [];
  const draws: StatisticDraw[] = [];
  const state: WalkState = { packet: { ...packet }, srcN: parseIPv4(packet.src), dstN: parseIPv4(packet.dst), rulesEvaluated: 0 };
  const verdict = walk(table, chainName, state, ctx, matchedRules, draws, 0);
  const result: WalkResult = { verdict, matchedRules, draws, packet: state.packet, rulesEvaluated: state.rulesEvaluated };
  ctx.observe?.(table, chainName, packet, result);
  return result;
}

/** The packet plus its addresses parsed once: KUBE-SERVICES compares them against 10^4 rules. */
interface WalkState {
  packet: Packet;
  srcN: number | undefined;
  dstN: number | undefined;
  rulesEvaluated: number;
}

function walk(table: Table, chainName: string, state: WalkState, ctx: WalkContext, out: MatchedRule[], draws: StatisticDraw[], depth: number): WalkVerdict {
  if (depth > MAX_CHAIN_DEPTH) throw new ChainWalkError(`more than ${MAX_CHAIN_DEPTH} nested chains from ${chainName}`);
  const chain = findChain(table, chainName);
  if (!chain) throw new ChainWalkError(`no chain ${chainName} in table ${table.name}`);
  const rules = chain.rules;
  // KUBE-SERVICES holds one `-d VIP/32` rule per Service port: visit only the rules this
  // destination can match (chain-dispatch.ts), in order, and count what the kernel would scan.
  const order = candidateRules(chain, state.dstN);
  const count = order ? order.length : rules.length;
  const end = (verdict: WalkVerdict, i: number): WalkVerdict => {
    state.rulesEvaluated += i + 1;
    return verdict;
  };
  for (let n = 0; n < count; n++) {
    const i = order ? order[n] : n;
    const rule = rules[i];
    const d = rule.destination;
    if (d && (state.dstN !== undefined && cidrContains(d, state.dstN)) === d.negate) continue;
    const because = ruleMatches(rule, state, ctx, (drawn, probability, taken) => draws.push({ chain: chain.name, ruleNumber: i + 1, drawn, probability, taken }));
    if (!because) continue;
    const record: MatchedRule = { table: table.name, chain: chain.name, ruleNumber: i + 1, spec: formatRuleSave(rule), because, effect: '' };
    out.push(record);
    const t = rule.target;
    switch (t.kind) {
      case 'none':
        record.effect = 'no target: counted, walk continues';
        continue;
      case 'ACCEPT':
      case 'DROP':
        record.effect = t.kind;
        return end({ kind: t.kind }, i);
      case 'REJECT':
        record.effect = `REJECT with ${t.rejectWith}`;
        return end({ kind: 'REJECT', rejectWith: t.rejectWith }, i);
      case 'RETURN':
        record.effect = `RETURN from ${chain.name}`;
        return end({ kind: 'RETURN' }, i);
      case 'DNAT':
        record.effect = `DNAT to ${t.toDestination}`;
        return end({ kind: 'DNAT', toDestination: t.toDestination }, i);
      case 'MASQUERADE':
        record.effect = 'MASQUERADE: source becomes the outgoing interface address';
        return end({ kind: 'MASQUERADE' }, i);
      case 'MARK': {
        const before = state.packet.mark ?? 0;
        const after = t.op === 'or' ? (before | t.value) >>> 0 : t.op === 'xor' ? (before ^ t.value) >>> 0 : ((before & ~t.mask) | t.value) >>> 0;
        state.packet = { ...state.packet, mark: after };
        record.effect = `MARK ${t.op} 0x${t.value.toString(16)}: mark 0x${before.toString(16)} → 0x${after.toString(16)}`;
        continue;
      }
      case 'NOTRACK':
        // The skb gets the untracked template: no entry now, and `--ctstate UNTRACKED` from here on.
        state.packet = { ...state.packet, ctstate: ['UNTRACKED'] };
        record.effect = 'NOTRACK: no conntrack entry for this packet';
        continue;
      case 'jump': {
        if (findChain(table, t.chain)) {
          record.effect = `${t.goto ? 'goto' : 'jump to'} ${t.chain}`;
          const inner = walk(table, t.chain, state, ctx, out, draws, depth + 1);
          if (inner.kind === 'RETURN' && !t.goto) continue;
          // A goto's RETURN ends this chain too: the walk resumes in this chain's caller.
          if (inner.kind === 'RETURN' && isBuiltinChain(table.name, chain.name)) return end({ kind: 'POLICY', policy: chain.policy ?? 'ACCEPT' }, i);
          return end(inner, i);
        }
        throw new ChainWalkError(`rule ${i + 1} of ${chain.name} jumps to missing chain ${t.chain}`);
      }
      default: {
        const never: never = t;
        throw new ChainWalkError(`unknown target ${JSON.stringify(never)}`);
      }
    }
  }
  return end(isBuiltinChain(table.name, chain.name) ? { kind: 'POLICY', policy: chain.policy ?? 'ACCEPT' } : { kind: 'RETURN' }, rules.length - 1);
}

/** The reasons a rule matches, or undefined if one of its conditions fails. */
function ruleMatches(rule: Rule, state: WalkState, ctx: WalkContext, onDraw: (drawn: number, probability: string, taken: boolean) => void): string[] | undefined {
  const p = state.packet;
  // Address checks first and without allocating: most rules a packet meets fail here.
  if (rule.destination && (state.dstN !== undefined && cidrContains(rule.destination, state.dstN)) === rule.destination.negate) return undefined;
  if (rule.source && (state.srcN !== undefined && cidrContains(rule.source, state.srcN)) === rule.source.negate) return undefined;
  const because: string[] = [];
  if (rule.source) {
    because.push(`source ${p.src} ${rule.source.negate ? 'is not in' : 'is in'} ${formatIPv4(rule.source.network)}/${rule.source.prefix}`);
  }
  if (rule.destination) {
    because.push(`destination ${p.dst} ${rule.destination.negate ? 'is not in' : 'is in'} ${formatIPv4(rule.destination.network)}/${rule.destination.prefix}`);
  }
  if (rule.protocol) {
    if ((p.protocol === rule.protocol.name) === rule.protocol.negate) return undefined;
    because.push(`protocol ${p.protocol}`);
  }
  if (rule.inIface) {
    if (ifaceMatches(rule.inIface.name, p.inDev) === rule.inIface.negate) return undefined;
    because.push(`came in on ${p.inDev ?? '?'}`);
  }
  if (rule.outIface) {
    if (ifaceMatches(rule.outIface.name, p.outDev) === rule.outIface.negate) return undefined;
    because.push(`leaves by ${p.outDev ?? '?'}`);
  }
  for (const m of rule.matches) {
    const reason = matchHolds(m, p, ctx, onDraw);
    if (reason === undefined) return undefined;
    if (reason) because.push(reason);
  }
  return because;
}

/** `cali+` matches every name starting with `cali`; without `+` the name must be equal. */
function ifaceMatches(pattern: string, dev: string | undefined): boolean {
  if (dev === undefined) return false;
  return pattern.endsWith('+') ? dev.startsWith(pattern.slice(0, -1)) : dev === pattern;
}

/** '' = holds with nothing worth saying; undefined = fails. */
function matchHolds(m: Match, p: Packet, ctx: WalkContext, onDraw: (drawn: number, probability: string, taken: boolean) => void): string | undefined {
  switch (m.module) {
    case 'comment':
      return `comment "${m.comment}"`;
    case 'tcp':
    case 'udp':
    case 'sctp': {
      if (p.protocol !== m.module) return undefined;
      const inRange = (port: number | undefined, r: { from: number; to: number; negate: boolean }) => port !== undefined && (port >= r.from && port <= r.to) !== r.negate;
      if (m.dport && !inRange(p.dport, m.dport)) return undefined;
      if (m.sport && !inRange(p.sport, m.sport)) return undefined;
      return m.dport ? `${m.module} destination port ${p.dport}` : '';
    }
    case 'addrtype': {
      if (m.srcType && (ctx.isLocalAddress(p.src) !== (m.srcType.type === 'LOCAL')) !== m.srcType.negate) return undefined;
      if (m.dstType && (ctx.isLocalAddress(p.dst) !== (m.dstType.type === 'LOCAL')) !== m.dstType.negate) return undefined;
      return m.dstType ? `destination ${p.dst} is a local address of this node` : `source ${p.src} is a local address of this node`;
    }
    case 'statistic': {
      const drawn = ctx.random();
      const taken = statisticDraw(m.fixedPoint, drawn);
      const probability = (m.fixedPoint / 0x80000000).toFixed(11);
      onDraw(drawn, probability, taken);
      return taken ? `statistic: drew ${drawn.toFixed(4)} < probability ${probability}` : undefined;
    }
    case 'mark': {
      const ok = (((p.mark ?? 0) & m.mask) >>> 0 === (m.mark & m.mask) >>> 0) !== m.negate;
      return ok ? `mark 0x${(p.mark ?? 0).toString(16)} ${m.negate ? 'lacks' : 'has'} 0x${m.mark.toString(16)}/0x${m.mask.toString(16)}` : undefined;
    }
    case 'conntrack': {
      const states = p.ctstate ?? ['NEW'];
      const ok = m.ctstate.some((s) => states.includes(s as ConntrackState)) !== m.negate;
      return ok ? `connection state ${states.join(',')}` : undefined;
    }
    case 'recent': {
      const list = ctx.recent?.get(m.name) ?? new Map<string, number>();
      const now = ctx.now ?? 0;
      if (m.command === 'set') {
        if (ctx.recent) {
          list.set(p.src, now);
          ctx.recent.set(m.name, list);
        }
        return `recent: remember ${p.src} in ${m.name}`;
      }
      const seen = list.get(p.src);
      if (seen === undefined || (m.seconds !== undefined && now - seen > m.seconds)) return undefined;
      return `recent: ${p.src} used ${m.name} ${now - seen}s ago (affinity)`;
    }
    case 'nfacct':
      return `counted in ${m.name}`;
    case 'set':
    case 'physdev':
    case 'ipvs':
      return ipvsModeMatch(m, p, ctx.ipsets);
    case 'multiport': {
      const ports = m.dports ?? m.sports ?? [];
      const port = m.dports ? p.dport : p.sport;
      const hit = port !== undefined && p.protocol !== 'icmp' && ports.some((r) => port >= r.from && port <= r.to);
      if (hit === m.negate) return undefined;
      return `${m.dports ? 'destination' : 'source'} port ${port ?? '-'} ${m.negate ? 'not ' : ''}in ${ports.map((r) => (r.from === r.to ? r.from : `${r.from}:${r.to}`)).join(',')}`;
    }
    default: {
      const never: never = m;
      throw new ChainWalkError(`unknown match ${JSON.stringify(never)}`);
    }
  }
}
