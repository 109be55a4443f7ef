// The labs' in-house shop front end: a Spring Boot service (a JVM) on 8080, as a company would
// build it. Its one trait that matters is real for any JVM service: it takes seconds from the
// container's start to listening, so a pod without a readiness probe is Ready (and gets
// traffic) while connections to it are still refused. Spring Boot Actuator answers
// /actuator/health (and its readiness group) with {"status":"UP"}; an unknown path is Spring's
// JSON 404. On SIGTERM it stops accepting at once (server.shutdown=immediate, the default), then
// takes a few seconds to exit while its shutdown hooks run.

import { httpDate, httpResponse } from '../http-response';
import type { ImageProfile } from '../image-profile';

const HEALTH = new Set(['/actuator/health', '/actuator/health/readiness', '/actuator/health/liveness']);

export const shopWeb: ImageProfile = {
  repositories: ['ghcr.io/flatnet-labs/shop-web'],
  // stopMs: the JVM's shutdown hooks (context close, connection pools) after its socket has closed.
  registry: { tags: ['2.4.0', '2.4.1'], pullMs: 4_000, stopMs: 3_000, sizeBytes: 112_406_528 },
  defaultCommand: { kind: 'serves' },
  process: { entrypoint: 'java -jar /app/shop-web.jar' },
  listeners: { kind: 'fixed', process: 'java', sockets: [{ protocol: 'tcp', address: '*', port: { kind: 'fixed', port: 8080 } }] },
  startupMs: 6_000,
  http: ({ pod, tag, request: req, nowMs, who }) => {
    const path = req.path.split('?')[0] ?? '/';
    const json = (status: number, reason: string, body: string) =>
      httpResponse(status, reason, [['Content-Type', status === 200 && HEALTH.has(path) ? 'application/vnd.spring-boot.actuator.v3+json' : 'application/json'], ['Content-Length', String(Buffer.byteLength(body))], ['Date', httpDate(nowMs)]], body, req.method);
    if (HEALTH.has(path)) return { request: req, response: json(200, 'OK', '{"status":"UP"}'), servedBy: [`shop-web ${tag} in ${who}: ${path} UP`] };
    if (path === '/' || path.startsWith('/products')) {
      const body = `<html><body><h1>Shop</h1><p>served by ${pod.metadata.name} (shop-web ${tag})</p></body></html>\n`;
      const response = httpResponse(200, 'OK', [['Content-Type', 'text/html;charset=UTF-8'], ['Content-Length', String(Buffer.byteLength(body))], ['Date', httpDate(nowMs)]], body, req.method);
      return { request: req, response, servedBy: [`shop-web ${tag} in ${who}`] };
    }
    const body = `{"timestamp":"${new Date(nowMs).toISOString().replace('Z', '+00:00')}","status":404,"error":"Not Found","path":"${path}"}`;
    return { request: req, response: json(404, 'Not Found', body), servedBy: [`shop-web ${tag} in ${who}: no handler for ${path}: 404`] };
  },
};
