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
    await signUp(page);
    await openLab(page);
    await typeCommand(page, 'kubectl run web --image=nginx');
    await expect(page.getByTestId('check-web-running')).toHaveAttribute('data-passed', 'true', { timeout: 15_000 });
    await waitForTerminal(page, /pod\/web created/);
    await page.waitForTimeout(600); // the snapshot is saved within a few hundred ms of a change

    await server.stop();
    const restarted = await startServer({ databaseUrl: server.databaseUrl, port: server.port });
    try {
      await page.reload();
      await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 20_000 });
      await expect(page.getByTestId('check-web-running')).toHaveAttribute('data-passed', 'true');
      await typeCommand(page, 'kubectl get pod web');
      await waitForTerminal(page, /web\s+1\/1\s+Running/);
    } finally {
      await restarted.stop();
    }
  } finally {
    await context.close();
    await server.stop();
  }
});
