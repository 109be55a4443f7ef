// The terminal's WebSocket handshake refuses, before any session starts: no session cookie,
// another learner's attempt, and a missing, "null", foreign or look-alike Origin. Sessions are
// counted by the server's /metrics, which counts them whichever host runs them (a labsh process
// each, or worker threads in session hosts); refusals must not start a labsh process either.

import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { signUpApi } from './support/learner';
import { activeSessions, labshChildren, serverMetrics } from './support/processes';

const baseURL = () => process.env.FLATNET_E2E_URL!;
const serverPid = () => Number(process.env.FLATNET_E2E_PID);

interface Outcome {
  status: number | 'open';
}

function handshake(path: string, headers: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(baseURL().replace('http', 'ws') + path, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.on('open', () => {
      resolve({ status: 'open' });
      ws.close();
    });
    ws.on('error', (error) => reject(error));
  });
}

async function createAttempt(cookie: string): Promise<string> {
  const response = await fetch(`${baseURL()}/api/attempts`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: baseURL() },
    body: JSON.stringify({ labId: 'pod-network-basics' }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { attemptId: string }).attemptId;
}

test.describe('terminal WebSocket handshake', () => {
  let alice: string;
  let bob: string;
  let aliceAttempt: string;

  test.beforeAll(async ({ playwright }) => {
    const request = await playwright.request.newContext();
    alice = await signUpApi(request, baseURL());
    bob = await signUpApi(request, baseURL());
    aliceAttempt = await createAttempt(alice);
    await request.dispose();
  });

  const refusals: Array<[string, () => Record<string, string>, number]> = [
    ['no session cookie', () => ({ origin: baseURL() }), 401],
    ['a forged session cookie', () => ({ origin: baseURL(), cookie: 'better-auth.session_token=forged.value' }), 401],
    ["another learner's attempt", () => ({ origin: baseURL(), cookie: bob }), 404],
    ['no Origin', () => ({ cookie: alice }), 403],
    ['Origin null', () => ({ cookie: alice, origin: 'null' }), 403],
    ['a foreign Origin', () => ({ cookie: alice, origin: 'https://evil.example' }), 403],
    ['a look-alike Origin', () => ({ cookie: alice, origin: `${baseURL()}.evil.example` }), 403],
  ];

  for (const [label, headers, status] of refusals) {
    test(`refuses ${label} before starting a session`, async () => {
      const sessions = await activeSessions(baseURL());
      const processes = labshChildren(serverPid()).length;
      const outcome = await handshake(`/api/terminal?attempt=${aliceAttempt}`, headers());
      expect(outcome.status).toBe(status);
      await new Promise((r) => setTimeout(r, 300));
      expect(await activeSessions(baseURL())).toBe(sessions);
      expect(labshChildren(serverPid()).length).toBe(processes);
    });
  }

  test('accepts the owner with the right Origin, and starts one session', async () => {
    const before = await activeSessions(baseURL());
    const outcome = await handshake(`/api/terminal?attempt=${aliceAttempt}`, { cookie: alice, origin: baseURL() });
    expect(outcome.status).toBe('open');
    await expect.poll(() => activeSessions(baseURL())).toBe(before + 1);
    // Still one once the session has started (and its terminal closed): the handshake started one, not more.
    await new Promise((r) => setTimeout(r, 500));
    expect(await activeSessions(baseURL())).toBe(before + 1);
    expect(labshChildren(serverPid()).length).toBeGreaterThan(0);
  });

  test('/metrics names the session host in use and counts its processes', async () => {
    const kind = process.env.FLATNET_SESSION_HOST?.trim() || 'worker';
    const metrics = await serverMetrics(baseURL());
    expect(metrics.get(`flatnet_session_host{kind="${kind}"}`)).toBe(1);
    // Session hosts are the server's labsh children; with one process per session there are none.
    const hosts = kind === 'worker' ? labshChildren(serverPid()).length : 0;
    expect(metrics.get('flatnet_session_host_processes')).toBe(hosts);
    const health = await fetch(`${baseURL()}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, 'ok']);
  });
});
