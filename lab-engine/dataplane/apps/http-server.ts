// What the HTTP servers of common images answer, once a connection has reached a pod:
// - nginx: its stock welcome page (615 bytes, as the Docker image serves it) on `/`, its 404
//   page elsewhere, headers in nginx's order;
// - hashicorp/http-echo: the `-text` argument and a newline;
// - agnhost netexec: `/hostname`, `/clientip` (the address the server saw: after any SNAT, which is
//   how masquerade becomes visible), `/echo?msg=`; agnhost serve-hostname: the pod name;
// - traefik/whoami: Hostname, IP, RemoteAddr and the request as it arrived;
// - hello-app (GKE samples): "Hello, world!", its version and the pod's hostname, on every path;
// - any other image: a short page naming the pod, so a learner can tell backends apart.

import { HELLO_APP_REPOSITORIES, parseImageRef } from '../../cluster/images';
import type { Pod } from '../../kube/types';
import type { HttpExchange, HttpRequest, HttpResponse } from './http-types';

export const NGINX_VERSION = '1.29.3';

export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const nginxError = (status: number, reason: string) => `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx/${NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n`;

/** HTTP-date as servers send it, from the simulation clock. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

function response(status: number, reason: string, headers: [string, string][], body: string, method: string): HttpResponse {
  return { status, reason, version: '1.1', headers, body: method === 'HEAD' ? '' : body };
}

export function serveHttp(pod: Pod, req: HttpRequest, nowMs: number): HttpExchange {
  const container = pod.spec.containers.find((c) => c.ports?.some((p) => p.containerPort === req.localPort)) ?? pod.spec.containers[0];
  const argv = [...(container?.command ?? []), ...(container?.args ?? [])];
  const who = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const date = httpDate(nowMs);
  const text = (body: string, server?: string): HttpResponse =>
    response(200, 'OK', [...(server ? [['Server', server] as [string, string]] : []), ['Date', date], ['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', String(Buffer.byteLength(body))]], body, req.method);
  switch (parseImageRef(container?.image ?? '')?.repository) {
    case 'docker.io/library/nginx': {
      if (req.path === '/' || req.path === '/index.html') {
        const res = response(200, 'OK', [['Server', `nginx/${NGINX_VERSION}`], ['Date', date], ['Content-Type', 'text/html'], ['Content-Length', String(NGINX_WELCOME.length)], ['Last-Modified', 'Tue, 28 Oct 2025 12:05:10 GMT'], ['Connection', 'keep-alive'], ['ETag', '"6900b176-267"'], ['Accept-Ranges', 'bytes']], NGINX_WELCOME, req.method);
        return { request: req, response: res, servedBy: [`nginx default page from ${who}`] };
      }
      const body = nginxError(404, 'Not Found');
      return { request: req, response: response(404, 'Not Found', [['Server', `nginx/${NGINX_VERSION}`], ['Date', date], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ['Connection', 'keep-alive']], body, req.method), servedBy: [`nginx 404 from ${who}`] };
    }
    case 'docker.io/hashicorp/http-echo': {
      const textArg = argValue(argv, 'text') ?? 'hello-world';
      return { request: req, response: response(200, 'OK', [['X-App-Name', 'http-echo'], ['X-App-Version', '1.0.0'], ['Date', date], ['Content-Length', String(Buffer.byteLength(textArg) + 1)], ['Content-Type', 'text/plain; charset=utf-8']], `${textArg}\n`, req.method), servedBy: [`http-echo in ${who}`] };
    }
    case 'registry.k8s.io/e2e-test-images/agnhost': {
      if (argv.includes('serve-hostname')) return { request: req, response: text(pod.metadata.name), servedBy: [`agnhost serve-hostname in ${who}`] };
      const [path, query = ''] = req.path.split('?');
      const params = new URLSearchParams(query);
      const body = path === '/hostname' ? pod.metadata.name : path === '/clientip' ? `${req.remoteAddr}:${req.remotePort}` : path === '/echo' ? (params.get('msg') ?? '') : path === '/' ? `NOW: ${new Date(nowMs).toISOString()}` : undefined;
      if (body === undefined) return { request: req, response: response(404, 'Not Found', [['Content-Type', 'text/plain; charset=utf-8'], ['Date', date], ['Content-Length', '19']], '404 page not found\n', req.method), servedBy: [`agnhost netexec in ${who}`] };
      return { request: req, response: text(body), servedBy: [`agnhost netexec ${path} in ${who}`] };
    }
    case HELLO_APP_REPOSITORIES[0]:
    case HELLO_APP_REPOSITORIES[1]: {
      const tag = parseImageRef(container?.image ?? '')?.tag ?? '1.0';
      const body = `Hello, world!\nVersion: ${tag === '2.0' ? '2.0.0' : '1.0.0'}\nHostname: ${pod.spec.hostname ?? pod.metadata.name}\n`;
      return { request: req, response: response(200, 'OK', [['Date', date], ['Content-Length', String(Buffer.byteLength(body))], ['Content-Type', 'text/plain; charset=utf-8']], body, req.method), servedBy: [`hello-app in ${who}`] };
    }
    case 'docker.io/traefik/whoami': {
      const lines = [`Hostname: ${pod.metadata.name}`, 'IP: 127.0.0.1', 'IP: ::1', `IP: ${pod.status.podIP ?? ''}`, `RemoteAddr: ${req.remoteAddr}:${req.remotePort}`, `${req.method} ${req.path} HTTP/1.1`, ...Object.entries(req.headers).map(([k, v]) => `${k.replace(/(^|-)([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase())}: ${v}`), ''];
      return { request: req, response: text(`${lines.join('\r\n')}\r\n`), servedBy: [`whoami in ${who}`] };
    }
    default: {
      const body = `<html><body><h1>${pod.metadata.name}</h1><p>Served by pod ${who} (${pod.status.podIP}) on port ${req.localPort}.</p></body></html>\n`;
      return { request: req, response: response(200, 'OK', [['Date', date], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)]], body, req.method), servedBy: [`${container?.image ?? 'the app'} in ${who}`] };
    }
  }
}

/** `-text=hello`, `-text hello`, `--text=hello`. */
function argValue(argv: string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const m = new RegExp(`^--?${flag}(?:=(.*))?$`).exec(argv[i]);
    if (m) return m[1] ?? argv[i + 1];
  }
  return undefined;
}
