// The two kinds of line an ingress-nginx pod logs besides its access log, for the 503/502 triage:
// - the Go controller's klog warnings, written at sync time and so once per state, not per request:
//   `W0907 17:35:19.222358       7 controller.go:1216] Service "default/web" does not have any active Endpoint.`
// - nginx's error log, per failed connect to an upstream (refused, or timed out: one line a try):
//   `2022/06/23 15:14:51 [error] 38#38: *1 connect() failed (111: Connection refused) while
//   connecting to upstream, client: C, server: S, request: "GET /p HTTP/1.1", upstream:
//   "http://10.244.1.5:80/p", host: "S"`.
// Formats from ingress-nginx issues #6135, #8731 and #3610 (real controller logs); the timed-out
// wording `upstream timed out (110: Connection timed out) while connecting to upstream` is Linux
// nginx's (ETIMEDOUT is 110 there), as in nginx-proxy logs quoted in public write-ups.

import type { Cluster } from '../../cluster/cluster';
import type { Pod } from '../../kube/types';
import type { HttpRequest } from '../apps/http-types';

/** nginx's worker pid as the controller image shows it (the master is 7's sibling). */
const NGINX_WORKER_PID = 38;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function write(cluster: Cluster, controller: Pod, line: string): void {
  cluster.appendLog(controller.metadata.namespace ?? 'default', controller.metadata.name, controller.spec.containers[0].name, line);
}

/** A klog warning from controller.go, written once per distinct message (the controller repeats it per sync). */
export function controllerWarning(cluster: Cluster, controller: Pod, message: string): void {
  const namespace = controller.metadata.namespace ?? 'default';
  if (cluster.logLines(namespace, controller.metadata.name, controller.spec.containers[0].name).some((l) => l.line.endsWith(`] ${message}`))) return;
  const d = new Date(cluster.now());
  const stamp = `W${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds() * 1000, 6)}`;
  write(cluster, controller, `${stamp}       7 controller.go:1216] ${message}`);
}

/** The controller's sync warning for a backend Service without ready endpoints (it then answers 503). */
export function noActiveEndpoint(namespace: string, service: string): string {
  return `Service "${namespace}/${service}" does not have any active Endpoint.`;
}

/** How a connect to an upstream failed, as nginx's error log words it. */
export type UpstreamFailure = 'refused' | 'timed-out';

const FAILURE_TEXT: Record<UpstreamFailure, string> = {
  refused: 'connect() failed (111: Connection refused) while connecting to upstream',
  'timed-out': 'upstream timed out (110: Connection timed out) while connecting to upstream',
};

/**
 * nginx's error-log line for one failed connect to an upstream: refused (it answers 502) or left
 * unanswered past proxy-connect-timeout (each try logs one line; after the last it answers 504).
 * `at` is when nginx gave up on that try.
 */
export function logUpstreamFailure(cluster: Cluster, controller: Pod, req: HttpRequest, upstream: { addr: string; path: string; failure: UpstreamFailure; at: number }): void {
  const d = new Date(upstream.at);
  const stamp = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const host = req.headers.host ?? '';
  const server = host.replace(/:\d+$/, '') || '_';
  const connection = cluster.logLines(controller.metadata.namespace ?? 'default', controller.metadata.name, controller.spec.containers[0].name).length + 1;
  write(cluster, controller, `${stamp} [error] ${NGINX_WORKER_PID}#${NGINX_WORKER_PID}: *${connection} ${FAILURE_TEXT[upstream.failure]}, client: ${req.remoteAddr}, server: ${server}, request: "${req.method} ${req.path} ${req.tls ? 'HTTP/2.0' : 'HTTP/1.1'}", upstream: "http://${upstream.addr}${upstream.path}", host: "${host}"`);
}
