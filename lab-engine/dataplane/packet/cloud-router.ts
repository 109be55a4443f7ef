// The cloud's VPC router, for topologies whose CNI leaves pod CIDRs to the cloud (a plugin that
// returns cloud routes, so the Dataplane has `cloud`): it stands at the node network's gateway and
// forwards by the VPC route table, one route per node's podCIDR, choosing the longest matching
// prefix as GCE and AWS route tables do. The router is no IP hop a traceroute sees (the VPC does
// not decrement TTL); the trace still shows the route that decided.

import { parseCidr, mustParseIPv4 } from '../../kube/ipv4';
import type { CloudRoute } from '../netns/types';

/** How hops at the VPC router name where they happened. */
export const CLOUD_ROUTER_NETNS = 'cloud/vpc-router';

/** The most specific cloud route for `dst`, or undefined when the VPC has none (the packet is not for a pod CIDR). */
export function cloudRouteFor(routes: readonly CloudRoute[], dst: string): CloudRoute | undefined {
  const ip = mustParseIPv4(dst);
  let best: { route: CloudRoute; prefix: number } | undefined;
  for (const route of routes) {
    const { network, prefix, size } = parseCidr(route.destRange);
    if (ip >= network && ip < network + size && (!best || prefix > best.prefix)) best = { route, prefix };
  }
  return best?.route;
}

/** RFC 1918 ranges: a VPC's internet gateway never carries them, so without a more specific route they are dropped. */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

export function isPrivateAddress(ip: string): boolean {
  const n = mustParseIPv4(ip);
  return PRIVATE_RANGES.some((cidr) => {
    const { network, size } = parseCidr(cidr);
    return n >= network && n < network + size;
  });
}

/** `10.244.2.0/24 via 172.18.0.4 (cloud route for node-2)`. */
export function formatCloudRoute(route: CloudRoute): string {
  return `${route.destRange} via ${route.nextHopIp} (cloud route for ${route.node})`;
}

/** Why the route exists and why the VPC lets pod addresses through, for the trace's reasons. */
export function cloudRouteReasons(route: CloudRoute): string[] {
  return [
    `kube-controller-manager's route controller created it from ${route.node}'s spec.podCIDR`,
    'the nodes may send and receive addresses other than their own (GCE canIpForward, AWS source/destination check off)',
  ];
}
