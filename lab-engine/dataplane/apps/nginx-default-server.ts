// nginx's stock server, as the Docker image's /etc/nginx/conf.d/default.conf configures it: the
// welcome page (615 bytes) on `/`, nginx's 404 page elsewhere, headers in nginx's order, and the
// combined access log on stdout with an error-log line for a missing file. The nginx image's
// profile (images/nginx.ts) names these.

import { utcMonthShort } from '../../core/utc-text';
import { httpDate, httpResponse } from './http-response';
import type { HttpServe } from './image-profile';
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

export function nginxDefaultServer({ request: req, nowMs, who }: HttpServe): HttpExchange {
  const date = httpDate(nowMs);
  if (req.path === '/' || req.path === '/index.html') {
    const res = httpResponse(200, 'OK', [['Server', `nginx/${NGINX_VERSION}`], ['Date', date], ['Content-Type', 'text/html'], ['Content-Length', String(NGINX_WELCOME.length)], ['Last-Modified', 'Tue, 28 Oct 2025 12:05:10 GMT'], ['Connection', 'keep-alive'], ['ETag', '"6900b176-267"'], ['Accept-Ranges', 'bytes']], NGINX_WELCOME, req.method);
    return { request: req, response: res, servedBy: [`nginx default page from ${who}`] };
  }
  const body = nginxError(404, 'Not Found');
  return { request: req, response: httpResponse(404, 'Not Found', [['Server', `nginx/${NGINX_VERSION}`], ['Date', date], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ['Connection', 'keep-alive']], body, req.method), servedBy: [`nginx 404 from ${who}`] };
}

/** nginx's combined log format, as its image writes to stdout (kubectl logs shows it). */
export function nginxAccessLog(req: HttpRequest, res: HttpResponse, nowMs: number): string[] {
  const d = new Date(nowMs);
  const month = utcMonthShort(d.getTime());
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${pad(d.getUTCDate())}/${month}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
  const size = res.headers.find(([k]) => k === 'Content-Length')?.[1] ?? '0';
  const lines: string[] = [];
  if (res.status === 404) {
    // nginx's error log (stderr) names the file it looked for before the access log line.
    const t = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    lines.push(`${t} [error] 29#29: *1 open() "/usr/share/nginx/html${req.path.split('?')[0]}" failed (2: No such file or directory), client: ${req.remoteAddr}, server: localhost, request: "${req.method} ${req.path} HTTP/1.1", host: "${req.headers.host ?? ''}"`);
  }
  lines.push(`${req.remoteAddr} - - [${stamp}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${req.method === 'HEAD' ? 0 : size} "-" "${req.headers['user-agent'] ?? '-'}" "-"`);
  return lines;
}
