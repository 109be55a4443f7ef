// The operator's plain endpoints, answered by the HTTP server before Next sees the request:
// `/healthz` (200 `ok` while the process serves, for a load balancer or systemd watchdog),
// `/readyz` (200 `ready`, or 503 `draining` / `database` while this server should get no new
// learners: readiness.ts) and `/metrics` (Prometheus text format 0.0.4: live lab sessions and
// where they run, so an operator and the e2e tests can count sessions whichever host runs them —
// with session hosts the number of labsh processes no longer says how many sessions exist).
//
// `/metrics` is for the machine's own scraper: only a loopback client may read it, judged by the
// socket's address (never X-Forwarded-For, which a client writes). With FLATNET_METRICS_TOKEN
// set, `Authorization: Bearer <token>` is required instead, from anywhere, loopback included.
// Refused, it is not answered here at all: Next's 404 follows, as for any unknown path, so the
// endpoint's existence is not revealed.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { SessionHostView } from '../../lab-engine/gateway';
import { normaliseAddress } from './client-ip';
import type { ReadinessVerdict } from './readiness';

export const METRICS_PATH = '/metrics';
export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface MetricsSample {
  activeSessions: number;
  sessionHost: SessionHostView;
}

interface Gauge {
  name: string;
  help: string;
  samples: Array<{ labels?: Record<string, string>; value: number }>;
}

/** A label value escaped as the exposition format asks: backslash, double quote, newline. */
function labelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function renderGauge(gauge: Gauge): string {
  const lines = [`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} gauge`];
  for (const { labels, value } of gauge.samples) {
    const pairs = Object.entries(labels ?? {}).map(([k, v]) => `${k}="${labelValue(v)}"`);
    lines.push(`${gauge.name}${pairs.length ? `{${pairs.join(',')}}` : ''} ${value}`);
  }
  return lines.join('\n');
}

/** The /metrics body: each metric with its HELP and TYPE, ending in a newline as the format requires. */
export function renderMetrics(sample: MetricsSample): string {
  const gauges: Gauge[] = [
    {
      name: 'flatnet_active_sessions',
      help: 'Live lab sessions (each a labsh process, or a worker thread in a session host).',
      samples: [{ value: sample.activeSessions }],
    },
    {
      name: 'flatnet_session_host_processes',
      help: 'Session host processes running (0 when each session is a process of its own).',
      samples: [{ value: sample.sessionHost.processes }],
    },
    {
      name: 'flatnet_session_host',
      help: 'Where lab sessions run (FLATNET_SESSION_HOST): 1 for the kind in use.',
      samples: [{ labels: { kind: sample.sessionHost.kind }, value: 1 }],
    },
  ];
  return `${gauges.map(renderGauge).join('\n')}\n`;
}

/** 127.0.0.0/8, ::1, and either written as an IPv4-mapped IPv6 address. */
export function isLoopback(remoteAddress: string | undefined): boolean {
  const address = normaliseAddress(remoteAddress ?? '');
  if (address === '::1') return true;
  return isIP(address) === 4 && address.startsWith('127.');
}

/** FLATNET_METRICS_TOKEN, read once at start; empty or blank counts as unset. */
export function metricsTokenFromEnv(value = process.env.FLATNET_METRICS_TOKEN): string | undefined {
  const token = value?.trim();
  return token ? token : undefined;
}

/** Equal strings, compared in time that does not depend on where they differ (hashes are equal-length). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Whether this client may read /metrics (see the header comment for the rule). */
export function mayReadMetrics(remoteAddress: string | undefined, authorization: string | undefined, token: string | undefined): boolean {
  if (token === undefined) return isLoopback(remoteAddress);
  const given = /^Bearer +(.+?) *$/i.exec(authorization ?? '')?.[1];
  // Hash and compare even when the header is missing, so its absence takes the same time.
  return sameSecret(given ?? '', token) && given !== undefined;
}

export interface OpsEndpoints {
  token: string | undefined;
  sample(): MetricsSample;
  readiness(): Promise<ReadinessVerdict>;
}

/**
 * Answers /healthz, /readyz and an allowed /metrics; returns false for everything else (a refused /metrics
 * included), which the caller hands on to Next.
 */
export function serveOpsEndpoint(req: IncomingMessage, res: ServerResponse, ops: OpsEndpoints): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = (req.url ?? '').split('?')[0];
  if (path === HEALTH_PATH) {
    reply(res, 'text/plain; charset=utf-8', 'ok');
    return true;
  }
  if (path === READY_PATH) {
    ops.readiness().then(
      (verdict) => reply(res, 'text/plain; charset=utf-8', verdict.ready ? 'ready' : verdict.reason, verdict.ready ? 200 : 503),
      () => reply(res, 'text/plain; charset=utf-8', 'database', 503),
    );
    return true;
  }
  if (path !== METRICS_PATH) return false;
  const authorization = Array.isArray(req.headers.authorization) ? req.headers.authorization[0] : req.headers.authorization;
  if (!mayReadMetrics(req.socket.remoteAddress, authorization, ops.token)) return false;
  reply(res, METRICS_CONTENT_TYPE, renderMetrics(ops.sample()));
  return true;
}

function reply(res: ServerResponse, contentType: string, body: string, status = 200): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Cache-Control', 'no-store');
  // Node sends no body for HEAD; the length is the GET's, as HTTP wants.
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
