// The counted flows of the masquerade port table (snat-ports.ts) as conntrack entries, for
// `conntrack -L`, -C and -D: the table keeps how many flows each pod has open or in TIME_WAIT to
// each destination, not their ports, so the ports shown are made up, deterministically: each
// flow of a tuple gets its own masquerade port (a walk through 1024–65535 by a stride coprime with
// 64,512, so none repeats, as --random-fully's picks look) and the pod's own source port from
// 32768–60999. Everything else (addresses, state, timeout, [ASSURED]) is what the kernel holds.

import { LOCAL_PORT_RANGE_LOW, LOCAL_PORT_RANGE_COUNT } from '../../core/local-port-range';
import type { ConntrackEntry, ConntrackFilter } from './conntrack';
import { NAT_PORT_COUNT, NAT_PORT_MIN, type SnatFlowGroup } from './snat-ports';

/** At most this many counted flows are listed at once: the node's nf_conntrack_max. */
export const MAX_LISTED_COUNTED_FLOWS = 131_072;
/** Ids of made-up entries start here, clear of the table's own. */
const COUNTED_ID_BASE = 1_000_000_000;
/** A prime that shares no factor with 64,512 (2^10 · 3^2 · 7): stepping by it visits every port once. */
const PORT_STRIDE = 7_919;

/** Whether `conntrack`'s filters pick a group's flows (every filter but --sport, which is per flow). */
export function groupMatches(g: SnatFlowGroup, f: ConntrackFilter): boolean {
  return (
    f.sport === undefined &&
    !f.dstNat &&
    (!f.protocol || f.protocol === g.tuple.protocol) &&
    (!f.origSrc || f.origSrc === g.src) &&
    (!f.origDst || f.origDst === g.tuple.dst) &&
    (!f.replySrc || f.replySrc === g.tuple.dst) &&
    (!f.replyDst || f.replyDst === g.tuple.snatIp) &&
    (f.dport === undefined || f.dport === g.tuple.dport) &&
    (!f.state || f.state === g.state)
  );
}

/** The groups' flows as entries, up to MAX_LISTED_COUNTED_FLOWS. */
export function countedFlowEntries(groups: readonly SnatFlowGroup[]): ConntrackEntry[] {
  const out: ConntrackEntry[] = [];
  const nextIndex = new Map<string, number>();
  for (const g of groups) {
    const key = `${g.tuple.snatIp}|${g.tuple.protocol}|${g.tuple.dst}|${g.tuple.dport}`;
    let i = nextIndex.get(key) ?? 0;
    for (let k = 0; k < g.count && out.length < MAX_LISTED_COUNTED_FLOWS; k++, i++) {
      const natPort = NAT_PORT_MIN + ((i * PORT_STRIDE + g.tuple.dport) % NAT_PORT_COUNT);
      const podPort = LOCAL_PORT_RANGE_LOW + ((i * PORT_STRIDE + 17) % LOCAL_PORT_RANGE_COUNT);
      out.push({
        id: COUNTED_ID_BASE + out.length,
        protocol: g.tuple.protocol,
        orig: { src: g.src, dst: g.tuple.dst, sport: podPort, dport: g.tuple.dport },
        reply: { src: g.tuple.dst, dst: g.tuple.snatIp, sport: g.tuple.dport, dport: natPort },
        ...(g.tuple.protocol === 'tcp' ? { tcpState: g.state } : {}),
        seenReply: true,
        assured: true,
        mark: 0,
        expiresAtMs: g.expiresAtMs,
      });
    }
    nextIndex.set(key, i);
  }
  return out;
}
