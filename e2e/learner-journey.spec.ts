// The walking skeleton end to end, as a learner: sign up, read the lesson, Run a code block
// into the lab terminal, satisfy the live check, reload, and find everything where it was.

import { expect, test } from '@playwright/test';
import { signUp, typeCommand, waitForTerminal, terminalText } from './support/learner';

test('sign up → lesson → Run → lab → check turns green → reload keeps state', async ({ page }) => {
  await signUp(page);

  await page.goto('/');
  await page.getByRole('link', { name: /pod network model/i }).first().click();
  await expect(page.locator('article h1')).toContainText(/pod network/i);
  // The diagram was rendered to SVG at build time: it is in the HTML, not drawn by a script.
  await expect(page.locator('article figure svg').first()).toBeVisible();

  // Run a code block: the lab starts and the command is typed into its terminal.
  const runButtons = page.getByTestId('run-code');
  await runButtons.filter({ hasText: /run/i }).first().click();
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 20_000 });
  await waitForTerminal(page, /NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
  const nodes = await terminalText(page);
  expect(nodes).toMatch(/control-plane\s+Ready\s+control-plane/);
  expect(nodes).toMatch(/node-1\s+Ready\s+<none>/);

  const check = page.getByTestId('check-web-running');
  await expect(check).toHaveAttribute('data-passed', 'false');

  await typeCommand(page, 'kubectl run web --image=nginx');
  await waitForTerminal(page, /pod\/web created/);
  // No button to press: the model brings the pod up and the check turns green on its own.
  await expect(check).toHaveAttribute('data-passed', 'true', { timeout: 15_000 });

  await typeCommand(page, 'kubectl get pods -o wide');
  await waitForTerminal(page, /web\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.[12]\.\d+\s+node-[12]/);

  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 20_000 });
  await expect(page.getByTestId('check-web-running')).toHaveAttribute('data-passed', 'true');
  // The screen is replayed and the cluster is the same one.
  await waitForTerminal(page, /pod\/web created/);
  await typeCommand(page, 'kubectl get pod web');
  await waitForTerminal(page, /web\s+1\/1\s+Running/);
});
