// kennethreitz/httpbin: the httpbin.org Flask app under gunicorn on port 80. Modelled: `/bytes/<n>`,
// n bytes of a body (httpbin caps n at 100 KiB), `/get` (the request echoed as JSON), and Flask's
// 404 page for anything else. The bytes are random in the real app; here they are a fixed
// pattern of printable bytes (only their count matters to what the model does with them).
// Sources: postmanlabs/httpbin httpbin/core.py (`random_bytes`: `n = min(n, 100 * 1024)`,
// `application/octet-stream`; `view_get`), its Dockerfile (`gunicorn -b 0.0.0.0:80 httpbin:app -k gevent`).

import { httpDate, httpResponse } from '../http-response';
import type { ImageProfile } from '../image-profile';
import type { HttpRequest, HttpResponse } from '../http-types';

/** httpbin's cap on `/bytes/<n>`. */
export const HTTPBIN_MAX_BYTES = 100 * 1024;
const GUNICORN = 'gunicorn/19.9.0';

export const httpbin: ImageProfile = {
  repositories: ['docker.io/kennethreitz/httpbin'],
  registry: { tags: ['latest'], pullMs: 6_000, stopMs: 30_000, sizeBytes: 176_000_000 },
  defaultCommand: { kind: 'serves' },
  process: { cmd: 'gunicorn -b 0.0.0.0:80 httpbin:app -k gevent' },
  listeners: { kind: 'fixed', process: 'gunicorn', sockets: [{ protocol: 'tcp', address: '0.0.0.0', port: { kind: 'fixed', port: 80 } }] },
  http: ({ request: req, nowMs, who }) => ({ request: req, response: answer(req, nowMs), servedBy: [`httpbin in ${who}`] }),
};

function answer(req: HttpRequest, nowMs: number): HttpResponse {
  const path = req.path.split('?')[0];
  const bytes = /^\/bytes\/(\d+)$/.exec(path);
  if (bytes) {
    const n = Math.min(Number(bytes[1]), HTTPBIN_MAX_BYTES);
    return respond(200, 'OK', 'application/octet-stream', patternBytes(n), req.method, nowMs);
  }
  if (path === '/get') {
    const body = `${JSON.stringify({ args: {}, headers: titleCased(req.headers), origin: req.remoteAddr, url: `http://${req.headers.host}${req.path}` }, null, 2)}\n`;
    return respond(200, 'OK', 'application/json', body, req.method, nowMs);
  }
  const notFound = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server.  If you entered the URL manually please check your spelling and try again.</p>\n';
  return respond(404, 'NOT FOUND', 'text/html', notFound, req.method, nowMs);
}

function respond(status: number, reason: string, type: string, body: string, method: string, nowMs: number): HttpResponse {
  const headers: [string, string][] = [['Server', GUNICORN], ['Date', httpDate(nowMs)], ['Connection', 'keep-alive'], ['Content-Type', type], ['Content-Length', String(Buffer.byteLength(body))], ['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Credentials', 'true']];
  return httpResponse(status, reason, headers, body, method);
}

function patternBytes(n: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[i % alphabet.length];
  return out;
}

function titleCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.replace(/(^|-)([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase()), v]));
}
