// One netcat connection attempt through the packet engine, the same path curl's connections take
// (commands/curl/http-client.ts): NetworkPolicy, kube-proxy's DNAT, REJECT (refused at once) vs
// DROP (the wait runs on the simulated clock and Ctrl-C ends it), conntrack entries left behind,
// and what a capture sees. A TCP connection that reaches a pod can carry one HTTP request typed
// or piped in (`printf 'GET / HTTP/1.0\r\n\r\n' | nc web 80`): the pod's application answers it.
// Anything else is sent and the connection closed: no other application protocol is modelled.

import type { CommandContext } from '../../command-types';
import { serveHttp } from '../../../dataplane/apps/http-server';
import { logHttpAccess } from '../../../dataplane/apps/access-log';
import { listensOn } from '../../../dataplane/apps/listeners';
import type { HttpRequest, HttpResponse } from '../../../dataplane/apps/http-types';
import { isIngressControllerPod } from '../../../cluster/ingress-status';
import { sendProbe } from '../../../dataplane/packet/walk';
import type { DeliveryPoint, ProbeResult } from '../../../dataplane/packet/types';
import { KERNEL_CONNECT_TIMEOUT_MS, sourceOf } from '../curl/http-client';

export type ConnectOutcome =
  | { kind: 'open'; at?: DeliveryPoint; result?: ProbeResult; startMs: number }
  | { kind: 'refused' }
  | { kind: 'unreachable' }
  | { kind: 'timeout'; byCaller: boolean }
  | { kind: 'interrupted' };

/**
 * A TCP connect (or, for UDP, one datagram and whatever ICMP comes back) to ip:port, giving up
 * after `timeoutMs` (the kernel's SYN retries when undefined). A UDP datagram nobody answers is
 * 'timeout' at once: the caller decides how long it waits for an ICMP error.
 */
export async function connect(ctx: CommandContext, ip: string, port: number, protocol: 'tcp' | 'udp', timeoutMs: number | undefined): Promise<ConnectOutcome> {
  const loc = ctx.session?.location() ?? { kind: 'workstation' as const };
  const startMs = ctx.cluster.now();
  if (loc.kind === 'workstation' && ip.startsWith('127.')) {
    // The workstation's loopback: only `kubectl port-forward` listens there.
    const forward = protocol === 'tcp' ? ctx.session?.portForwards.get(port) : undefined;
    if (!forward) return { kind: 'refused' };
    forward.onConnection();
    return { kind: 'open', startMs };
  }
  const world = ctx.session?.network();
  if (!world) return { kind: 'refused' };
  const result = sendProbe(world, { from: sourceOf(loc), dst: ip, protocol, dport: port }, { closeAfter: protocol === 'tcp' });
  const outcome = result.outcome;
  switch (outcome.kind) {
    case 'delivered':
      return { kind: 'open', at: outcome.at, result, startMs };
    case 'refused':
      if (protocol === 'tcp') world.capture?.publish(world, result, { kind: 'tcp' }, startMs);
      return { kind: 'refused' };
    case 'unreachable':
      if (protocol === 'tcp') world.capture?.publish(world, result, { kind: 'tcp' }, startMs);
      return { kind: 'unreachable' };
    case 'dropped': {
      if (protocol === 'udp') return { kind: 'timeout', byCaller: false };
      const wait = timeoutMs ?? KERNEL_CONNECT_TIMEOUT_MS;
      const slept = await ctx.sleep(wait);
      world.capture?.publish(world, result, { kind: 'tcp', waitedMs: slept }, startMs);
      return slept < wait ? { kind: 'interrupted' } : { kind: 'timeout', byCaller: timeoutMs !== undefined };
    }
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

/** An HTTP/1.x request as typed on the wire, or undefined when the bytes are not one. */
function parseRequest(data: string): Pick<HttpRequest, 'method' | 'path' | 'headers' | 'body'> | undefined {
  const m = /^([A-Z]+) (\S+) HTTP\/1\.[01]\r?\n/.exec(data);
  if (!m) return undefined;
  const [head, body = ''] = data.split(/\r?\n\r?\n/, 2);
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/).slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { method: m[1], path: m[2], headers, ...(body ? { body } : {}) };
}

function rawResponse(res: HttpResponse, head: boolean): string {
  return `HTTP/${res.version} ${res.status} ${res.reason}\r\n${res.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${head ? '' : res.body}`;
}

/**
 * Sends `data` over an open TCP connection and returns what the pod's application answers: an
 * HTTP response for an HTTP request to a pod's HTTP server, '' otherwise. The connection closes.
 */
export function exchange(ctx: CommandContext, open: Extract<ConnectOutcome, { kind: 'open' }>, port: number, data: string): string {
  const world = ctx.session?.network();
  const request = parseRequest(data);
  const podRef = open.at?.pod;
  const pod = podRef ? ctx.cluster.get('pods', podRef.namespace, podRef.name) : undefined;
  const localPort = open.at?.port ?? port;
  // The ingress controller's routing belongs to its own module; a raw connection to it just closes.
  if (!request || !pod || !open.at || isIngressControllerPod(pod) || !listensOn(pod, localPort, 'tcp', ctx.cluster.now())) {
    if (world && open.result) world.capture?.publish(world, open.result, { kind: 'tcp', ...(data ? { request: { bytes: Buffer.byteLength(data), firstLine: data.split('\n')[0].replace(/\r$/, '') } } : {}) }, open.startMs);
    return '';
  }
  const full: HttpRequest = { ...request, remoteAddr: open.at.sourceSeen, remotePort: open.result?.hops[0]?.headers.sport ?? 40000, localAddr: open.at.ip, localPort };
  const served = serveHttp(pod, full, ctx.cluster.now());
  logHttpAccess(ctx.cluster, pod, full, served.response);
  const text = rawResponse(served.response, request.method === 'HEAD');
  if (world && open.result) world.capture?.publish(world, open.result, { kind: 'tcp', request: { bytes: Buffer.byteLength(data), firstLine: data.split('\n')[0].replace(/\r$/, '') }, response: { bytes: Buffer.byteLength(text), firstLine: text.split('\r\n')[0] } }, open.startMs);
  return text;
}
