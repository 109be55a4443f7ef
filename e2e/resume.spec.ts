// Progress survives a killed labsh and a restarted server: the attempt resumes from its
// last snapshot with the same cluster and the check still green. Killing every labsh child of the
// server kills the session's own process (FLATNET_SESSION_HOST=process) or the session host its
// worker thread runs in (worker); either way the session resumes, as the same one session.

import { expect, test } from '@playwright/test';
import { signUp, typeCommand, waitForTerminal, terminalText } from './support/learner';
import { activeSessions, labshChildren } from './support/processes';
import { startServer } from './support/flatnet-server';

async function openLab(page: import('@playwright/test').Page) {
  await page.goto('/labs/pod-network-basics');
  const state = page.getByTestId('connection-state');
  await expect(state).not.toHaveText('Loading…');
  if ((await state.textContent()) === 'Not started') await page.getByTestId('start-lab').click();
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 20_000 });
}

/** A signed-up learner with the lab open, a pod `web` running and its check green, and time for the snapshot to be saved. */
async function startLabWithWebPod(page: import('@playwright/test').Page) {
  await signUp(page);
  await openLab(page);
  await typeCommand(page, 'kubectl run web --image=nginx');
  await expect(page.getByTestId('check-web-running')).toHaveAttribute('data-passed', 'true', { timeout: 15_000 });
  await waitForTerminal(page, /pod\/web created/);
  await page.waitForTimeout(600); // the snapshot is saved within a few hundred ms of a change
}

/** The page is connected again to the same attempt: the check still green, the pod still there. */
async function expectWebPodResumed(page: import('@playwright/test').Page) {
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 20_000 });
  await expect(page.getByTestId('check-web-running')).toHaveAttribute('data-passed', 'true');
  await typeCommand(page, 'kubectl get pod web');
  await waitForTerminal(page, /web\s+1\/1\s+Running/);
}

test('a killed labsh resumes from its snapshot', async ({ page }) => {
  await signUp(page);
  await openLab(page);
  await typeCommand(page, 'kubectl run web --image=nginx');
  await expect(page.getByTestId('check-web-running')).toHaveAttribute('data-passed', 'true', { timeout: 15_000 });
  const baseURL = process.env.FLATNET_E2E_URL!;
  const sessions = await activeSessions(baseURL);
  const pidsBefore = labshChildren(Number(process.env.FLATNET_E2E_PID));
  expect(pidsBefore.length).toBeGreaterThan(0);
  for (const pid of pidsBefore) process.kill(pid, 'SIGKILL');
  await waitForTerminal(page, /resuming from your last snapshot/);
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 20_000 });
  expect(await activeSessions(baseURL)).toBe(sessions);
  await typeCommand(page, 'kubectl get pod web');
  await expect.poll(() => terminalText(page)).toMatch(/resuming from your last snapshot[\s\S]*web\s+1\/1\s+Running/);
  await expect(page.getByTestId('check-web-running')).toHaveAttribute('data-passed', 'true');
});

test('a restarted server resumes the attempt', async ({ browser }) => {
  const server = await startServer();
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  try {
    await startLabWithWebPod(page);

    await server.stop();
    const restarted = await startServer({ databaseUrl: server.databaseUrl, port: server.port });
    try {
      await page.reload();
      await expectWebPodResumed(page);
    } finally {
      await restarted.stop();
    }
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a server stopping for a restart says so on /readyz, closes the terminal with 1012, and the page reconnects by itself', async ({ browser }) => {
  const server = await startServer({ env: { FLATNET_DRAIN_DELAY_MS: '2000' } });
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  let restarted: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    await startLabWithWebPod(page);
    const ready = await fetch(`${server.url}/readyz`);
    expect([ready.status, await ready.text()]).toEqual([200, 'ready']);

    // A second terminal on the same attempt, opened in the page, hears the close code the page's own hears.
    const attemptId = await page.evaluate(async () => {
      const response = await fetch('/api/attempts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ labId: 'pod-network-basics' }) });
      return ((await response.json()) as { attemptId: string }).attemptId;
    });
    await page.evaluate((id) => new Promise<void>((resolve) => {
      const ws = new WebSocket(`ws://${location.host}/api/terminal?attempt=${encodeURIComponent(id)}`);
      ws.onopen = () => resolve();
      ws.onclose = (event) => ((window as unknown as { closeCode: number }).closeCode = event.code);
    }), attemptId);
    const stopped = server.stop();
    // While it drains, a balancer's readiness probe is refused and its liveness probe is not.
    await expect.poll(async () => {
      const answer = await fetch(`${server.url}/readyz`).catch(() => null);
      return answer ? `${answer.status} ${await answer.text()}` : 'gone';
    }).toBe('503 draining');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await stopped;
    await expect(page.getByTestId('connection-state')).toHaveText('Reconnecting…');
    expect(await page.evaluate(() => (window as unknown as { closeCode?: number }).closeCode)).toBe(1012);

    restarted = await startServer({ databaseUrl: server.databaseUrl, port: server.port });
    // No reload: the page was told the server restarts and kept trying.
    await expectWebPodResumed(page);
  } finally {
    await context.close();
    await restarted?.stop();
    await server.stop();
  }
});
