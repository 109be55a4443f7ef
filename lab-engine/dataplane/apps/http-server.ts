// What a pod's HTTP server answers once a connection has reached it: the answering container's
// image profile says (its `http`: nginx's default server, http-echo's text, agnhost netexec,
// whoami, hello-app...); an image Flatnet does not know serves a short page naming the pod, so a
// learner can tell backends apart. Ingress controller pods are answered by dataplane/ingress.

import { parseImageRef } from '../../cluster/images';
import type { Pod } from '../../kube/types';
import { httpDate, httpResponse } from './http-response';
import type { HttpServe } from './image-profile';
import type { HttpExchange, HttpRequest } from './http-types';
import { imageProfile } from './images';

/** The ingress controllers date their own answers with it. */
export { httpDate };

export function serveHttp(pod: Pod, req: HttpRequest, nowMs: number): HttpExchange {
  const container = pod.spec.containers.find((c) => c.ports?.some((p) => p.containerPort === req.localPort)) ?? pod.spec.containers[0];
  const who = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const ref = container && parseImageRef(container.image);
  const responder = ref && imageProfile(ref)?.http;
  if (!container || !ref || !responder) return podPage(pod, req, nowMs, who, container?.image);
  const serve: HttpServe = { pod, container, argv: [...(container.command ?? []), ...(container.args ?? [])], tag: ref.tag, request: req, nowMs, who };
  return responder(serve);
}

/** An image Flatnet does not know: a page naming the pod, its address and the port asked. */
function podPage(pod: Pod, req: HttpRequest, nowMs: number, who: string, image: string | undefined): HttpExchange {
  const body = `<html><body><h1>${pod.metadata.name}</h1><p>Served by pod ${who} (${pod.status.podIP}) on port ${req.localPort}.</p></body></html>\n`;
  return { request: req, response: httpResponse(200, 'OK', [['Date', httpDate(nowMs)], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)]], body, req.method), servedBy: [`${image ?? 'the app'} in ${who}`] };
}
