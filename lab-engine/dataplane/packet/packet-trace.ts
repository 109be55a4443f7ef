// One walk as plain JSON, for a picture of it: what was sent, every hop with its typed decision
// and place, how it ended, and which hop ended it. `trace -o json` prints it; a failed
// reachability check carries it to the browser, where it must stay small, so `boundPacketTrace`
// cuts long lists (rules, policies, hops) and says that it did.

import type { Hop, OutcomeCause, PlacedDecision, Probe, ProbeOutcome, ProbeResult } from './types';

export interface PacketTrace {
  /** What was sent: source, destination as the client resolved it, protocol and port. */
  probe: Probe;
  hops: Hop[];
  outcome: ProbeOutcome;
  /** True when the reply path was walked too (the connection was answered). */
  replied: boolean;
  /** Index into `hops` of the hop that ended the walk (delivered, refused or dropped there); absent when it ended before any hop. */
  decidedAt?: number;
  /** Set when lists were cut to stay within the bounds below. */
  truncated?: boolean;
}

/** Bounds for a trace that travels (the check result's JSON): a real walk stays far inside them. */
export const TRACE_LIMITS = { hops: 48, listItems: 16 } as const;

export function packetTrace(probe: Probe, result: ProbeResult): PacketTrace {
  const endedBeforeAnyHop = (result.outcome.kind === 'dropped' || result.outcome.kind === 'unreachable') && result.outcome.cause.kind === 'walk';
  const decidedAt = endedBeforeAnyHop || result.hops.length === 0 ? undefined : result.hops.length - 1;
  return { probe, hops: result.hops, outcome: result.outcome, replied: result.replied, ...(decidedAt !== undefined ? { decidedAt } : {}) };
}

/** The same trace with every list cut to TRACE_LIMITS: the first hops and the deciding one are kept. */
export function boundPacketTrace(trace: PacketTrace): PacketTrace {
  let truncated = trace.truncated === true;
  const cut = <T>(items: readonly T[] | undefined): T[] | undefined => {
    if (items === undefined) return undefined;
    if (items.length > TRACE_LIMITS.listItems) truncated = true;
    return items.slice(0, TRACE_LIMITS.listItems);
  };
  const bound = <D extends PlacedDecision>(d: D): D => boundDecision(d, cut);
  let hops = trace.hops.map((h) => bound(h));
  let decidedAt = trace.decidedAt;
  if (hops.length > TRACE_LIMITS.hops) {
    truncated = true;
    hops = [...hops.slice(0, TRACE_LIMITS.hops - 1), hops[hops.length - 1]];
    if (decidedAt !== undefined) decidedAt = hops.length - 1;
  }
  const outcome = trace.outcome.kind === 'dropped' || trace.outcome.kind === 'unreachable' ? { ...trace.outcome, cause: boundCause(trace.outcome.cause, bound) } : trace.outcome;
  return { probe: trace.probe, hops, outcome, replied: trace.replied, ...(decidedAt !== undefined ? { decidedAt } : {}), ...(truncated ? { truncated } : {}) };
}

function boundCause(cause: OutcomeCause, bound: <D extends PlacedDecision>(d: D) => D): OutcomeCause {
  return cause.kind === 'walk' ? cause : bound(cause);
}

/** The long lists a decision can hold: matched rules and draws, the policies and rules a verdict weighed. */
function boundDecision<D extends PlacedDecision>(d: D, cut: <T>(items: readonly T[] | undefined) => T[] | undefined): D {
  if (d.kind === 'netfilter') {
    const draws = cut(d.draws);
    return { ...d, matched: cut(d.matched) ?? [], ...(draws ? { draws } : {}) };
  }
  if (d.kind === 'nftables') return { ...d, matched: cut(d.matched) ?? [], numgen: cut(d.numgen) ?? [] };
  if (d.kind === 'policy') return { ...d, verdict: { ...d.verdict, selectedBy: cut(d.verdict.selectedBy) ?? [], rules: cut(d.verdict.rules) ?? [] } };
  return d;
}
