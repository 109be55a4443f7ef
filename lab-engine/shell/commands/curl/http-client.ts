// One HTTP request from wherever the shell stands, as the client programs (curl, BusyBox wget)
// make it: resolve the name, open a TCP connection through the packet engine (the learner's own
// traffic: it leaves conntrack entries), wait on the simulated clock when the SYN goes unanswered
// (Ctrl-C stops the wait), and ask the receiving pod's application for the response.

import type { CommandContext } from '../../command-types';
import { parseImageRef } from '../../../cluster/images';
import type { Pod } from '../../../cluster/types';
import { serveHttp } from '../../../dataplane/apps/http-server';
import type { HttpExchange, HttpRequest, HttpResponse } from '../../../dataplane/apps/http-types';
import { sendProbe } from '../../../dataplane/packet/walk';
import type { PacketSource } from '../../../dataplane/packet/types';
import { DNS_GIVE_UP_MS, resolveHost } from '../../contexts/name-resolution';
import type { ShellLocation } from '../../contexts/location';

/** Linux gives up on an unanswered SYN after 6 retries (tcp_syn_retries): about 130 s. */
export const KERNEL_CONNECT_TIMEOUT_MS = 130_000;

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
}

export type HttpOutcome =
  | { kind: 'response'; ip: string; exchange: HttpExchange }
  | { kind: 'no-name'; waitedMs: number; timedOut: boolean }
  | { kind: 'refused'; ip: string }
  | { kind: 'unreachable'; ip: string }
  | { kind: 'timeout'; ip: string; waitedMs: number; byCaller: boolean }
  | { kind: 'empty-reply'; ip: string }
  | { kind: 'interrupted' };

export function sourceOf(loc: ShellLocation): PacketSource {
  switch (loc.kind) {
    case 'workstation':
      return { kind: 'external', host: 'workstation' };
    case 'node':
      return { kind: 'node', node: loc.node };
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
  if (!world) return { kind: 'refused', ip };
  const startMs = ctx.cluster.now();
  const result = sendProbe(world, { from: sourceOf(loc), dst: ip, protocol: 'tcp', dport: call.port }, { closeAfter: true });
  const outcome = result.outcome;
  switch (outcome.kind) {
    case 'refused':
      world.capture?.publish(world, result, { kind: 'tcp' }, startMs);
      return { kind: 'refused', ip };
    case 'unreachable':
      world.capture?.publish(world, result, { kind: 'tcp' }, startMs);
      return { kind: 'unreachable', ip };
    case 'dropped': {
      const wait = Number.isFinite(limit) ? limit : KERNEL_CONNECT_TIMEOUT_MS;
      const slept = await ctx.sleep(wait);
      world.capture?.publish(world, result, { kind: 'tcp', waitedMs: slept }, startMs);
      if (slept < wait) return { kind: 'interrupted' };
      return { kind: 'timeout', ip, waitedMs: wait, byCaller: Number.isFinite(limit) };
    }
    case 'delivered': {
      const target = outcome.at.pod ? ctx.cluster.get('pods', outcome.at.pod.namespace, outcome.at.pod.name) : undefined;
      if (!target) return { kind: 'empty-reply', ip };
      const request: HttpRequest = {
        method: call.method,
        path: call.path,
        headers: call.headers,
        ...(call.body !== undefined ? { body: call.body } : {}),
        remoteAddr: outcome.at.sourceSeen,
        remotePort: result.hops[0]?.headers.sport ?? 40000,
        localAddr: outcome.at.ip,
        localPort: outcome.at.port ?? call.port,
      };
      const exchange = serveHttp(target, request, ctx.cluster.now());
      logAccess(ctx, target, request, exchange.response);
      world.capture?.publish(world, result, { kind: 'tcp', request: wireRequest(request), response: wireResponse(exchange.response, request.method === 'HEAD') }, startMs);
      return { kind: 'response', ip, exchange };
    }
    default: {
      const never: never = outcome;
      return never;
    }
  }
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

/** nginx's combined log format, as its image writes to stdout (kubectl logs shows it). */
function logAccess(ctx: CommandContext, pod: Pod, req: HttpRequest, res: HttpResponse): void {
  const c = pod.spec.containers[0];
  if (!c || parseImageRef(c.image)?.repository !== 'docker.io/library/nginx') return;
  const d = new Date(ctx.cluster.now());
  const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${pad(d.getUTCDate())}/${month}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
  const size = res.headers.find(([k]) => k === 'Content-Length')?.[1] ?? '0';
  const ns = pod.metadata.namespace ?? 'default';
  if (res.status === 404) {
    // nginx's error log (stderr) names the file it looked for before the access log line.
    const t = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    ctx.cluster.appendLog(ns, pod.metadata.name, c.name, `${t} [error] 29#29: *1 open() "/usr/share/nginx/html${req.path.split('?')[0]}" failed (2: No such file or directory), client: ${req.remoteAddr}, server: localhost, request: "${req.method} ${req.path} HTTP/1.1", host: "${req.headers.host ?? ''}"`);
  }
  ctx.cluster.appendLog(ns, pod.metadata.name, c.name, `${req.remoteAddr} - - [${stamp}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${req.method === 'HEAD' ? 0 : size} "-" "${req.headers['user-agent'] ?? '-'}" "-"`);
}
