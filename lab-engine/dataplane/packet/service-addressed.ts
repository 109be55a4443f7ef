// Which Service a packet is addressed to, read from the cluster: its ClusterIP, an external IP or
// load-balancer IP on a Service port, or any node's address on a nodePort. kube-proxy's DNAT and
// REJECT rules act for exactly these, so a hop that fired one can name the Service in its decision.

import type { Headers, ServiceRef } from './types';
import type { PacketWorld } from './world';

export function serviceAddressed(world: PacketWorld, h: Pick<Headers, 'dst' | 'dport' | 'protocol'>): ServiceRef | undefined {
  if (h.dport === undefined || h.protocol === 'icmp') return undefined;
  const protocol = h.protocol.toUpperCase();
  const nodeAddress = world.cluster.list('nodes').some((n) => n.status.addresses.some((a) => a.address === h.dst));
  for (const svc of world.cluster.list('services')) {
    const addresses = [svc.spec.clusterIP, ...(svc.spec.externalIPs ?? []), ...(svc.status.loadBalancer.ingress ?? []).map((i) => i.ip)];
    for (const port of svc.spec.ports ?? []) {
      if ((port.protocol ?? 'TCP') !== protocol) continue;
      const byAddress = port.port === h.dport && addresses.includes(h.dst);
      const byNodePort = nodeAddress && port.nodePort === h.dport;
      if (byAddress || byNodePort) return { namespace: svc.metadata.namespace ?? 'default', name: svc.metadata.name, port: h.dport };
    }
  }
  return undefined;
}
