// The lab terminal's browser side (issue 5): Reset lab with confirmation starts a fresh cluster,
// Ctrl-Shift-V pastes and Ctrl-Shift-C copies, the theme follows prefers-color-scheme while the
// page is open, and shell features reach the learner through the real pty (Tab, Ctrl-C, clear).

import { expect, test, type Page } from '@playwright/test';
import { signUp, typeCommand, waitForTerminal, terminalText } from './support/learner';

async function openLab(page: Page) {
  await page.goto('/labs/pod-network-basics');
  const state = page.getByTestId('connection-state');
  await expect(state).not.toHaveText('Loading…');
  if ((await state.textContent()) === 'Not started') await page.getByTestId('start-lab').click();
  await expect(state).toHaveText('Connected', { timeout: 20_000 });
}

const terminalInput = (page: Page) => page.locator('[data-testid="terminal"] .xterm-helper-textarea');

test('Reset lab asks first, then starts a fresh cluster', async ({ page }) => {
  await signUp(page);
  await openLab(page);
  await typeCommand(page, 'kubectl run web --image=nginx');
  await expect(page.getByTestId('check-web-running')).toHaveAttribute('data-passed', 'true', { timeout: 15_000 });

  // Dismissing the confirmation changes nothing.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await page.getByTestId('reset-lab').click();
  await expect(page.getByTestId('check-web-running')).toHaveAttribute('data-passed', 'true');

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('reset-lab').click();
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 20_000 });
  await expect(page.getByTestId('check-web-running')).toHaveAttribute('data-passed', 'false');
  await typeCommand(page, 'kubectl get pods');
  await waitForTerminal(page, /No resources found in default namespace/);
  expect(await terminalText(page)).not.toMatch(/pod\/web created/);

  // A reload finds the fresh attempt, not the old one.
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 20_000 });
  await expect(page.getByTestId('check-web-running')).toHaveAttribute('data-passed', 'false');
});

test('copy and paste with Ctrl-Shift-C / Ctrl-Shift-V', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await signUp(page);
  await openLab(page);
  await page.evaluate(() => navigator.clipboard.writeText('echo pasted-$((6*7))'));
  await terminalInput(page).focus();
  await page.keyboard.press('Control+Shift+V');
  // The clipboard is read asynchronously: press Enter once the text is on the line.
  await waitForTerminal(page, /\$ echo pasted-\$\(\(6\*7\)\)/);
  await page.keyboard.press('Enter');
  await waitForTerminal(page, /pasted-42/);
  // Select the screen with a mouse drag, as a learner would.
  const box = (await page.locator('[data-testid="terminal"] .xterm-screen').boundingBox())!;
  await page.mouse.move(box.x + 5, box.y + 5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 5, box.y + box.height - 5, { steps: 10 });
  await page.mouse.up();
  await page.keyboard.press('Control+Shift+C');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/pasted-42/);
});

test('the terminal theme follows the system light/dark switch', async ({ page }) => {
  await signUp(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await openLab(page);
  const background = () => page.getByTestId('terminal').evaluate((el) => getComputedStyle(el).backgroundColor);
  await expect.poll(background).toBe('rgb(251, 252, 253)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(background).toBe('rgb(15, 23, 32)');
});

test('Tab completes, Ctrl-C interrupts, the shell pipes through jq/awk', async ({ page }) => {
  await signUp(page);
  await openLab(page);
  await terminalInput(page).focus();
  await page.keyboard.type('kubectl get no', { delay: 5 });
  // As a person does: see the word echoed before pressing Tab (CI twice saw the Tabs overtake it).
  await waitForTerminal(page, /\$ kubectl get no[ \u00a0]*$/m);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await waitForTerminal(page, /node\s+nodes/);
  await page.keyboard.press('Control+U');
  await page.keyboard.press('Enter');
  await typeCommand(page, 'sleep 60; echo never');
  await page.keyboard.press('Control+C');
  await waitForTerminal(page, /\^C\n.*\$\s*$/);
  await typeCommand(page, 'echo status=$?');
  await waitForTerminal(page, /status=130/);
  await typeCommand(page, "kubectl get nodes -o json | jq -r '.items[].metadata.name' | awk '{print \"n:\" $1}' | sort -r | head -1");
  await waitForTerminal(page, /n:node-2/);
  expect(await terminalText(page)).not.toMatch(/^never$/m);
});
