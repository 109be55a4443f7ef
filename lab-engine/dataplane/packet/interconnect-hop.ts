// The topology's interconnect: a link between two groups of nodes (two sites joined by a VPN)
// whose MTU is below the nodes' NICs, so no node knows about it. A packet bigger than it with DF
// set is refused there, and the router sends ICMP type 3 code 4 ("fragmentation needed", with its
// next-hop MTU, RFC 1191) back to the packet's source; a firewall that drops ICMP on the way back
// turns that into silence: the PMTU black hole (RFC 2923 §2.1). A packet without DF (a tunnel's
// outer header: Linux vxlan sets none unless `df set|inherit`) is fragmented by the router instead.

import type { Interconnect } from '../../core/topology';
import type { ProbeOutcome } from './types';
import { causeOf, type WalkState } from './walk-state';

/** Whether a packet between these two nodes crosses the interconnect. */
export function crossesInterconnect(interconnect: Interconnect, fromNode: string, toNode: string): boolean {
  return interconnect.nodes.includes(fromNode) !== interconnect.nodes.includes(toNode);
}

/**
 * A packet of `sizeBytes` (the outer header's size for a tunnel) leaving `fromNode` for `toNode`:
 * undefined when it gets across (it fits, or was fragmented), else the outcome the sender sees.
 */
export function crossInterconnect(w: WalkState, netns: string, fromNode: string, toNode: string, sizeBytes: number, df: boolean): ProbeOutcome | undefined {
  const interconnect = w.world.interconnect;
  if (!interconnect || !crossesInterconnect(interconnect, fromNode, toNode) || sizeBytes <= interconnect.mtu) return undefined;
  const where = { interconnect: { fromNode, toNode } };
  if (!df) {
    w.hop(netns, { kind: 'mtu', mtu: interconnect.mtu, sizeBytes, action: 'fragmented', fragments: Math.ceil(sizeBytes / interconnect.mtu), ...where });
    return undefined;
  }
  const filtered = interconnect.icmpFragNeeded === 'filtered';
  const hop = w.hop(netns, { kind: 'mtu', mtu: interconnect.mtu, sizeBytes, action: 'frag-needed', ...where, ...(filtered ? { icmpFiltered: true } : {}) });
  if (filtered) return { kind: 'dropped', cause: causeOf(hop) };
  return { kind: 'unreachable', cause: causeOf(hop), icmp: 'frag-needed', mtu: interconnect.mtu, netns };
}
