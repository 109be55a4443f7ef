// hashicorp/http-echo: a scratch image with one Go binary that answers every request with its
// `-text` argument and a newline, on `-listen` (default :5678). Without `-text` it exits 127.

import { httpDate, httpResponse } from '../http-response';
import type { ImageProfile } from '../image-profile';

export const httpEcho: ImageProfile = {
  repositories: ['docker.io/hashicorp/http-echo'],
  registry: { tags: ['latest', '1.0', '1.0.0', '0.2.3'], pullMs: 2_000, stopMs: 300, sizeBytes: 3_470_622 },
  defaultCommand: { kind: 'exits', code: 127 },
  process: { entrypoint: '/http-echo' },
  listeners: { kind: 'fixed', process: 'http-echo', sockets: [{ protocol: 'tcp', address: '*', port: { kind: 'flag', flag: 'listen', default: 5678, hostPort: true } }] },
  http: ({ argv, request: req, nowMs, who }) => {
    const text = argValue(argv, 'text') ?? 'hello-world';
    const headers: [string, string][] = [['X-App-Name', 'http-echo'], ['X-App-Version', '1.0.0'], ['Date', httpDate(nowMs)], ['Content-Length', String(Buffer.byteLength(text) + 1)], ['Content-Type', 'text/plain; charset=utf-8']];
    return { request: req, response: httpResponse(200, 'OK', headers, `${text}\n`, req.method), servedBy: [`http-echo in ${who}`] };
  },
  startupLog: ({ container, stamp }) => {
    const listen = [...(container.args ?? [])].find((a) => a.startsWith('-listen='))?.slice('-listen='.length) ?? ':5678';
    return [`${stamp} [INFO] server is listening on ${listen}`];
  },
};

/** `-text=hello`, `-text hello`, `--text=hello`. */
function argValue(argv: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const m = new RegExp(`^--?${flag}(?:=(.*))?$`).exec(argv[i]);
    if (m) return m[1] ?? argv[i + 1];
  }
  return undefined;
}
