// The upstreams a proxy running in a pod (ingress-nginx's Lua balancer, a Gateway API data plane)
// sends one Service port to: the ready endpoints of that port in the Service's EndpointSlices, as
// the proxy has learnt them, which is as late as kube-proxy learns a deleted pod's removal
// (cluster/lifecycle/termination-timing.ts).

import type { Cluster } from '../../cluster/cluster';
import { slicesAsSynced } from '../../cluster/lifecycle/termination-timing';
import type { Service, ServicePort } from '../../kube/types';
import type { HttpRequest } from './http-types';

export interface Upstream {
  ip: string;
  port: number;
}

/** Ready endpoint addresses of `servicePort` (one of `svc`'s ports), with the target port each slice gives it. */
export function readyUpstreams(cluster: Cluster, svc: Service, servicePort: ServicePort): Upstream[] {
  const listed = cluster.list('endpointslices', svc.metadata.namespace).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name);
  const slices = slicesAsSynced(listed, (ns, name) => cluster.get('pods', ns, name), cluster.now());
  const out: Upstream[] = [];
  for (const slice of slices) {
    const port = (slice.ports ?? []).find((p) => (p.name ?? '') === (servicePort.name ?? ''));
    if (!port) continue;
    for (const ep of slice.endpoints) if (ep.conditions.ready) for (const ip of ep.addresses) out.push({ ip, port: port.port });
  }
  return out;
}

/** Where a proxy's connection to an upstream landed: the socket the upstream sees. */
export interface UpstreamConnection {
  /** The proxy's address as the upstream sees it (after any NAT). */
  sourceSeen: string;
  /** The proxy's source port (the connection's first packet's). */
  sport: number | undefined;
  ip: string;
  port?: number;
}

/** The request a proxy sends upstream: the client's, at `path`, with the proxy's headers, from the proxy's own socket. */
export function proxiedRequest(req: HttpRequest, path: string, headers: HttpRequest['headers'], to: UpstreamConnection, upstream: Upstream): HttpRequest {
  return {
    method: req.method,
    path,
    headers,
    ...(req.body !== undefined ? { body: req.body } : {}),
    remoteAddr: to.sourceSeen,
    remotePort: to.sport ?? 40000,
    localAddr: to.ip,
    localPort: to.port ?? upstream.port,
  };
}
