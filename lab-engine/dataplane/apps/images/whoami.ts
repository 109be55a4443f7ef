// traefik/whoami: a scratch image with a Go server on --port (80) that answers with the pod's
// hostname and addresses, the client's address and the request as it arrived.

import { plainText } from '../http-response';
import type { ImageProfile } from '../image-profile';

export const whoami: ImageProfile = {
  repositories: ['docker.io/traefik/whoami'],
  registry: { tags: ['latest', 'v1.10', 'v1.10.1', 'v1.10.2', 'v1.10.3', 'v1.10.4', 'v1.11', 'v1.11.0'], pullMs: 2_000, stopMs: 300, sizeBytes: 3_184_442 },
  defaultCommand: { kind: 'serves' },
  process: { entrypoint: '/whoami' },
  listeners: { kind: 'fixed', process: 'whoami', sockets: [{ protocol: 'tcp', address: '*', port: { kind: 'flag', flag: 'port', default: 80 } }] },
  http: ({ pod, request: req, nowMs, who }) => {
    const headers = Object.entries(req.headers).map(([k, v]) => `${k.replace(/(^|-)([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase())}: ${v}`);
    const lines = [`Hostname: ${pod.metadata.name}`, 'IP: 127.0.0.1', 'IP: ::1', `IP: ${pod.status.podIP ?? ''}`, `RemoteAddr: ${req.remoteAddr}:${req.remotePort}`, `${req.method} ${req.path} HTTP/1.1`, ...headers, ''];
    return { request: req, response: plainText(`${lines.join('\r\n')}\r\n`, req.method, nowMs), servedBy: [`whoami in ${who}`] };
  },
};
