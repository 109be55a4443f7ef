// /healthz and /metrics as server.ts serves them: the exposition text, and who may read it —
// loopback clients by their socket's address (a forged X-Forwarded-For changes nothing), or with
// FLATNET_METRICS_TOKEN only the right bearer token, from anywhere. A refused /metrics is left to
// Next (its 404), as is everything else.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  METRICS_CONTENT_TYPE,
  isLoopback,
  mayReadMetrics,
  metricsTokenFromEnv,
  renderMetrics,
  serveOpsEndpoint,
  type OpsEndpoints,
} from './ops-endpoints';
import type { ReadinessVerdict } from './readiness';

const workerSample = { activeSessions: 3, sessionHost: { kind: 'worker' as const, processes: 2 } };

/** One line of the text format 0.0.4: a HELP or TYPE comment, or `name{labels} value`. */
const EXPOSITION_LINE = /^(# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\{[a-z_]+="[^"\\\n]*"(,[a-z_]+="[^"\\\n]*")*\})? -?\d+(\.\d+)?)$/;

describe('renderMetrics', () => {
  it('writes each gauge with its HELP and TYPE, then its sample', () => {
    expect(renderMetrics(workerSample)).toBe(
      [
        '# HELP flatnet_active_sessions Live lab sessions (each a labsh process, or a worker thread in a session host).',
        '# TYPE flatnet_active_sessions gauge',
        'flatnet_active_sessions 3',
        '# HELP flatnet_session_host_processes Session host processes running (0 when each session is a process of its own).',
        '# TYPE flatnet_session_host_processes gauge',
        'flatnet_session_host_processes 2',
        '# HELP flatnet_session_host Where lab sessions run (FLATNET_SESSION_HOST): 1 for the kind in use.',
        '# TYPE flatnet_session_host gauge',
        'flatnet_session_host{kind="worker"} 1',
        '',
      ].join('\n'),
    );
  });

  it('says process and 0 host processes when each session is its own process, in valid lines only', () => {
    const text = renderMetrics({ activeSessions: 0, sessionHost: { kind: 'process', processes: 0 } });
    expect(text).toContain('\nflatnet_session_host{kind="process"} 1\n');
    expect(text).toContain('\nflatnet_session_host_processes 0\n');
    expect(text).toContain('\nflatnet_active_sessions 0\n');
    expect(text.endsWith('\n')).toBe(true);
    for (const line of text.slice(0, -1).split('\n')) expect(line).toMatch(EXPOSITION_LINE);
  });
});

describe('who may read /metrics', () => {
  it('knows loopback addresses, IPv4-mapped ones included', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopback(address)).toBe(true);
    for (const address of ['10.0.0.1', '192.0.2.7', '::ffff:192.0.2.7', '2001:db8::1', '127.example', '', undefined]) {
      expect(isLoopback(address)).toBe(false);
    }
  });

  it('without a token: loopback clients only, whatever they send', () => {
    expect(mayReadMetrics('127.0.0.1', undefined, undefined)).toBe(true);
    expect(mayReadMetrics('::1', 'Bearer anything', undefined)).toBe(true);
    expect(mayReadMetrics('192.0.2.7', undefined, undefined)).toBe(false);
    expect(mayReadMetrics('192.0.2.7', 'Bearer anything', undefined)).toBe(false);
  });

  it('with a token: the right bearer token from anywhere, nothing else even from loopback', () => {
    const token = 's3cret-token';
    expect(mayReadMetrics('192.0.2.7', `Bearer ${token}`, token)).toBe(true);
    expect(mayReadMetrics('127.0.0.1', `bearer ${token}`, token)).toBe(true);
    expect(mayReadMetrics('127.0.0.1', undefined, token)).toBe(false);
    expect(mayReadMetrics('127.0.0.1', '', token)).toBe(false);
    expect(mayReadMetrics('192.0.2.7', 'Bearer s3cret-tokeN', token)).toBe(false);
    expect(mayReadMetrics('192.0.2.7', 'Bearer s3cret-token-and-more', token)).toBe(false);
    expect(mayReadMetrics('192.0.2.7', 'Bearer s3cret', token)).toBe(false);
    expect(mayReadMetrics('192.0.2.7', token, token)).toBe(false);
    expect(mayReadMetrics('192.0.2.7', `Basic ${token}`, token)).toBe(false);
  });

  it('reads FLATNET_METRICS_TOKEN with blank meaning unset', () => {
    expect(metricsTokenFromEnv(undefined)).toBeUndefined();
    expect(metricsTokenFromEnv('  ')).toBeUndefined();
    expect(metricsTokenFromEnv(' abc ')).toBe('abc');
  });
});

describe('serveOpsEndpoint', () => {
  const request = (url: string, remoteAddress: string, headers: Record<string, string> = {}) =>
    ({ method: 'GET', url, headers, socket: { remoteAddress } }) as unknown as IncomingMessage;
  const untouched = { end: () => expect.unreachable('answered a request it should leave to Next') } as unknown as ServerResponse;
  let verdict: ReadinessVerdict = { ready: true };
  const ops = (token?: string): OpsEndpoints => ({ token, sample: () => workerSample, readiness: async () => verdict });

  it('leaves a refused /metrics to Next: a remote client, a forged X-Forwarded-For, a wrong or missing token', () => {
    expect(serveOpsEndpoint(request('/metrics', '192.0.2.7'), untouched, ops())).toBe(false);
    expect(serveOpsEndpoint(request('/metrics', '192.0.2.7', { 'x-forwarded-for': '127.0.0.1' }), untouched, ops())).toBe(false);
    expect(serveOpsEndpoint(request('/metrics', '127.0.0.1'), untouched, ops('t0ken'))).toBe(false);
    expect(serveOpsEndpoint(request('/metrics', '127.0.0.1', { authorization: 'Bearer t0kem' }), untouched, ops('t0ken'))).toBe(false);
  });

  it('leaves other paths and methods to Next', () => {
    expect(serveOpsEndpoint(request('/metrics/', '127.0.0.1'), untouched, ops())).toBe(false);
    expect(serveOpsEndpoint(request('/healthz/x', '127.0.0.1'), untouched, ops())).toBe(false);
    const post = { ...request('/healthz', '127.0.0.1'), method: 'POST' } as IncomingMessage;
    expect(serveOpsEndpoint(post, untouched, ops())).toBe(false);
  });

  describe('over HTTP on loopback', () => {
    let server: Server;
    let base: string;
    let token: string | undefined;

    beforeAll(async () => {
      server = createServer((req, res) => {
        if (serveOpsEndpoint(req, res, ops(token))) return;
        res.statusCode = 404;
        res.end('next 404');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      const address = server.address();
      base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('answers /healthz with 200 ok, and /metrics to a loopback client in the text format', async () => {
      token = undefined;
      const health = await fetch(`${base}/healthz`);
      expect([health.status, await health.text(), health.headers.get('cache-control')]).toEqual([200, 'ok', 'no-store']);
      const metrics = await fetch(`${base}/metrics?x=1`);
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toBe(METRICS_CONTENT_TYPE);
      expect(await metrics.text()).toBe(renderMetrics(workerSample));
    });

    it('answers /readyz with 200 ready, or 503 and why (draining, database) while /healthz stays 200', async () => {
      verdict = { ready: true };
      const ready = await fetch(`${base}/readyz`);
      expect([ready.status, await ready.text(), ready.headers.get('cache-control')]).toEqual([200, 'ready', 'no-store']);
      for (const reason of ['draining', 'database'] as const) {
        verdict = { ready: false, reason };
        const refused = await fetch(`${base}/readyz`);
        expect([refused.status, await refused.text()]).toEqual([503, reason]);
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
      }
      verdict = { ready: true };
    });

    it('with a token set, wants it from loopback too; /healthz stays open', async () => {
      token = 't0ken';
      expect((await fetch(`${base}/metrics`)).status).toBe(404);
      expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(404);
      const allowed = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer t0ken' } });
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toContain('flatnet_active_sessions 3\n');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    });
  });
});
