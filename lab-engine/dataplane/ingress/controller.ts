// An ingress controller as a program in its pod (ingress-nginx, or Traefik for a second class): a
// request that reached the controller
// (through its NodePort or LoadBalancer Service, or its pod IP) is routed by the Ingresses of
// its class (routing.ts), then proxied straight to one ready endpoint of the backend Service, as
// ingress-nginx does (it bypasses the ClusterIP): that is a second TCP connection from the
// controller pod, through the packet engine, so NetworkPolicies between the ingress namespace
// and the backend apply. Errors are the controller's own pages: 404 (no rule), 503 (no
// endpoints), 502 (refused), 504 when the connection goes unanswered: each connect waits
// proxy-connect-timeout (5 s), and proxy-next-upstream (`error timeout`, 3 tries) retries on the
// balancer's next endpoint, so a backend every try is dropped on answers 504 after 15 s, as
// real ingress-nginx logs it (issue #7673: `15.004 … 5.000, 5.005, 5.004 504, 504, 504`).
// ingress-nginx writes an access line per request in its
// `upstreaminfo` format; Traefik's access log is off by default, as in its Helm chart.

import type { Cluster } from '../../cluster/cluster';
import { ingressController, ingressControllerOf, INGRESS_CONTROLLERS, type IngressControllerInfo } from '../../cluster/ingress-status';
import type { Ingress, IngressServiceBackend, Pod, Service } from '../../kube/types';
import { httpDate, serveHttp } from '../apps/http-server';
import { logHttpAccess } from '../apps/access-log';
import { proxiedRequest, readyUpstreams, type Upstream } from '../apps/service-upstreams';
import { utcMonthShort } from '../../core/utc-text';
import type { HttpRequest, HttpResponse } from '../apps/http-types';
import { sendProbe } from '../packet/walk';
import { hopSummary } from '../packet/render-hop';
import type { PacketWorld } from '../packet/world';
import { routeRequest, type IngressRoute } from './routing';
import { chooseCertificate, sslRedirects, type TlsChoice } from './tls-termination';
import { controllerWarning, logUpstreamFailure, noActiveEndpoint } from './controller-log';

/** ingress-nginx's default proxy-connect-timeout. */
export const PROXY_CONNECT_TIMEOUT_MS = 5_000;

/** ingress-nginx's default proxy-next-upstream-tries: a connect that times out is tried again on the next endpoint, three tries in all. */
export const PROXY_NEXT_UPSTREAM_TRIES = 3;

export interface IngressServed {
  response: HttpResponse;
  servedBy: string[];
  /** Time the controller spent waiting on the upstream before answering (504 after the connect timeout). */
  waitedMs: number;
}

const ERROR_REASONS: Record<number, string> = { 308: 'Permanent Redirect', 400: 'Bad Request', 404: 'Not Found', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };

function pageFor(kind: IngressControllerInfo['kind'], status: number, nowMs: number, method: string): HttpResponse {
  const reason = ERROR_REASONS[status];
  if (kind === 'traefik') {
    // Go's net/http answers for Traefik: plain text, `404 page not found`, `no available server`.
    const body = status === 404 ? '404 page not found\n' : status === 503 ? 'no available server\n' : `${reason}`;
    const traefikReason = status === 503 ? 'Service Unavailable' : status === 504 ? 'Gateway Timeout' : reason;
    return { status, reason: traefikReason, version: '1.1', headers: [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff'], ['Date', httpDate(nowMs)], ['Content-Length', String(body.length)]], body: method === 'HEAD' ? '' : body };
  }
  const body = `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return { status, reason, version: '1.1', headers: [['Date', httpDate(nowMs)], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ['Connection', 'keep-alive']], body: method === 'HEAD' ? '' : body };
}

/** nginx's answer to plain HTTP on its `listen 443 ssl` port. */
function plainOnHttpsPage(nowMs: number, method: string): HttpResponse {
  const body = `<html>\r\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>The plain HTTP request was sent to HTTPS port</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return { status: 400, reason: 'Bad Request', version: '1.1', headers: [['Date', httpDate(nowMs)], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ['Connection', 'close']], body: method === 'HEAD' ? '' : body };
}

/** The container port a controller terminates TLS on (ingress-nginx `https` 443, Traefik `websecure` 8443). */
export function tlsPort(controller: Pod): number | undefined {
  for (const c of controller.spec.containers) for (const p of c.ports ?? []) if (p.name === 'https' || p.name === 'websecure') return p.containerPort;
  return undefined;
}

export type TlsAccept = { kind: 'tls'; choice: TlsChoice; alpn: 'h2' } | { kind: 'plain' };

/**
 * What a ClientHello to `pod:port` meets: an ingress controller's TLS port presents the certificate
 * for the SNI and accepts h2 by ALPN; every other simulated server speaks plain text only.
 */
export function acceptTls(cluster: Cluster, pod: Pod, localPort: number, sni: string | undefined, quiet = false): TlsAccept {
  const info = ingressControllerOf(pod);
  if (!info || tlsPort(pod) !== localPort) return { kind: 'plain' };
  return { kind: 'tls', choice: chooseCertificate(cluster, info, pod, servedIngresses(cluster, info), sni, quiet), alpn: 'h2' };
}

/** The Ingresses a controller serves: those whose class names its controller string. */
export function servedIngresses(cluster: Cluster, info: IngressControllerInfo = INGRESS_CONTROLLERS.nginx): Ingress[] {
  const classes = cluster.list('ingressclasses');
  return cluster.list('ingresses').filter((i) => ingressController(i, classes) === info.controller);
}

export interface ServeOptions {
  /** A grader's request: no access log, no conntrack entries. */
  quiet?: boolean;
}

export function serveIngress(world: PacketWorld, controller: Pod, req: HttpRequest, options: ServeOptions = {}): IngressServed {
  const { cluster } = world;
  const info = ingressControllerOf(controller) ?? INGRESS_CONTROLLERS.nginx;
  const name = info.kind === 'nginx' ? 'ingress-nginx' : 'traefik';
  const logAccess: typeof writeAccessLog = options.quiet || info.kind !== 'nginx' ? () => undefined : writeAccessLog;
  const errorPage = (status: number, at: number, method: string) => pageFor(info.kind, status, at, method);
  const now = cluster.now();
  if (info.kind === 'nginx' && !req.tls && req.localPort === tlsPort(controller)) {
    return { response: plainOnHttpsPage(now, req.method), servedBy: [`ingress-nginx in ${podKey(controller)}: plain HTTP on its HTTPS port: 400`], waitedMs: 0 };
  }
  const route = routeRequest(servedIngresses(cluster, info), req.headers.host ?? '', req.path, { nginxAnnotations: info.kind === 'nginx' });
  if (route && info.kind === 'nginx' && !req.tls && !route.viaDefaultBackend && sslRedirects(route.ingress, req.headers.host ?? '')) {
    const location = `https://${(req.headers.host ?? '').replace(/:\d+$/, '')}${req.path}`;
    const page = errorPage(308, now, req.method);
    const response: HttpResponse = { ...page, headers: [...page.headers, ['Location', location]] };
    logAccess(cluster, controller, req, response, `[${route.ingress.metadata.namespace}-${route.backend.service.name}-${route.backend.service.port.number ?? route.backend.service.port.name}]`, undefined, 0);
    return { response, servedBy: [`${explain(name, route)}: the host is in spec.tls and ssl-redirect is on: 308 to ${location}`], waitedMs: 0 };
  }
  if (!route) {
    const response = errorPage(404, now, req.method);
    logAccess(cluster, controller, req, response, '[upstream-default-backend]', undefined, 0);
    return { response, servedBy: [`${name} in ${podKey(controller)}: no Ingress rule matches host "${req.headers.host ?? ''}" path ${req.path}: default backend 404`], waitedMs: 0 };
  }
  const namespace = route.ingress.metadata.namespace ?? 'default';
  const upstreamName = `${namespace}-${route.backend.service.name}-${route.backend.service.port.number ?? route.backend.service.port.name}`;
  const why = explain(name, route);
  const svc = cluster.get('services', namespace, route.backend.service.name);
  const endpoints = svc ? readyEndpoints(cluster, svc, route.backend) : [];
  if (endpoints.length === 0) {
    const response = errorPage(503, now, req.method);
    if (!options.quiet && info.kind === 'nginx') controllerWarning(cluster, controller, noActiveEndpoint(namespace, route.backend.service.name));
    logAccess(cluster, controller, req, response, `[${upstreamName}]`, undefined, 0);
    return { response, servedBy: [`${why}: ${svc ? `service ${namespace}/${svc.metadata.name} has no ready endpoints for that port` : `service ${namespace}/${route.backend.service.name} does not exist`}: 503`], waitedMs: 0 };
  }
  // The balancer's round robin starts anywhere; each retry after a timed-out connect takes the next endpoint.
  const first = Math.floor(world.random() * endpoints.length);
  const connect = (attempt: number) => {
    const endpoint = endpoints[(first + attempt) % endpoints.length];
    const probe = sendProbe(world, { from: { kind: 'pod', namespace: controller.metadata.namespace ?? 'default', name: controller.metadata.name }, dst: endpoint.ip, protocol: 'tcp', dport: endpoint.port }, options.quiet ? { recordConntrack: false } : { closeAfter: true });
    return { endpoint, probe, upstreamAddr: `${endpoint.ip}:${endpoint.port}` };
  };
  let { endpoint, probe, upstreamAddr } = connect(0);
  const timedOut: string[] = [];
  // Retrying is ingress-nginx's default; Traefik retries only with its retry middleware, which it does not add by itself.
  const tries = info.kind === 'nginx' ? PROXY_NEXT_UPSTREAM_TRIES : 1;
  while (unanswered(probe.outcome.kind) && timedOut.length + 1 < tries) {
    timedOut.push(upstreamAddr);
    ({ endpoint, probe, upstreamAddr } = connect(timedOut.length));
  }
  const waitedBefore = timedOut.length * PROXY_CONNECT_TIMEOUT_MS;
  const earlierTries: UpstreamTry[] = timedOut.map((addr) => ({ addr, status: 504, length: 0, ms: PROXY_CONNECT_TIMEOUT_MS }));
  switch (probe.outcome.kind) {
    case 'delivered': {
      const at = probe.outcome.at;
      const pod = at.pod ? cluster.get('pods', at.pod.namespace, at.pod.name) : undefined;
      if (!pod) break;
      const upstreamHeaders = {
        ...req.headers,
        'x-request-id': requestId(req, now),
        'x-real-ip': req.remoteAddr,
        'x-forwarded-for': req.remoteAddr,
        'x-forwarded-host': req.headers.host ?? '',
        'x-forwarded-port': String(req.localPort),
        'x-forwarded-proto': req.tls ? 'https' : 'http',
        'x-forwarded-scheme': req.tls ? 'https' : 'http',
        'x-scheme': req.tls ? 'https' : 'http',
      };
      const upstreamReq = proxiedRequest(req, route.upstreamPath, upstreamHeaders, { ...at, sport: probe.hops[0]?.headers.sport }, endpoint);
      const upstream = serveHttp(pod, upstreamReq, now);
      if (!options.quiet) logHttpAccess(cluster, pod, upstreamReq, upstream.response);
      const headers: [string, string][] = [['Date', httpDate(now)], ...upstream.response.headers.filter(([k]) => !['server', 'date', 'connection'].includes(k.toLowerCase())), ['Connection', 'keep-alive']];
      const response: HttpResponse = { ...upstream.response, version: '1.1', headers };
      logAccess(cluster, controller, req, response, `[${upstreamName}]`, [...earlierTries, { addr: upstreamAddr, status: upstream.response.status, length: Buffer.byteLength(upstream.response.body) }], waitedBefore);
      const retried = timedOut.map((addr) => `${addr} did not answer within proxy-connect-timeout (5s); next upstream`);
      return { response, servedBy: [...retried, `${why}: proxied to ${upstreamAddr} (${podKey(pod)})${route.upstreamPath !== req.path ? ` as ${route.upstreamPath}` : ''}`, ...upstream.servedBy], waitedMs: waitedBefore };
    }
    case 'refused': {
      const response = errorPage(502, now, req.method);
      if (!options.quiet && info.kind === 'nginx') logUpstreamFailure(cluster, controller, req, { addr: upstreamAddr, path: route.upstreamPath, failure: 'refused', at: now + waitedBefore });
      logAccess(cluster, controller, req, response, `[${upstreamName}]`, { addr: upstreamAddr, status: 502, length: 0 }, 0);
      return { response, servedBy: [`${why}: ${upstreamAddr} refused the connection: 502`], waitedMs: 0 };
    }
    default:
      break;
  }
  const waited = waitedBefore + PROXY_CONNECT_TIMEOUT_MS;
  const response = errorPage(504, now + waited, req.method);
  if (!options.quiet && info.kind === 'nginx') {
    [...timedOut, upstreamAddr].forEach((addr, i) => logUpstreamFailure(cluster, controller, req, { addr, path: route.upstreamPath, failure: 'timed-out', at: now + (i + 1) * PROXY_CONNECT_TIMEOUT_MS }));
  }
  const deciding = probe.hops.filter((h) => h.kind === 'policy' || h.kind === 'drop').at(-1);
  const reason = deciding ? hopSummary(deciding) : 'the connection went unanswered';
  logAccess(cluster, controller, req, response, `[${upstreamName}]`, [...earlierTries, { addr: upstreamAddr, status: 504, length: 0, ms: PROXY_CONNECT_TIMEOUT_MS }], waited);
  const tried = [...timedOut, upstreamAddr].join(', ');
  const retries = info.kind === 'nginx' ? ` (proxy-next-upstream-tries ${PROXY_NEXT_UPSTREAM_TRIES})` : '';
  return { response, servedBy: [`${why}: tried ${tried}${retries}, none answered within the connect timeout (5s): ${reason}: 504`], waitedMs: waited };
}

/** A connect that neither reached a listener nor was refused: nginx waits out proxy-connect-timeout. */
function unanswered(kind: ReturnType<typeof sendProbe>['outcome']['kind']): boolean {
  return kind !== 'delivered' && kind !== 'refused';
}

function explain(name: string, route: IngressRoute): string {
  const ing = `${route.ingress.metadata.namespace}/${route.ingress.metadata.name}`;
  const port = route.backend.service.port.number ?? route.backend.service.port.name;
  if (route.viaDefaultBackend) return `${name}: no rule matched; default backend of ingress ${ing} → service ${route.backend.service.name}:${port}`;
  return `${name}: ingress ${ing} host ${route.host} path ${route.path} (${route.pathType}) → service ${route.backend.service.name}:${port}`;
}

/** Ready endpoint addresses of the Service for the backend's port (by number or name). */
function readyEndpoints(cluster: Cluster, svc: Service, backend: IngressServiceBackend): Upstream[] {
  const want = backend.service.port;
  const servicePort = (svc.spec.ports ?? []).find((p) => (want.number !== undefined ? p.port === want.number : p.name === want.name));
  return servicePort ? readyUpstreams(cluster, svc, servicePort) : [];
}

function podKey(pod: Pod): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

function requestId(req: HttpRequest, now: number): string {
  let h = 0x811c9dc5 ^ now;
  let out = '';
  for (let round = 0; out.length < 32; round++) {
    for (const c of `${req.remoteAddr}:${req.remotePort} ${req.path}#${round}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 32);
}

/**
 * ingress-nginx's `upstreaminfo` log format: `$remote_addr - $remote_user [$time_local] "$request"
 * $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_length $request_time
 * [$proxy_upstream_name] [$proxy_alternative_upstream_name] $upstream_addr
 * $upstream_response_length $upstream_response_time $upstream_status $req_id`.
 */
/** One connect to an upstream as the access log lists it; `ms` is how long it took (absent: the request's own time). */
interface UpstreamTry {
  addr: string;
  status: number;
  length: number;
  ms?: number;
}

function writeAccessLog(cluster: Cluster, controller: Pod, req: HttpRequest, res: HttpResponse, upstreamName: string, upstream: UpstreamTry | UpstreamTry[] | undefined, waitedMs: number): void {
  const d = new Date(cluster.now() + waitedMs);
  const month = utcMonthShort(d.getTime());
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${pad(d.getUTCDate())}/${month}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
  const requestLength = Buffer.byteLength(`${req.method} ${req.path} HTTP/1.1\r\n${Object.entries(req.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`) + Buffer.byteLength(req.body ?? '');
  const seconds = ((waitedMs || 1) / 1000).toFixed(3);
  // nginx lists every try, comma-separated, in each $upstream_* variable.
  const tries = upstream === undefined ? [] : Array.isArray(upstream) ? upstream : [upstream];
  const column = (of: (t: UpstreamTry) => string) => tries.map(of).join(', ');
  const up = tries.length > 0 ? `${column((t) => t.addr)} ${column((t) => String(t.length))} ${column((t) => (t.ms !== undefined ? (t.ms / 1000).toFixed(3) : seconds))} ${column((t) => String(t.status))}` : '- - - -';
  const line = `${req.remoteAddr} - - [${stamp}] "${req.method} ${req.path} ${req.tls ? 'HTTP/2.0' : 'HTTP/1.1'}" ${res.status} ${Buffer.byteLength(res.body)} "-" "${req.headers['user-agent'] ?? '-'}" ${requestLength} ${seconds} ${upstreamName} [] ${up} ${requestId(req, cluster.now())}`;
  cluster.appendLog(controller.metadata.namespace ?? 'default', controller.metadata.name, controller.spec.containers[0].name, line);
}
