// The dataplane model's public face, for the packet walk, checks and commands: build it from the
// cluster, then look up routes and follow links.
//
//   const dp = buildDataplane(cluster, dataplaneOptionsFor(topology)); // or session.dataplane()
//   const src = dp.pods['default/client'];                         // or dp.nodes['node-1']
//   const d = lookupRoute(src, '10.244.2.5');                      // which route decided, and why
//   if (d.ok && d.kind === 'unicast') {
//     const out = findLink(src, d.dev);                            // eth0 of the pod: a veth
//     const next = out && vethPeer(dp, out);                       // -> the host side on its node
//     // d.via / d.onlink: next hop; d.mtu, d.encapsulation: size limits and tunnel overhead
//   }
//   netnsOwning(dp, ip)                                            // who holds an address

export type { Address, CloudRoute, Dataplane, Encapsulation, FdbEntry, Link, LinkKind, Neighbour, Netns, Route, RouteProto } from './types';
export { bridgePort, findLink, lookupRoute, neighbourFor, netnsById, netnsOwning, sourceAddress, vethPeer, vxlanRemote, type RouteDecision } from './route-lookup';
export { buildDataplane, buildDataplaneFromView, dataplaneOptionsFor, DataplaneCache, type DataplaneOptions } from '../cni/build-dataplane';
