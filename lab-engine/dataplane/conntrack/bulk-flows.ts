// Many flows of one client to one destination, opened in the same second and alike in all but
// their source port: what a pod that opens a new connection per log line leaves in conntrack.
// The table keeps them as one cohort (a count, the first source port, one expiry) rather than one
// entry each, so a flood of thousands of flows costs a few hundred bytes in a snapshot; `list`
// expands a cohort into the entries `conntrack -L` prints. Ports count up from the first one
// through the ephemeral range (32768–60999), as the kernel's port picks roughly do.

import { LOCAL_PORT_RANGE_LOW, LOCAL_PORT_RANGE_COUNT } from '../../core/local-port-range';
import type { ConntrackEntry } from './conntrack-types';

/** The first flow's entry stands for them all: the others differ only in orig.sport / reply.dport. */
export interface BulkFlows extends Pick<ConntrackEntry, 'protocol' | 'orig' | 'reply' | 'tcpState' | 'seenReply' | 'assured' | 'expiresAtMs'> {
  /** The id of its first entry; the others follow it. */
  firstId: number;
  count: number;
}

/** The i-th source port after `first`, wrapping inside the ephemeral range. */
export function nthPort(first: number, i: number): number {
  return LOCAL_PORT_RANGE_LOW + ((first - LOCAL_PORT_RANGE_LOW + i) % LOCAL_PORT_RANGE_COUNT);
}

/** The cohort's flows as entries, at most `limit` of them. */
export function expandBulk(b: BulkFlows, limit: number): ConntrackEntry[] {
  const out: ConntrackEntry[] = [];
  for (let i = 0; i < Math.min(b.count, limit); i++) {
    const port = nthPort(b.orig.sport, i);
    out.push({
      id: b.firstId + i,
      protocol: b.protocol,
      orig: { ...b.orig, sport: port },
      reply: { ...b.reply, dport: port },
      ...(b.tcpState ? { tcpState: b.tcpState } : {}),
      seenReply: b.seenReply,
      assured: b.assured,
      mark: 0,
      expiresAtMs: b.expiresAtMs,
    });
  }
  return out;
}

/** The cohort as one entry (its first flow), for filters that judge what all its flows share. */
export function representative(b: BulkFlows): ConntrackEntry {
  return expandBulk(b, 1)[0];
}
