// Which Service a packet is addressed to, read from the cluster: its ClusterIP, an external IP or
// load-balancer IP on a Service port, or any node's address on a nodePort. kube-proxy's DNAT and
// REJECT rules act for exactly these, so a hop that fired one can name the Service in its decision.
//
// Every DNAT hop asks, so the answer comes from an index rebuilt only when the cluster changed
// (its generation): a scan of 10,000 Services per packet tripled the walk's cost at that scale.

import type { Cluster } from '../../cluster/cluster';
import type { Headers, ServiceRef } from './types';
import type { PacketWorld } from './world';

interface ServiceIndex {
  revision: number;
  /** `PROTO address:port` → the Service. */
  byAddress: Map<string, ServiceRef>;
  /** `PROTO nodePort` → the Service. */
  byNodePort: Map<string, ServiceRef>;
  nodeAddresses: Set<string>;
}

const indexes = new WeakMap<Cluster, ServiceIndex>();

function buildIndex(cluster: Cluster): ServiceIndex {
  const index: ServiceIndex = { revision: cluster.generation(), byAddress: new Map(), byNodePort: new Map(), nodeAddresses: new Set() };
  for (const node of cluster.list('nodes')) for (const a of node.status.addresses) index.nodeAddresses.add(a.address);
  for (const svc of cluster.list('services')) {
    const addresses = [svc.spec.clusterIP, ...(svc.spec.externalIPs ?? []), ...(svc.status.loadBalancer.ingress ?? []).map((i) => i.ip)];
    for (const port of svc.spec.ports ?? []) {
      const protocol = port.protocol ?? 'TCP';
      const ref = { namespace: svc.metadata.namespace ?? 'default', name: svc.metadata.name, port: port.port };
      // The first Service in list order wins, as the scan this replaces answered.
      for (const address of addresses) if (address) setOnce(index.byAddress, `${protocol} ${address}:${port.port}`, ref);
      if (port.nodePort !== undefined) setOnce(index.byNodePort, `${protocol} ${port.nodePort}`, { ...ref, port: port.nodePort });
    }
  }
  return index;
}

function setOnce(map: Map<string, ServiceRef>, key: string, ref: ServiceRef): void {
  if (!map.has(key)) map.set(key, ref);
}

export function serviceAddressed(world: PacketWorld, h: Pick<Headers, 'dst' | 'dport' | 'protocol'>): ServiceRef | undefined {
  if (h.dport === undefined || h.protocol === 'icmp') return undefined;
  let index = indexes.get(world.cluster);
  if (!index || index.revision !== world.cluster.generation()) indexes.set(world.cluster, (index = buildIndex(world.cluster)));
  const protocol = h.protocol.toUpperCase();
  return index.byAddress.get(`${protocol} ${h.dst}:${h.dport}`) ?? (index.nodeAddresses.has(h.dst) ? index.byNodePort.get(`${protocol} ${h.dport}`) : undefined);
}
