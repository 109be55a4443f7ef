// hello-app, Google's sample from the GKE tutorials (GoogleCloudPlatform/kubernetes-engine-samples
// hello-app/main.go), under its old and its current registry path: a Go server on $PORT (8080)
// that answers every path with "Hello, world!", its version and the pod's hostname.

import { httpDate, httpResponse } from '../http-response';
import type { ImageProfile } from '../image-profile';

export const helloApp: ImageProfile = {
  repositories: ['gcr.io/google-samples/hello-app', 'us-docker.pkg.dev/google-samples/containers/gke/hello-app'],
  registry: { tags: ['1.0', '2.0'], pullMs: 3_000, stopMs: 300, sizeBytes: 4_718_080 },
  defaultCommand: { kind: 'serves' },
  process: { cmd: './hello-app' },
  listeners: { kind: 'fixed', process: 'hello-app', sockets: [{ protocol: 'tcp', address: '*', port: { kind: 'env', name: 'PORT', default: 8080 } }] },
  http: ({ pod, tag, request: req, nowMs, who }) => {
    const body = `Hello, world!\nVersion: ${tag === '2.0' ? '2.0.0' : '1.0.0'}\nHostname: ${pod.spec.hostname ?? pod.metadata.name}\n`;
    return { request: req, response: httpResponse(200, 'OK', [['Date', httpDate(nowMs)], ['Content-Length', String(Buffer.byteLength(body))], ['Content-Type', 'text/plain; charset=utf-8']], body, req.method), servedBy: [`hello-app in ${who}`] };
  },
};
