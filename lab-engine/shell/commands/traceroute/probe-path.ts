// What a traceroute probe with a given TTL meets, read from one packet-engine walk
// (dataplane/packet/walk.ts). Every node netns that forwards the packet (a `route` hop that is not
// the sender's own output routing and not a local delivery) is a router: it decrements the TTL,
// and when that reaches 0 it sends ICMP time-exceeded (Linux does so in ip_forward, before the
// FORWARD chain, so a router answers even when its NetworkPolicy would drop the packet later).
// The time-exceeded comes from the address the router would use to reach the sender (its route
// back: the node's eth0 address towards a local Calico pod, tunl0/flannel.1 towards a pod on
// another node, cni0 on a bridge). Past the routers the destination answers: ICMP port
// unreachable for UDP, an echo reply for -I, SYN-ACK or RST for -T.
// One kernel detail matters for Services: once kube-proxy's DNAT has rewritten the destination,
// the NAT node's conntrack rewrites the outer source of every ICMP error that flow causes back to
// the address the sender used (nf_nat_icmp_reply_translation), so each hop after the NAT node
// appears as the ClusterIP itself. The NAT node's own time-exceeded keeps its address: the TTL
// expires in ip_forward, before the flow's conntrack entry is confirmed at POSTROUTING.

import type { Dataplane } from '../../../dataplane/netns/types';
import { lookupRoute } from '../../../dataplane/netns/route-lookup';
import type { ProbeResult } from '../../../dataplane/packet/types';

export type HopAnswer =
  | { kind: 'time-exceeded'; address: string }
  | { kind: 'reached'; address: string }
  | { kind: 'unreachable'; address: string; flag: string }
  | { kind: 'none' };

export interface ProbePath {
  /** The routers in order, each with the address its ICMP errors carry. */
  routers: string[];
  /** What happens to a probe that gets past every router. */
  end: HopAnswer;
  /** The sender's own stack refused to send (no route): traceroute's "send: ..." error. */
  localError?: string;
}

export function probePath(result: ProbeResult, original: string, dataplane: Dataplane): ProbePath {
  const routers: string[] = [];
  // Where the destination was rewritten: errors from routers after that one come back through its conntrack.
  let natAt: string | undefined;
  let first = true;
  for (const hop of result.hops) {
    if (natAt === undefined && hop.headers.dst !== original) natAt = hop.netns;
    if (hop.kind !== 'route') continue;
    const ownOutput = first;
    first = false;
    if (!hop.netns.startsWith('node/') || (hop.lookup === 'fib' && hop.result === 'local')) continue;
    if (ownOutput) continue; // the sender's own routing decision (a node or hostNetwork pod sending)
    // The NAT router's own time-exceeded is not rewritten: its flow was never confirmed in conntrack.
    routers.push(natAt !== undefined && natAt !== hop.netns ? original : replyAddress(dataplane, hop.netns, hop.headers.src));
  }
  const outcome = result.outcome;
  switch (outcome.kind) {
    case 'delivered':
      return { routers, end: { kind: 'reached', address: original } };
    case 'refused':
      return { routers, end: { kind: 'reached', address: original } };
    case 'dropped':
      return { routers, end: { kind: 'none' } };
    case 'unreachable': {
      const failedAt = result.hops.map((h) => h.kind === 'drop' || h.kind === 'mtu').lastIndexOf(true);
      if (failedAt <= 0) {
        // The sender's own routing failed: sendto() returns the error, there is no ICMP.
        return { routers, end: { kind: 'none' }, localError: outcome.icmp === 'frag-needed' ? 'Message too long' : 'Network is unreachable' };
      }
      const failed = result.hops[failedAt];
      const flag = outcome.icmp === 'frag-needed' ? `!F-${outcome.mtu ?? 1500}` : outcome.icmp === 'net-unreachable' ? '!N' : '!H';
      return { routers, end: { kind: 'unreachable', address: natAt !== undefined && natAt !== failed.netns ? original : replyAddress(dataplane, failed.netns, failed.headers.src), flag } };
    }
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

/** The source address a node's kernel picks for an ICMP error to `sender`. */
function replyAddress(dataplane: Dataplane, netns: string, sender: string): string {
  const ns = dataplane.nodes[netns.replace(/^node\//, '')];
  if (!ns) return sender;
  const route = lookupRoute(ns, sender);
  return route.ok ? route.src : (ns.addresses.find((a) => a.dev === 'eth0' && a.family === 'inet')?.address ?? sender);
}

/** What the probe with `ttl` (1-based) gets back. */
export function answerAt(path: ProbePath, ttl: number): HopAnswer {
  if (ttl <= path.routers.length) return { kind: 'time-exceeded', address: path.routers[ttl - 1] };
  if (ttl === path.routers.length + 1) return path.end;
  return { kind: 'none' };
}
