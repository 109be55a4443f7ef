// The kernel's route lookup for one destination in one netns, as a decision that says which
// route decided: the local table first (addresses of this netns), then the tables of any policy
// rules (a packet the walk sends is never WireGuard's own marked one, so a `not fwmark` rule
// always matches it; a miss in the rule's table falls through), then the longest prefix in the
// main table. Also the link/peer helpers a packet walk needs to follow a veth to the other side.

import { parseCidr, mustParseIPv4 } from '../../kube/ipv4';
import type { Dataplane, Encapsulation, Link, Neighbour, Netns, Route } from './types';

export type RouteDecision =
  | {
      ok: true;
      kind: 'local' | 'unicast';
      route: Route;
      dev: string;
      via?: string;
      src: string;
      onlink: boolean;
      /** MTU of the outgoing link (what a packet may be before it needs fragmenting or PMTU errors). */
      mtu: number;
      /** Set when the outgoing link is a tunnel (an IP-in-IP or VXLAN device): the outer headers it adds. */
      encapsulation?: Encapsulation;
      why: string;
    }
  | { ok: false; kind: 'blackhole' | 'unreachable'; route?: Route; error: string; why: string };

function contains(dst: string, ip: number): number | undefined {
  if (dst === 'default') return 0;
  const { network, prefix, size } = parseCidr(dst.includes('/') ? dst : `${dst}/32`);
  return ip >= network && ip < network + size ? prefix : undefined;
}

function bestMatch(routes: Route[], ip: number, table: Route['table']): Route | undefined {
  let best: Route | undefined;
  let bestPrefix = -1;
  for (const r of routes) {
    if (r.table !== table) continue;
    const p = contains(r.dst, ip);
    if (p !== undefined && p > bestPrefix) {
      best = r;
      bestPrefix = p;
    }
  }
  return best;
}

/** The source address the kernel picks: the route's `src`, else the first global IPv4 on the device, else on any device. */
export function sourceAddress(ns: Netns, route: Route): string {
  if (route.src) return route.src;
  const v4 = ns.addresses.filter((a) => a.family === 'inet' && a.scope === 'global');
  const ifOrder = (dev: string) => ns.links.find((l) => l.name === dev)?.ifindex ?? 0;
  const onDev = v4.find((a) => a.dev === route.dev);
  if (onDev) return onDev.address;
  return [...v4].sort((a, b) => ifOrder(a.dev) - ifOrder(b.dev))[0]?.address ?? '0.0.0.0';
}

export function lookupRoute(ns: Netns, destination: string): RouteDecision {
  const ip = mustParseIPv4(destination);
  const local = ns.routes.find((r) => r.table === 'local' && r.type === 'local' && contains(r.dst, ip) !== undefined);
  if (local) {
    return { ok: true, kind: 'local', route: local, dev: 'lo', src: local.src ?? destination, onlink: false, mtu: 65536, why: `${destination} is an address of this netns (local table: ${local.origin})` };
  }
  const ruled = [...(ns.rules ?? [])].sort((a, b) => a.priority - b.priority).map((r) => bestMatch(ns.routes, ip, r.table)).find((r) => r !== undefined);
  const route = ruled ?? bestMatch(ns.routes, ip, 'main');
  if (!route) return { ok: false, kind: 'unreachable', error: 'Network is unreachable', why: `no route in ${ns.id} matches ${destination}` };
  if (route.type === 'blackhole') return { ok: false, kind: 'blackhole', route, error: 'Invalid argument', why: `blackhole ${route.dst}: ${route.origin}` };
  const link = ns.links.find((l) => l.name === route.dev);
  return {
    ok: true,
    kind: 'unicast',
    route,
    dev: route.dev ?? '',
    ...(route.via ? { via: route.via } : {}),
    src: sourceAddress(ns, route),
    onlink: route.onlink === true,
    mtu: link?.mtu ?? 1500,
    ...(link?.encapsulation ? { encapsulation: link.encapsulation } : {}),
    why: `${route.dst} ${route.via ? `via ${route.via} ` : ''}dev ${route.dev}: ${route.origin}`,
  };
}

export function findLink(ns: Netns, name: string): Link | undefined {
  return ns.links.find((l) => l.name === name);
}

/** The other end of a veth: its netns and link. */
export function vethPeer(dp: Dataplane, link: Link): { netns: Netns; link: Link } | undefined {
  if (!link.peer) return undefined;
  const netns = netnsById(dp, link.peer.netns);
  const peer = netns?.links.find((l) => l.ifindex === link.peer!.ifindex);
  return netns && peer ? { netns, link: peer } : undefined;
}

export function netnsById(dp: Dataplane, id: string): Netns | undefined {
  if (id.startsWith('node/')) return dp.nodes[id.slice(5)];
  if (id.startsWith('pod/')) return dp.pods[id.slice(4)];
  if (id.startsWith('netns/')) return dp.named?.[id.slice(6)];
  return undefined;
}

/** The netns holding `ip` as an address (a node, a pod, a learner's named netns), if any. */
export function netnsOwning(dp: Dataplane, ip: string): Netns | undefined {
  for (const ns of [...Object.values(dp.pods), ...Object.values(dp.nodes), ...Object.values(dp.named ?? {})]) {
    if (ns.addresses.some((a) => a.family === 'inet' && a.address === ip && a.dev !== 'lo')) return ns;
  }
  return undefined;
}

/** The neighbour entry (ARP) for `ip` on `dev`: the MAC the next frame goes to. */
export function neighbourFor(ns: Netns, dev: string, ip: string): Neighbour | undefined {
  return ns.neighbours.find((n) => n.dev === dev && n.ip === ip);
}

/** Which port of `bridge` a frame for `mac` leaves by (the bridge's FDB); undefined means flood. */
export function bridgePort(ns: Netns, bridge: string, mac: string): Link | undefined {
  const entry = ns.fdb.find((e) => e.master === bridge && e.mac === mac && e.dev !== bridge);
  return entry ? ns.links.find((l) => l.name === entry.dev) : undefined;
}

/** For a VXLAN device: the remote VTEP (node IP) a frame for `mac` is sent to, from the FDB. */
export function vxlanRemote(ns: Netns, dev: string, mac: string): string | undefined {
  return ns.fdb.find((e) => e.dev === dev && e.mac === mac && e.dst)?.dst;
}
