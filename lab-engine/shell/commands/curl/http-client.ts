// One HTTP request from wherever the shell stands, as the client programs (curl, BusyBox wget)
// make it: resolve the name, open a TCP connection through the packet engine (the learner's own
// traffic: it leaves conntrack entries), wait on the simulated clock when the SYN goes unanswered
// (Ctrl-C stops the wait), and ask the receiving pod's application for the response.

import type { CommandContext } from '../../command-types';
import { serveHttp } from '../../../dataplane/apps/http-server';
import { servePaymentsApi } from '../../../dataplane/apps/payments-api';
import { serveCloudMetadata } from '../../../dataplane/apps/cloud-metadata';
import { logHttpAccess } from '../../../dataplane/apps/access-log';
import { listensOn } from '../../../dataplane/apps/listeners';
import { acceptTls, serveIngress, type TlsAccept } from '../../../dataplane/ingress/controller';
import { serveGateway } from '../../../dataplane/gateway/controller';
import { isGatewayDataPlane } from '../../../cluster/gateway-api/gateway-controllers';
import { isIngressControllerPod } from '../../../cluster/ingress-status';
import type { HttpExchange, HttpRequest, HttpResponse } from '../../../dataplane/apps/http-types';
import { sendProbe } from '../../../dataplane/packet/walk';
import { responseStall } from '../../../dataplane/apps/http-response-walk';
import type { DeliveryPoint, PacketSource } from '../../../dataplane/packet/types';
import { serveServiceHealth } from '../../../dataplane/kube-proxy';
import { DNS_GIVE_UP_MS, resolveHost } from '../../contexts/name-resolution';
import type { ShellLocation } from '../../contexts/location';

/** Linux gives up on an unanswered SYN after 6 retries (tcp_syn_retries): about 130 s. */
export const KERNEL_CONNECT_TIMEOUT_MS = 130_000;
/** How long Linux retransmits unacknowledged data before the socket fails with ETIMEDOUT: net.ipv4.tcp_retries2 = 15, about 924.6 s (ip-sysctl.rst). */
export const KERNEL_RETRANSMIT_GIVE_UP_MS = 924_600;
/** An on-link neighbour that never answers: mcast_solicit (3) ARP requests, retrans_time_ms (1000) apart, then FAILED and EHOSTUNREACH. */
export const NEIGHBOUR_FAIL_MS = 3_000;

export interface HttpCall {
  host: string;
  port: number;
  path: string;
  method: string;
  /** Lower-cased names; host/user-agent/accept are the caller's. */
  headers: Record<string, string>;
  body?: string;
  /** A pinned address (curl --resolve), skipping name resolution. */
  address?: string;
  /** Give up on name resolution and connecting after this long (ms); the kernel's limits otherwise. */
  timeoutMs?: number;
  /**
   * Speak TLS first (https): send a ClientHello with this SNI, and let `verify` judge the server's
   * certificate before any request leaves (false: the client aborts the handshake).
   */
  tls?: { sni: string | undefined; verify(handshake: TlsHandshake): boolean };
}

export type TlsHandshake = Extract<TlsAccept, { kind: 'tls' }>;

export type HttpOutcome =
  | { kind: 'response'; ip: string; exchange: HttpExchange; tls?: TlsHandshake }
  | { kind: 'tls-plain'; ip: string }
  | { kind: 'tls-rejected'; ip: string; tls: TlsHandshake }
  | { kind: 'no-name'; waitedMs: number; timedOut: boolean }
  | { kind: 'refused'; ip: string }
  /** `waitedMs`: how long the kernel tried before EHOSTUNREACH (an unanswered ARP); absent: at once (an ICMP error). */
  | { kind: 'unreachable'; ip: string; waitedMs?: number }
  | { kind: 'timeout'; ip: string; waitedMs: number; byCaller: boolean }
  /** Connected and sent the request, but the response's segments never arrive (an MTU black hole): `byCaller` when -m/-T ended it, else TCP gave up. */
  | { kind: 'stalled'; ip: string; waitedMs: number; byCaller: boolean }
  | { kind: 'empty-reply'; ip: string }
  | { kind: 'interrupted' };

export function sourceOf(loc: ShellLocation): PacketSource {
  switch (loc.kind) {
    case 'workstation':
      return { kind: 'external', host: 'workstation' };
    case 'node':
      return loc.netns === undefined ? { kind: 'node', node: loc.node } : { kind: 'netns', node: loc.node, name: loc.netns };
    case 'pod':
      return { kind: 'pod', namespace: loc.namespace, name: loc.pod };
    default: {
      const never: never = loc;
      return never;
    }
  }
}

export async function httpCall(ctx: CommandContext, call: HttpCall): Promise<HttpOutcome> {
  const loc = ctx.session?.location() ?? { kind: 'workstation' as const };
  const world = ctx.session?.network();
  const limit = call.timeoutMs ?? Infinity;
  const resolution = call.address ? { ok: true as const, ip: call.address } : resolveHost(call.host, loc, ctx.cluster, ctx.fs, world);
  if (!resolution.ok) {
    if (resolution.reason !== 'timeout') return { kind: 'no-name', waitedMs: 0, timedOut: false };
    const wait = Math.min(limit, DNS_GIVE_UP_MS);
    const slept = await ctx.sleep(wait);
    if (slept < wait) return { kind: 'interrupted' };
    return { kind: 'no-name', waitedMs: wait, timedOut: limit < DNS_GIVE_UP_MS };
  }
  const ip = resolution.ip;
  if (loc.kind === 'workstation' && ip === '127.0.0.1') {
    // The forwarded pods speak plain HTTP: a ClientHello gets an HTTP error page back.
    const forwarded = throughPortForward(ctx, call, ip);
    return call.tls && forwarded.kind === 'response' ? { kind: 'tls-plain', ip } : forwarded;
  }
  if (!world) return { kind: 'refused', ip };
  const startMs = ctx.cluster.now();
  const result = sendProbe(world, { from: sourceOf(loc), dst: ip, protocol: 'tcp', dport: call.port }, { closeAfter: true });
  const outcome = result.outcome;
  switch (outcome.kind) {
    case 'refused':
      world.capture?.publish(world, result, { kind: 'tcp' }, startMs);
      return { kind: 'refused', ip };
    case 'unreachable': {
      const last = result.hops.at(-1);
      if (last?.kind === 'drop' && last.drop === 'ports-isolated') {
        // The SYN waits on the neighbour: the connect fails only once the ARP requests went unanswered (or curl's -m ends it first).
        const wait = Math.min(limit, NEIGHBOUR_FAIL_MS);
        const slept = await ctx.sleep(wait);
        world.capture?.publish(world, result, { kind: 'tcp' }, startMs);
        if (slept < wait) return { kind: 'interrupted' };
        return limit < NEIGHBOUR_FAIL_MS ? { kind: 'timeout', ip, waitedMs: wait, byCaller: true } : { kind: 'unreachable', ip, waitedMs: wait };
      }
      world.capture?.publish(world, result, { kind: 'tcp' }, startMs);
      return { kind: 'unreachable', ip };
    }
    case 'dropped': {
      const wait = Number.isFinite(limit) ? limit : KERNEL_CONNECT_TIMEOUT_MS;
      const slept = await ctx.sleep(wait);
      world.capture?.publish(world, result, { kind: 'tcp', waitedMs: slept }, startMs);
      if (slept < wait) return { kind: 'interrupted' };
      return { kind: 'timeout', ip, waitedMs: wait, byCaller: Number.isFinite(limit) };
    }
    case 'delivered': {
      const target = outcome.at.pod ? ctx.cluster.get('pods', outcome.at.pod.namespace, outcome.at.pod.name) : undefined;
      if (!target && outcome.at.netns === 'external/payments-api' && !call.tls && (outcome.at.port ?? call.port) === 80) {
        const request: HttpRequest = { method: call.method, path: call.path, headers: call.headers, remoteAddr: outcome.at.sourceSeen, remotePort: result.hops[0]?.headers.sport ?? 40000, localAddr: outcome.at.ip, localPort: 80 };
        const exchange = servePaymentsApi(request, ctx.cluster.now());
        world.capture?.publish(world, result, { kind: 'tcp', request: wireRequest(request), response: wireResponse(exchange.response, request.method === 'HEAD') }, startMs);
        return { kind: 'response', ip, exchange };
      }
      if (!target && outcome.at.netns === 'external/cloud-metadata' && !call.tls && (outcome.at.port ?? call.port) === 80) {
        const request: HttpRequest = { method: call.method, path: call.path, headers: call.headers, remoteAddr: outcome.at.sourceSeen, remotePort: result.hops[0]?.headers.sport ?? 40000, localAddr: outcome.at.ip, localPort: 80 };
        const exchange = serveCloudMetadata(request, ctx.cluster.now());
        world.capture?.publish(world, result, { kind: 'tcp', request: wireRequest(request), response: wireResponse(exchange.response, request.method === 'HEAD') }, startMs);
        return { kind: 'response', ip, exchange };
      }
      if (!target) return nodeDaemonAnswer(ctx, call, outcome.at, result.hops[0]?.headers.sport ?? 40000, ip, () => world.capture?.publish(world, result, { kind: 'tcp' }, startMs));
      let handshake: TlsHandshake | undefined;
      if (call.tls) {
        const accepted = acceptTls(ctx.cluster, target, outcome.at.port ?? call.port, call.tls.sni);
        if (accepted.kind === 'plain') {
          world.capture?.publish(world, result, { kind: 'tcp' }, startMs);
          return { kind: 'tls-plain', ip };
        }
        handshake = accepted;
        if (!call.tls.verify(accepted)) {
          world.capture?.publish(world, result, { kind: 'tcp' }, startMs);
          return { kind: 'tls-rejected', ip, tls: accepted };
        }
      }
      const request: HttpRequest = {
        ...(call.tls ? { tls: call.tls.sni ? { sni: call.tls.sni } : {} } : {}),
        method: call.method,
        path: call.path,
        headers: call.headers,
        ...(call.body !== undefined ? { body: call.body } : {}),
        remoteAddr: outcome.at.sourceSeen,
        remotePort: result.hops[0]?.headers.sport ?? 40000,
        localAddr: outcome.at.ip,
        localPort: outcome.at.port ?? call.port,
      };
      let exchange: HttpExchange;
      if (isIngressControllerPod(target)) {
        const served = serveIngress(world, target, request);
        if (served.waitedMs > 0) {
          const slept = await ctx.sleep(Math.min(served.waitedMs, limit));
          if (slept < Math.min(served.waitedMs, limit)) return { kind: 'interrupted' };
          if (limit < served.waitedMs) return { kind: 'timeout', ip, waitedMs: limit, byCaller: true };
        }
        exchange = { request, response: served.response, servedBy: served.servedBy };
      } else if (isGatewayDataPlane(target)) {
        const served = serveGateway(world, target, request);
        // An upstream that never answers holds curl for the data plane's connect timeout, as with ingress-nginx above.
        if (served.waitedMs > 0) {
          const slept = await ctx.sleep(Math.min(served.waitedMs, limit));
          if (slept < Math.min(served.waitedMs, limit)) return { kind: 'interrupted' };
          if (limit < served.waitedMs) return { kind: 'timeout', ip, waitedMs: limit, byCaller: true };
        }
        exchange = { request, response: served.response, servedBy: served.servedBy };
      } else {
        exchange = serveHttp(target, request, ctx.cluster.now());
        logHttpAccess(ctx.cluster, target, request, exchange.response);
      }
      // The server answered; whether its segments get back is the path MTU's business (plain HTTP only).
      const stall = call.tls ? undefined : responseStall(world, sourceOf(loc), result, target, request.localPort, exchange.response);
      if (stall) {
        const wait = Number.isFinite(limit) ? limit : KERNEL_RETRANSMIT_GIVE_UP_MS;
        const slept = await ctx.sleep(wait);
        world.capture?.publish(world, result, { kind: 'tcp', request: wireRequest(request) }, startMs);
        if (slept < wait) return { kind: 'interrupted' };
        return { kind: 'stalled', ip, waitedMs: wait, byCaller: Number.isFinite(limit) };
      }
      world.capture?.publish(world, result, { kind: 'tcp', request: wireRequest(request), response: wireResponse(exchange.response, request.method === 'HEAD') }, startMs);
      return { kind: 'response', ip, exchange, ...(handshake ? { tls: handshake } : {}) };
    }
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

/**
 * A node's own socket: kube-proxy's health check server answers plain HTTP (and no TLS); the other
 * daemons (sshd, the kubelet's TLS port, kube-proxy's own ports) give curl nothing it can read.
 */
function nodeDaemonAnswer(ctx: CommandContext, call: HttpCall, at: DeliveryPoint, sport: number, ip: string, publish: () => void): HttpOutcome {
  const request: HttpRequest = { method: call.method, path: call.path, headers: call.headers, ...(call.body !== undefined ? { body: call.body } : {}), remoteAddr: at.sourceSeen, remotePort: sport, localAddr: at.ip, localPort: at.port ?? call.port };
  const exchange = call.tls || at.pod ? undefined : serveServiceHealth(ctx.cluster, at.node, request);
  publish();
  return exchange ? { kind: 'response', ip, exchange } : { kind: 'empty-reply', ip };
}

/**
 * The workstation's loopback: only `kubectl port-forward` listens there. The connection goes to the
 * pod's own port through the API server and the kubelet, so neither kube-proxy nor a
 * NetworkPolicy is on the path; a pod port nothing listens on gives curl an empty reply.
 */
function throughPortForward(ctx: CommandContext, call: HttpCall, ip: string): HttpOutcome {
  const forward = ctx.session?.portForwards.get(call.port);
  if (!forward) return { kind: 'refused', ip };
  forward.onConnection();
  const pod = ctx.cluster.get('pods', forward.namespace, forward.pod);
  if (!pod || pod.status.phase !== 'Running' || !listensOn(pod, forward.podPort, 'tcp', ctx.cluster.now())) return { kind: 'empty-reply', ip };
  const request: HttpRequest = {
    method: call.method,
    path: call.path,
    headers: call.headers,
    ...(call.body !== undefined ? { body: call.body } : {}),
    remoteAddr: '127.0.0.1',
    remotePort: 40000 + (call.port % 20000),
    localAddr: '127.0.0.1',
    localPort: forward.podPort,
  };
  const exchange = serveHttp(pod, request, ctx.cluster.now());
  logHttpAccess(ctx.cluster, pod, request, exchange.response);
  return { kind: 'response', ip, exchange };
}

/** The request as it travels in the TCP stream: its first line and its size in bytes. */
function wireRequest(req: HttpRequest): { bytes: number; firstLine: string } {
  const firstLine = `${req.method} ${req.path} HTTP/1.1`;
  const head = [firstLine, ...Object.entries(req.headers).map(([k, v]) => `${headerCase(k)}: ${v}`)].join('\r\n') + '\r\n\r\n';
  return { bytes: Buffer.byteLength(head) + Buffer.byteLength(req.body ?? ''), firstLine };
}

function wireResponse(res: HttpResponse, head: boolean): { bytes: number; firstLine: string } {
  const firstLine = `HTTP/${res.version} ${res.status} ${res.reason}`;
  const lines = [firstLine, ...res.headers.map(([k, v]) => `${k}: ${v}`)].join('\r\n') + '\r\n\r\n';
  return { bytes: Buffer.byteLength(lines) + (head ? 0 : Buffer.byteLength(res.body)), firstLine };
}

function headerCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

