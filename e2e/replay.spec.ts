// Attempt replay (issue 19, point 4): a learner works a lab step until its check turns green, then
// replays the attempt from /progress — the commands are listed with their exit codes, the
// timeline shows the check turning green, and moving back to an earlier command shows the terminal
// as it was then. The live watch follows the same attempt read-only. Another learner gets a 404.

import { expect, test } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { signUp, startLab, typeCommand, waitForTerminal } from './support/learner';

const LAB = '/labs/pod-network-basics';

declare global {
  interface Window {
    flatnetReplayText?: () => string;
  }
}

test('a learner replays their attempt: commands, the check turning green, and the terminal as it was; another learner gets a 404', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signUp(page);
  await page.goto(LAB);
  await startLab(page);

  await typeCommand(page, 'kubectl get nodes -o wide');
  await waitForTerminal(page, /NAME\s+STATUS\s+ROLES/);
  // Output is recorded in batches of a few hundred milliseconds: let this command's batch close
  // before the next command starts, so the replay can tell the two apart.
  await page.waitForTimeout(1000);
  await page.getByTestId('step-done-nodes').click();
  await typeCommand(page, 'kubectl run web --image=nginx');
  await waitForTerminal(page, /pod\/web created/);
  await expect(page.getByTestId('check-web-running')).toHaveAttribute('data-passed', 'true', { timeout: 15_000 });
  await page.waitForTimeout(1000);

  // From the learner's own progress page to the replay.
  await page.goto('/progress');
  const link = page.getByTestId('replay-link-pod-network-basics');
  await expect(link).toHaveText('Replay');
  const replayUrl = (await link.getAttribute('href')) ?? '';
  expect(replayUrl).toMatch(/^\/replay\/[A-Za-z0-9_-]+$/);
  await link.click();
  await expect(page).toHaveURL(replayUrl);

  const commands = page.getByTestId('replay-command');
  await expect(commands).toHaveCount(2);
  await expect(commands.nth(0)).toContainText('kubectl get nodes -o wide');
  await expect(commands.nth(0)).toContainText('exit 0');
  await expect(commands.nth(1)).toContainText('kubectl run web --image=nginx');
  const green = page.locator('[data-testid="timeline-check-web-running"][data-passed="true"]');
  await expect(green).toHaveCount(1);
  await expect(green).toHaveText('✓');

  // Opened at the end: everything is on the screen.
  const replayText = () => page.evaluate(() => window.flatnetReplayText?.() ?? '');
  await expect.poll(replayText).toMatch(/pod\/web created/);
  // Back to the first command: its output, and nothing of the second.
  await commands.nth(0).click();
  await expect.poll(replayText).toMatch(/NAME\s+STATUS\s+ROLES/);
  expect(await replayText()).not.toMatch(/pod\/web created/);
  // The scrubber answers the keyboard: End goes to the end again.
  await page.getByRole('slider', { name: 'Position in the recording' }).press('End');
  await expect.poll(replayText).toMatch(/pod\/web created/);
  expect(await seriousViolations(page)).toEqual([]);

  // The live watch of the same attempt (its lab session still runs in this process).
  await page.goto(`${replayUrl}?live=1`);
  await expect(page.getByTestId('live-state')).toHaveAttribute('data-state', /live|recorded/, { timeout: 15_000 });
  await expect.poll(replayText, { timeout: 15_000 }).toMatch(/pod\/web created/);
  await expect(page.getByTestId('replay-command')).toHaveCount(2);

  // Another learner: the page, the replay and the live route are all simply not there.
  const other = await browser.newContext({ baseURL: process.env.FLATNET_E2E_URL });
  try {
    const second = await other.newPage();
    await signUp(second);
    const response = await second.goto(replayUrl);
    expect(response?.status()).toBe(404);
    const attemptId = replayUrl.split('/').at(-1);
    expect((await second.request.get(`/api/attempts/${attemptId}/replay`)).status()).toBe(404);
    expect((await second.request.get(`/api/attempts/${attemptId}/live`)).status()).toBe(404);
    expect((await second.request.get(`/api/attempts/${attemptId}x/replay`)).status()).toBe(404);
  } finally {
    await other.close();
  }
});
