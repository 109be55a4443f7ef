// kube-proxy's per-Service health check server (pkg/proxy/healthcheck/service_health.go, v1.34).
// A LoadBalancer Service with externalTrafficPolicy: Local gets a healthCheckNodePort from the API
// server; kube-proxy on every node listens on it (on all addresses: kubeadm leaves
// nodePortAddresses unset) and answers any path and method with the number of ready endpoints of
// that Service on its own node: 200 with at least one, 503 with none. Cloud load balancers probe it
// so that they only send a Local Service's traffic to nodes that can serve it without forwarding.
// A kube-proxy that is not running holds no such socket; one that runs answers from the Services
// and EndpointSlices it syncs.

import type { Cluster } from '../../cluster/cluster';
import type { HttpExchange, HttpRequest } from '../apps/http-types';
import { httpDate, httpResponse } from '../apps/http-response';
import type { ProxyInputs } from '../../cluster/kube-proxy-sync';
import { SERVICE_NAME_LABEL } from './types';

/** One health check server on a node: the Service it reports on and its port. */
export interface ServiceHealthServer {
  namespace: string;
  name: string;
  port: number;
}

/** The health check servers kube-proxy on `node` runs now; none while it is not running. */
export function serviceHealthServers(cluster: Cluster, node: string): ServiceHealthServer[] {
  if (cluster.kubeProxyStoppedAt(node) !== undefined) return [];
  return cluster
    .kubeProxyInputs(node)
    .services.filter((svc) => svc.spec.healthCheckNodePort !== undefined && svc.spec.healthCheckNodePort > 0)
    .map((svc) => ({ namespace: svc.metadata.namespace ?? 'default', name: svc.metadata.name, port: svc.spec.healthCheckNodePort! }));
}

/**
 * What kube-proxy counts for the health check (EndpointsMap.LocalReadyEndpoints): the distinct
 * addresses of the Service's ready endpoints on this node, over all its ports. Terminating
 * endpoints do not count, even while they still serve: the node should stop getting new traffic.
 */
export function localReadyEndpoints(inputs: ProxyInputs, node: string, namespace: string, name: string): number {
  if (!inputs.services.some((s) => (s.metadata.namespace ?? 'default') === namespace && s.metadata.name === name)) return 0;
  const ips = new Set<string>();
  for (const slice of inputs.endpointSlices) {
    if (slice.metadata.namespace !== namespace || slice.metadata.labels?.[SERVICE_NAME_LABEL] !== name || slice.addressType !== 'IPv4') continue;
    for (const ep of slice.endpoints) {
      if (ep.nodeName === node && ep.conditions.ready) for (const ip of ep.addresses) ips.add(ip);
    }
  }
  return ips.size;
}

/** kube-proxy's answer on `node` to a request on `req.localPort`, or undefined when no health check server listens there. */
export function serveServiceHealth(cluster: Cluster, node: string, req: HttpRequest): HttpExchange | undefined {
  const server = serviceHealthServers(cluster, node).find((s) => s.port === req.localPort);
  if (!server) return undefined;
  const count = localReadyEndpoints(cluster.kubeProxyInputs(node), node, server.namespace, server.name);
  // serviceProxyHealthy is kube-proxy's own /healthz verdict; a kube-proxy that answers at all is syncing here.
  const body = serviceHealthBody(server.namespace, server.name, count, true);
  const ok = count > 0;
  const response = httpResponse(
    ok ? 200 : 503,
    ok ? 'OK' : 'Service Unavailable',
    // The handler's headers in Go's sorted order, then net/http's Date and Content-Length.
    [
      ['Content-Type', 'application/json'],
      ['X-Content-Type-Options', 'nosniff'],
      ['X-Load-Balancing-Endpoint-Weight', String(count)],
      ['Date', httpDate(cluster.now())],
      ['Content-Length', String(Buffer.byteLength(body))],
    ],
    body,
    req.method,
  );
  return { request: req, response, servedBy: [`kube-proxy on ${node}: health check for ${server.namespace}/${server.name}, ${count} local ready endpoint${count === 1 ? '' : 's'}`] };
}

/** The JSON as the handler prints it: tab-indented by dedent, no trailing newline. */
export function serviceHealthBody(namespace: string, name: string, localEndpoints: number, serviceProxyHealthy: boolean): string {
  return ['{', '\t"service": {', `\t\t"namespace": ${JSON.stringify(namespace)},`, `\t\t"name": ${JSON.stringify(name)}`, '\t},', `\t"localEndpoints": ${localEndpoints},`, `\t"serviceProxyHealthy": ${serviceProxyHealthy}`, '}'].join('\n');
}
