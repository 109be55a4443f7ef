// How long a glibc stub resolver's lookup takes, query by query, and why some take 5 s.
//
// getaddrinfo() for a name asks A and AAAA. By default glibc sends both at once from one UDP
// socket (sendmmsg), so the two packets share a 5-tuple. When that flow goes through a DNAT (the
// kube-dns ClusterIP rewritten by kube-proxy to a CoreDNS pod), both packets can be processed on
// two CPUs before either has a confirmed conntrack entry; the second loses the insert race
// (`insert_failed` in `conntrack -S`) and is dropped. Its answer never comes: glibc waits the
// full `timeout` (5 s), then, having had one answer of two, sets RES_SNGLKUP and resends the
// queries one after the other, which cannot race (glibc resolv/res_send.c, send_dg).
// (weaveworks, "Racy conntrack and DNS lookup timeouts", 2018; the kernel's clash resolution since
// 5.0 and 5.6 narrows the window; Flatnet's nodes model the behaviour the field reports showed.)
//
// What removes the race is what removes one of its causes:
// - `single-request` / `single-request-reopen`: A then AAAA, never two packets in flight at once
//   (glibc treats -reopen as single-request plus a new socket per query);
// - `use-vc`: TCP; the handshake creates and confirms the flow before any query is sent;
// - NodeLocal DNSCache: the node's NOTRACK rules keep the query out of conntrack and no DNAT is
//   applied (node-local-dns.ts).
// A fully qualified name or a lower ndots sends fewer pairs, so stalls get rarer, not impossible.

import type { StubOptions } from './pod-dns-config';

/** The share of parallel A/AAAA pairs through a DNAT whose second packet loses the insert race. */
export const RACE_LOSS_PER_PAIR = 0.06;
/** One UDP query and its answer between a pod and CoreDNS on the cluster network. */
export const QUERY_RTT_MS = 1;
/** One query and its answer with the node's own cache, no wire in between. */
export const NODE_LOCAL_RTT_MS = 0.2;
/** A cache miss at NodeLocal DNSCache: its `force_tcp` forward to CoreDNS (handshake, query, answer). */
export const FORWARD_MISS_MS = 3 * QUERY_RTT_MS;

/**
 * How the query reaches its server: through a conntrack DNAT (a Service IP), to an address that
 * needs no NAT (a CoreDNS pod's own IP: one flow, no clash to lose), or untracked (NodeLocal DNSCache).
 */
export type DnsPath = 'dnat' | 'direct' | 'untracked';

export interface LookupTiming {
  elapsedMs: number;
  /** Queries sent (each A and AAAA counts; a resend counts again). */
  queries: number;
  /** Answers the resolver waited `timeout` for because the packet was lost in the race. */
  stalls: number;
}

/** Whether this resolver sends A and AAAA at once over one UDP socket. */
export function sendsParallelPair(o: StubOptions): boolean {
  return !o.useVc && !o.singleRequest && !o.singleRequestReopen;
}

/** One lookup that asks `steps` names (the search list up to the one that answered), each for A and AAAA. */
export function lookupTiming(steps: number, path: DnsPath, o: StubOptions, random: () => number): LookupTiming {
  const rtt = path === 'untracked' ? NODE_LOCAL_RTT_MS : QUERY_RTT_MS;
  let parallel = sendsParallelPair(o);
  const t: LookupTiming = { elapsedMs: 0, queries: 0, stalls: 0 };
  for (let i = 0; i < steps; i++) {
    t.queries += 2;
    if (o.useVc) {
      // Handshake, then the two queries on the connection.
      t.elapsedMs += 3 * rtt;
      continue;
    }
    if (!parallel) {
      t.elapsedMs += 2 * rtt;
      continue;
    }
    t.elapsedMs += rtt;
    if (path === 'dnat' && random() < RACE_LOSS_PER_PAIR) {
      // One answer of two: wait out the timeout, then resend one after the other for the rest of the lookup.
      t.stalls += 1;
      t.elapsedMs += o.timeoutSec * 1000;
      t.queries += 2;
      t.elapsedMs += 2 * rtt;
      parallel = false;
    }
  }
  return t;
}

/** How long a resolver waits before it gives up on servers that never answer: timeout × attempts per server. */
export function giveUpMs(o: StubOptions, nameservers: number): number {
  return o.timeoutSec * 1000 * o.attempts * Math.max(1, nameservers);
}
