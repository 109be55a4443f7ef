// The gateway's data plane (NGINX Gateway Fabric's nginx) as a program in its pod: a request that
// reached it (through its LoadBalancer Service, or the pod IP) is matched to an HTTPRoute rule
// (routing.ts), one of the rule's backendRefs is drawn by weight, and the request is proxied to a
// ready endpoint of that Service, pod to pod through the packet engine, as nginx's upstream does
// (it bypasses the ClusterIP). Its own answers: 404 when no route matches, 500 for the share of
// requests drawn to a backendRef that does not resolve (a missing ReferenceGrant, a Service that
// does not exist; the spec requires a 500), 502 when the Service has no ready endpoint or the
// upstream refuses, 504 when the upstream never answers (nginx's 60 s proxy_connect_timeout).

import type { Cluster } from '../../cluster/cluster';
import { resolveBackend } from '../../cluster/gateway-api/backend-refs';
import type { HTTPBackendRef, Pod, Service } from '../../kube/types';
import { httpDate, serveHttp } from '../apps/http-server';
import { proxiedRequest, readyUpstreams, type Upstream } from '../apps/service-upstreams';
import type { HttpRequest, HttpResponse } from '../apps/http-types';
import { hopSummary } from '../packet/render-hop';
import { sendProbe } from '../packet/walk';
import type { PacketWorld } from '../packet/world';
import { chooseRoute, type RouteChoice } from './routing';

/** nginx's default proxy_connect_timeout. */
export const GATEWAY_CONNECT_TIMEOUT_MS = 60_000;

export interface GatewayServed {
  response: HttpResponse;
  servedBy: string[];
  waitedMs: number;
  /** The backend pod that answered (`namespace/name`), for graders that count the split. */
  backendPod?: string;
}

const REASONS: Record<number, string> = { 404: 'Not Found', 500: 'Internal Server Error', 502: 'Bad Gateway', 504: 'Gateway Time-out' };

function nginxPage(status: number, nowMs: number, method: string): HttpResponse {
  const reason = REASONS[status];
  const body = `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return { status, reason, version: '1.1', headers: [['Server', 'nginx'], ['Date', httpDate(nowMs)], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ['Connection', 'keep-alive']], body: method === 'HEAD' ? '' : body };
}

export interface GatewayServeOptions {
  /** A grader's request: no conntrack entries, no upstream access log. */
  quiet?: boolean;
}

export function serveGateway(world: PacketWorld, dataPlane: Pod, req: HttpRequest, options: GatewayServeOptions = {}): GatewayServed {
  const { cluster } = world;
  const now = cluster.now();
  const who = `nginx-gateway in ${dataPlane.metadata.namespace}/${dataPlane.metadata.name}`;
  const choice = chooseRoute(cluster, { port: req.localPort, host: req.headers.host ?? '', path: req.path, method: req.method, headers: req.headers });
  if (!choice) return { response: nginxPage(404, now, req.method), servedBy: [`${who}: no HTTPRoute attached to a listener on port ${req.localPort} matches host "${req.headers.host ?? ''}" path ${req.path}: 404`], waitedMs: 0 };
  const why = `${who}: httproute ${choice.route.metadata.namespace}/${choice.route.metadata.name} rule ${choice.ruleIndex}`;
  const ref = drawBackend(choice, world.random());
  if (!ref) return { response: nginxPage(500, now, req.method), servedBy: [`${why} has no backendRef with a weight above 0: 500`], waitedMs: 0 };
  const resolved = resolveBackend({ get: (r, ns, name) => cluster.get(r, ns, name), list: (r, ns) => cluster.list(r, ns) }, choice.route, ref);
  const target = `${ref.namespace ?? choice.route.metadata.namespace}/${ref.name}:${ref.port ?? ''}`;
  if (resolved.kind === 'unresolved') return { response: nginxPage(500, now, req.method), servedBy: [`${why} → ${target}: ${resolved.reason} (${resolved.message}): 500`], waitedMs: 0 };
  const endpoints = readyEndpoints(cluster, resolved.service, resolved.port);
  if (endpoints.length === 0) return { response: nginxPage(502, now, req.method), servedBy: [`${why} → service ${target} has no ready endpoints: 502`], waitedMs: 0 };
  const endpoint = endpoints[Math.floor(world.random() * endpoints.length)];
  const from = { kind: 'pod' as const, namespace: dataPlane.metadata.namespace ?? 'default', name: dataPlane.metadata.name };
  const probe = sendProbe(world, { from, dst: endpoint.ip, protocol: 'tcp', dport: endpoint.port }, options.quiet ? { recordConntrack: false } : { closeAfter: true });
  const upstreamAddr = `${endpoint.ip}:${endpoint.port}`;
  if (probe.outcome.kind === 'delivered') {
    const at = probe.outcome.at;
    const pod = at.pod ? cluster.get('pods', at.pod.namespace, at.pod.name) : undefined;
    if (pod) {
      const headers = { ...req.headers, 'x-forwarded-for': req.remoteAddr, 'x-real-ip': req.remoteAddr, 'x-forwarded-proto': 'http', 'x-forwarded-host': req.headers.host ?? '', 'x-forwarded-port': String(req.localPort) };
      const upstreamReq = proxiedRequest(req, req.path, headers, { ...at, sport: probe.hops[0]?.headers.sport }, endpoint);
      const upstream = serveHttp(pod, upstreamReq, now);
      const responseHeaders: [string, string][] = [['Server', 'nginx'], ['Date', httpDate(now)], ...upstream.response.headers.filter(([k]) => !['server', 'date', 'connection'].includes(k.toLowerCase())), ['Connection', 'keep-alive']];
      const podKey = `${pod.metadata.namespace}/${pod.metadata.name}`;
      return { response: { ...upstream.response, version: '1.1', headers: responseHeaders }, servedBy: [`${why} → ${target} (weight ${ref.weight}): proxied to ${upstreamAddr} (${podKey})`, ...upstream.servedBy], waitedMs: 0, backendPod: podKey };
    }
  }
  if (probe.outcome.kind === 'refused') return { response: nginxPage(502, now, req.method), servedBy: [`${why} → ${target}: ${upstreamAddr} refused the connection: 502`], waitedMs: 0 };
  const deciding = probe.hops.filter((h) => h.kind === 'policy' || h.kind === 'drop').at(-1);
  const reason = deciding ? hopSummary(deciding) : 'the connection went unanswered';
  return { response: nginxPage(504, now + GATEWAY_CONNECT_TIMEOUT_MS, req.method), servedBy: [`${why} → ${target}: ${upstreamAddr} did not answer: ${reason}: 504`], waitedMs: GATEWAY_CONNECT_TIMEOUT_MS };
}

/** One backendRef drawn in proportion to its weight (weight 0 never); undefined when all weigh 0. */
export function drawBackend(choice: Pick<RouteChoice, 'rule'>, random: number): HTTPBackendRef | undefined {
  const refs = (choice.rule.backendRefs ?? []).filter((r) => r.weight > 0);
  const total = refs.reduce((sum, r) => sum + r.weight, 0);
  if (total === 0) return undefined;
  let point = random * total;
  for (const r of refs) {
    if (point < r.weight) return r;
    point -= r.weight;
  }
  return refs.at(-1);
}

/** Ready endpoint addresses of the Service's port, as the data plane has learnt them. */
function readyEndpoints(cluster: Cluster, svc: Service, port: number): Upstream[] {
  const servicePort = (svc.spec.ports ?? []).find((p) => p.port === port);
  return servicePort ? readyUpstreams(cluster, svc, servicePort) : [];
}
