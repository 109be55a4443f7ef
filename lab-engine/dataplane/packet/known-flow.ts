// A later packet of a UDP flow the node's conntrack already holds. Only a flow's first packet
// walks the nat table; the kernel gives every later one the NAT that first packet got (the
// entry's reply tuple says where to), whatever kube-proxy's rules say now. That is how a UDP
// client that keeps one socket (a statsd client) keeps sending to an endpoint that is gone: each
// datagram refreshes the entry's 30 s (unreplied) or 120 s (stream) timeout.
// TCP is left to the rules: every TCP probe is a new connection from a new ephemeral port.

import type { ConntrackEntry } from '../conntrack/conntrack';
import { formatConntrackEntry } from '../conntrack/format';
import type { HookResult } from './netfilter-hooks';
import type { WalkState } from './walk-state';

export interface KnownFlow {
  entry: ConntrackEntry;
  /** The DNAT the entry holds, as a nat hop (nothing when the flow was never DNATed). */
  hook: HookResult;
  chain: 'PREROUTING' | 'OUTPUT';
  nowMs: number;
}

/** The entry this packet belongs to on `node`, in the original direction, if any. */
export function knownFlow(w: WalkState, node: string, local: boolean): KnownFlow | undefined {
  if (w.h.protocol !== 'udp' || w.h.sport === undefined || w.h.dport === undefined) return undefined;
  const now = w.world.nowMs;
  const entry = w.world.nodes.conntrack(node).findOriginal('udp', { src: w.h.src, dst: w.h.dst, sport: w.h.sport, dport: w.h.dport }, now);
  if (!entry) return undefined;
  const chain = local ? 'OUTPUT' : 'PREROUTING';
  const dnatted = entry.reply.src !== entry.orig.dst || entry.reply.sport !== entry.orig.dport;
  if (!dnatted) return { entry, hook: {}, chain, nowMs: now };
  const to = { ip: entry.reply.src, port: entry.reply.sport };
  return {
    entry,
    chain,
    nowMs: now,
    hook: {
      decision: { kind: 'netfilter', table: 'nat', chain, verdict: 'DNAT', matched: [], dnat: { from: { ip: entry.orig.dst, port: entry.orig.dport }, to }, conntrack: { entry: formatConntrackEntry(entry, now) } },
      verdict: 'DNAT',
      dnat: to,
    },
  };
}

/** nat POSTROUTING for a known flow: the source NAT its first packet got (a masquerade), or nothing. */
export function knownFlowSource(known: KnownFlow): HookResult {
  const { entry } = known;
  if (entry.reply.dst === entry.orig.src) return {};
  return {
    decision: { kind: 'netfilter', table: 'nat', chain: 'POSTROUTING', verdict: 'MASQUERADE', matched: [], masquerade: { hairpin: false, toSource: entry.reply.dst }, conntrack: { entry: formatConntrackEntry(entry, known.nowMs) } },
    verdict: 'MASQUERADE',
    rewriteSrc: entry.reply.dst,
  };
}
