// The walk through what a learner built by hand on a node (`ip netns add`, veth pairs, a bridge,
// addresses and routes): a packet leaves a named netns by its route; a hand-made device must be up
// and have carrier; the next hop (the gateway, or the destination on-link) must be answered for by
// ARP on that link, which a netns does for any address it holds (arp_ignore = 0); across a bridge
// the bridge must be up and the frame goes to the port whose far end answered (or up to the
// bridge's own address). A netns that receives a packet for someone else routes it on only with
// net.ipv4.ip_forward = 1. The node's root netns is the node's kernel: the walk hands the packet
// to atNode there (netfilter, its routes, local sockets; passed in as `IntoNode`, since node-hop.ts
// calls back here), which hands it back here when its route leaves by a hand-made device. Every
// step is a typed hop, as in the rest of the walk.
// Sources: linux net/ipv4/route.c (ip_route_input_slow, ip_error: no ICMP when forwarding is
// off), net/ipv4/arp.c (arp_ignore), net/bridge/br_input.c (a disabled port drops frames).

import { MAX_PACKET_HOPS } from '../../core/limits';
import { findLink, lookupRoute, netnsById, vethPeer } from '../netns/route-lookup';
import type { Link, Netns } from '../netns/types';
import type { ProbeOutcome } from './types';
import { causeOf, type RouteFound, type WalkState } from './walk-state';

/** The node's kernel taking a packet that came in by `inDev` (node-hop.ts's atNode). */
export type IntoNode = (node: string, inDev: string) => ProbeOutcome;

/** `ip netns exec NAME …`: the packet starts in a named netns. */
export function fromNamedNetns(w: WalkState, node: string, name: string, intoNode: IntoNode): ProbeOutcome {
  const ns = w.world.dataplane.named?.[`${node}/${name}`];
  if (!ns) return { kind: 'unreachable', cause: { kind: 'walk', failure: 'no-such-netns', node, name } };
  return inNamedNetns(w, ns, true, intoNode);
}

/** The packet in a named netns: sent from it (`local`) or arrived from a link. */
function inNamedNetns(w: WalkState, ns: Netns, local: boolean, intoNode: IntoNode): ProbeOutcome {
  if (++w.steps > MAX_PACKET_HOPS) return { kind: 'dropped', cause: { kind: 'walk', failure: 'hop-limit', limit: MAX_PACKET_HOPS } };
  const route = lookupRoute(ns, w.h.dst);
  if (local && route.ok) w.h.src = route.src;
  const routed = w.routeHop(ns, route);
  if (!route.ok) return local ? { kind: 'unreachable', cause: causeOf(routed), icmp: 'net-unreachable' } : { kind: 'dropped', cause: causeOf(routed) };
  if (route.kind === 'local') return deliverInNamed(w, ns);
  if (!local && !ns.forwarding) {
    const lost = w.hop(ns.id, { kind: 'drop', drop: 'forwarding-off', dst: w.h.dst });
    return { kind: 'dropped', cause: causeOf(lost) };
  }
  const link = findLink(ns, route.dev);
  if (!link) return { kind: 'dropped', cause: { kind: 'walk', failure: 'no-device', netns: ns.id, dev: route.dev } };
  return sendOutByHand(w, ns, link, route, intoNode);
}

/** The echo is answered, or a TCP/UDP port finds nothing listening in a bare named netns. */
function deliverInNamed(w: WalkState, ns: Netns): ProbeOutcome {
  const host = { kind: 'netns' as const, node: ns.node, name: ns.name ?? '' };
  const echo = w.h.protocol === 'icmp';
  w.hop(ns.id, { kind: 'deliver', host, result: echo ? 'echo-reply' : 'refused', protocol: w.h.protocol, ...(echo ? {} : { port: w.h.dport ?? 0 }), ip: w.h.dst, peer: w.h.src });
  const at = { netns: ns.id, node: ns.node, ip: w.h.dst, ...(w.h.dport !== undefined ? { port: w.h.dport } : {}), sourceSeen: w.h.src };
  return echo ? { kind: 'delivered', at } : { kind: 'refused', at, by: 'no-listener' };
}

/**
 * Out of `ns` by a hand-made `link` (a veth, or a bridge in the node's root netns), as `route`
 * chose: the device must be up with carrier, and someone on the link must answer ARP for the next hop.
 */
export function sendOutByHand(w: WalkState, ns: Netns, link: Link, route: RouteFound, intoNode: IntoNode): ProbeOutcome {
  if (!link.flags.includes('UP') || !link.flags.includes('LOWER_UP')) {
    const lost = w.hop(ns.id, { kind: 'drop', drop: 'link-down', dev: link.name, which: link.flags.includes('UP') ? 'no-carrier' : 'own' });
    return { kind: 'unreachable', cause: causeOf(lost), icmp: 'host-unreachable' };
  }
  const tooBig = w.mtuCheck(ns, link, route);
  if (tooBig) return tooBig;
  const nextHop = route.via ?? w.h.dst;
  const found = answererOn(w, ns, link, nextHop);
  if ('drop' in found) {
    const lost = w.hop(ns.id, found.drop === 'no-neighbour' ? { kind: 'drop', drop: 'no-neighbour', dst: w.h.dst, nextHop, dev: link.name } : { kind: 'drop', drop: 'link-down', dev: found.bridge, which: 'bridge' });
    return { kind: 'unreachable', cause: causeOf(lost), icmp: 'host-unreachable' };
  }
  const { netns: there, dev } = found;
  w.hop(ns.id, { kind: 'link', dev: link.name, nextHop, peer: { netns: there.id, dev }, ...(found.bridge ? { bridge: found.bridge } : {}) }, [
    { netns: ns.id, dev: link.name, dir: 'out' },
    ...(found.bridge && found.bridgeNetns ? [{ netns: found.bridgeNetns, dev: found.bridge, dir: 'otherhost' as const }] : []),
    { netns: there.id, dev, dir: 'in' },
  ]);
  if (there.kind === 'named') return inNamedNetns(w, there, false, intoNode);
  if (there.kind === 'node') return intoNode(there.node, dev);
  return { kind: 'dropped', cause: { kind: 'walk', failure: 'veth-leads-nowhere', netns: ns.id, dev: link.name } };
}

type Answerer = { netns: Netns; dev: string; bridge?: string; bridgeNetns?: string } | { drop: 'no-neighbour' } | { drop: 'bridge-down'; bridge: string };

/** Who answers ARP for `nextHop` on the link behind `link`: the veth's far end, or through a bridge one of its ports' far ends or the bridge itself. */
function answererOn(w: WalkState, ns: Netns, link: Link, nextHop: string): Answerer {
  const dp = w.world.dataplane;
  const holds = (n: Netns) => n.addresses.some((a) => a.family === 'inet' && a.address === nextHop);
  if (link.kind === 'bridge') return throughBridge(w, ns, link, undefined, nextHop);
  const peer = vethPeer(dp, link);
  if (!peer) return { drop: 'no-neighbour' };
  if (peer.link.master) {
    const bridge = findLink(peer.netns, peer.link.master);
    if (!bridge) return { drop: 'no-neighbour' };
    // br_handle_frame: a port of a bridge that is down is disabled and drops what comes in.
    if (!bridge.flags.includes('UP')) return { drop: 'bridge-down', bridge: bridge.name };
    return throughBridge(w, peer.netns, bridge, peer.link, nextHop);
  }
  return holds(peer.netns) ? { netns: peer.netns, dev: peer.link.name } : { drop: 'no-neighbour' };
}

/** A bridge floods the ARP request to its other ports that have carrier, and up to its own stack. */
function throughBridge(w: WalkState, host: Netns, bridge: Link, inPort: Link | undefined, nextHop: string): Answerer {
  const holds = (n: Netns) => n.addresses.some((a) => a.family === 'inet' && a.address === nextHop);
  if (inPort && holds(host)) return { netns: host, dev: bridge.name };
  for (const port of host.links) {
    if (port.master !== bridge.name || port === inPort || !port.flags.includes('LOWER_UP')) continue;
    const far = port.peer ? netnsById(w.world.dataplane, port.peer.netns) : undefined;
    const farLink = far?.links.find((l) => l.name === port.peer!.name);
    if (far && farLink && holds(far)) return { netns: far, dev: farLink.name, bridge: bridge.name, bridgeNetns: host.id };
  }
  return { drop: 'no-neighbour' };
}
