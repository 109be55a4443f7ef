// A TCP response's data on its way back: how big its segments are and whether they arrive. Each
// end advertises an MSS in its SYN from its route to the peer (the device MTU less 40 bytes of
// IPv4 + TCP headers, the kernel's advmss); the sender's segments are the smaller MSS, capped by
// any path MTU its netns has learned for the peer (pmtu-cache.ts). Every segment carries DF (TCP
// on Linux does PMTU discovery). The first full-size segment is walked from the server to the
// client: when an ICMP "fragmentation needed" comes back, the sender learns the next-hop MTU and
// retransmits smaller; when the ICMP is lost, the retransmissions are lost the same way and the
// client hangs with its request sent: the MTU black hole. A response that fits in one segment
// smaller than any hop never meets it, which is why small requests work.
// Simplified: the segment is walked straight from the server's netns to the client's address
// (conntrack's reverse NAT of a Service or masquerade is not replayed), and one segment stands
// for all of them (they are the same size and take the same path).
// Sources: RFC 879 / RFC 6691 (MSS = MTU - 40), RFC 1191 (PMTU discovery), RFC 2923 §2.1 (black
// hole), net/ipv4/tcp_output.c (tcp_mtu_to_mss, tcp_sync_mss).

import { lookupRoute } from '../netns/route-lookup';
import type { Netns } from '../netns/types';
import type { PacketSource, ProbeResult } from './types';
import { sendProbe } from './walk';
import type { PacketWorld } from './world';

/** IPv4 (20) and TCP (20) headers without options: MSS = MTU - 40. */
export const TCP_IPV4_HEADERS = 40;
/** How many times a sender lowers its segment size on ICMP before the walk gives up (a real path has few hops). */
export const MAX_PMTU_UPDATES = 4;

export interface TransferEnd {
  /** Where its packets start (the pod or node whose socket it is). */
  source: PacketSource;
  /** Its network namespace (`pod/<ns>/<name>`, `node/<name>`): where a learned PMTU is kept. */
  netns: Netns;
  ip: string;
  port: number;
}

export type TransferResult =
  /** Every segment arrived; `learnedMtu` when an ICMP lowered the sender's path MTU on the way. */
  | { kind: 'complete'; mss: number; segmentBytes: number; segments: number; learnedMtu?: number }
  /** The segments of `segmentBytes` never arrive: the client waits until it times out. */
  | { kind: 'stalled'; mss: number; segmentBytes: number; walk: ProbeResult };

/** The MSS a socket in `netns` advertises to `peer`: its route's MTU less the headers. */
export function advertisedMss(netns: Netns, peer: string): number {
  const route = lookupRoute(netns, peer);
  const mtu = route.ok ? route.mtu : 1500;
  return mtu - TCP_IPV4_HEADERS;
}

/** `bytes` of response data sent by `server` to `client` over an established connection. */
export function transferResponse(world: PacketWorld, server: TransferEnd, client: TransferEnd, bytes: number): TransferResult {
  const mss = Math.min(advertisedMss(client.netns, server.ip), advertisedMss(server.netns, client.ip));
  let learnedMtu: number | undefined;
  for (let update = 0; ; update++) {
    const pmtu = world.pmtu?.lookup(server.netns.id, client.ip, world.nowMs)?.mtu;
    const payload = Math.min(mss, pmtu !== undefined ? pmtu - TCP_IPV4_HEADERS : mss, bytes);
    const segmentBytes = payload + TCP_IPV4_HEADERS;
    const walk = sendProbe(world, { from: server.source, dst: client.ip, protocol: 'tcp', sport: server.port, dport: client.port, sizeBytes: segmentBytes, df: true, isReply: true }, { recordConntrack: false });
    const outcome = walk.outcome;
    const at = outcome.kind === 'delivered' || outcome.kind === 'refused' ? outcome.at : undefined;
    // The client's socket has no listener on its ephemeral port, so the walk ends in a "refused" there: that is arrival.
    if (at?.netns === client.netns.id) return { kind: 'complete', mss, segmentBytes, segments: Math.max(1, Math.ceil(bytes / payload)), ...(learnedMtu !== undefined ? { learnedMtu } : {}) };
    const icmpMtu = outcome.kind === 'unreachable' && outcome.icmp === 'frag-needed' ? outcome.mtu : undefined;
    if (icmpMtu === undefined || icmpMtu >= segmentBytes || update >= MAX_PMTU_UPDATES || !world.pmtu) return { kind: 'stalled', mss, segmentBytes, walk };
    learnedMtu = world.pmtu.learn(server.netns.id, client.ip, icmpMtu, world.nowMs).mtu;
  }
}
