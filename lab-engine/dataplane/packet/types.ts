// The packet engine's contract: what callers (curl, ping, nslookup, trace, the ingress controller,
// the grader's reachability checks) ask, and what they get back. One probe = one packet (or one
// connection attempt) walked hop by hop through the dataplane model; the answer says where it
// ended and carries every hop with the route, rule or policy that decided it — as typed data
// (hop-decisions.ts), never as text: render-hop.ts turns it into the words `trace` prints.
//
// The engine lives beside this file (dataplane/packet/). Callers depend only on these types and
// on `sendProbe` / `PacketWorld` exported from dataplane/packet/index.ts.

import type { L4Protocol, OutcomeCause, PlacedDecision } from './hop-decisions';

export type * from './hop-decisions';

/** Where a packet starts. `external` hosts sit outside the cluster, on the nodes' network. */
export type PacketSource =
  | { kind: 'pod'; namespace: string; name: string }
  | { kind: 'node'; node: string }
  /** A network namespace the learner made on a node (`ip netns exec NAME ping …`). */
  | { kind: 'netns'; node: string; name: string }
  | { kind: 'external'; host: 'workstation' | 'internet' };

export interface Probe {
  from: PacketSource;
  /** IPv4 destination as the client resolved it (a ClusterIP, a pod IP, a node IP, an LB IP...). */
  dst: string;
  protocol: L4Protocol;
  /** Destination port (tcp/udp). */
  dport?: number;
  /** Source port; the engine picks an ephemeral one from the seed when absent. */
  sport?: number;
  /** IP total length in bytes (default: 60 for a TCP SYN, 84 for a ping, 72 for a DNS query). */
  sizeBytes?: number;
  /**
   * The answer to an earlier probe (netns-walk.ts walks an echo's reply back; tcp-transfer.ts a
   * response's segments): it gets no reply walk of its own, and no NetworkPolicy judges it, since
   * policies are stateful and admit the replies of a connection they let through.
   */
  isReply?: boolean;
  /** Don't Fragment bit (default true for TCP, false for UDP/ICMP, as Linux sets it with PMTU discovery). */
  df?: boolean;
}

/** The 5-tuple as seen at one hop (after any NAT so far). */
export interface Headers {
  src: string;
  dst: string;
  protocol: L4Protocol;
  sport?: number;
  dport?: number;
  sizeBytes: number;
  /** Present while the packet travels inside a tunnel: the outer header. */
  outer?: { kind: 'vxlan' | 'ipip' | 'wireguard'; src: string; dst: string; sizeBytes: number; vni?: number; port?: number };
}

/**
 * An interface a hop put the packet on, where a capture (`tcpdump -i`) would see it. `in`/`out`
 * are the directions Linux's cooked capture prints; `otherhost` is a frame addressed to another
 * MAC (a bridge port passing a frame on to the bridge). `inner` marks a tunnel device, which
 * sees the packet before encapsulation (or after decapsulation) even when the hop carries the
 * outer header.
 */
export interface Tap {
  netns: string;
  dev: string;
  dir: 'in' | 'out' | 'otherhost';
  inner?: boolean;
}

/**
 * One hop: what decided it (`kind` and its fields: the route, the rules, the policy verdict...),
 * where (netns, node, devices), the headers as they were there, and where a capture sees it.
 */
export type Hop = PlacedDecision & {
  headers: Headers;
  /** The interfaces this hop put the packet on, in order (for captures). */
  taps?: Tap[];
};

/** Where the walk ended. */
export type ProbeOutcome =
  /** A socket listens there: TCP handshake completes / UDP datagram delivered / ICMP echo answered. */
  | { kind: 'delivered'; at: DeliveryPoint }
  /** Reached the host but nothing listens (TCP RST, or ICMP port unreachable for UDP), or a REJECT rule answered. */
  | { kind: 'refused'; at?: DeliveryPoint; by: 'no-listener' | 'reject-rule' }
  /** Silently dropped (policy, DROP rule, PMTU black hole, no ARP answer...): the client sees a timeout. */
  | { kind: 'dropped'; cause: OutcomeCause }
  /** The sender's own routing had no route, or an ICMP unreachable came back. */
  | { kind: 'unreachable'; cause: OutcomeCause; icmp?: 'net-unreachable' | 'host-unreachable' | 'frag-needed'; /** frag-needed: the next-hop MTU and the netns whose link refused the packet. */ mtu?: number; netns?: string };

export interface DeliveryPoint {
  /** The netns that received it. */
  netns: string;
  pod?: { namespace: string; name: string };
  node: string;
  ip: string;
  port?: number;
  /** The source address the receiver saw (after SNAT/masquerade, if any): matters for externalTrafficPolicy. */
  sourceSeen: string;
}

export interface ProbeResult {
  outcome: ProbeOutcome;
  hops: Hop[];
  /** True when the reply path was walked too (reverse NAT through conntrack). */
  replied: boolean;
}
