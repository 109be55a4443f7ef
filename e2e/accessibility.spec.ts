// Issue 13, point 8: axe-core finds no serious or critical violation (WCAG 2.1 A and AA rules) on
// the home page, a lesson, a lab with its terminal running, sign-in, sign-up and the progress
// page, in the light and the dark theme (the site follows prefers-color-scheme, which Playwright
// emulates); and the terminal is no keyboard trap: Escape then Tab (or Shift+Tab) leaves it, as
// its description says.

import { expect, test } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { signUp, startLab } from './support/learner';

const PUBLIC_PAGES = ['/', '/learn/pod-network/pod-network-model', '/labs/pod-network-basics', '/signin', '/signup'];

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`axe-core, ${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('signed out: home, a lesson, a lab, sign-in and sign-up', async ({ page }) => {
      const found: Record<string, unknown> = {};
      for (const path of PUBLIC_PAGES) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        const violations = await seriousViolations(page);
        if (violations.length) found[path] = violations;
      }
      expect(found).toEqual({});
    });

    test('signed in: a lesson and a lab with the terminal running, and the progress page', async ({ page }) => {
      await signUp(page);
      const found: Record<string, unknown> = {};
      await page.goto('/labs/pod-network-basics');
      await startLab(page);
      // With the terminal focused, its leave hint is on screen too.
      await page.locator('[data-testid="terminal"] .xterm-helper-textarea').focus();
      found['/labs/pod-network-basics'] = await seriousViolations(page);
      await page.goto('/learn/pod-network/pod-network-model');
      await startLab(page);
      found['/learn/pod-network/pod-network-model'] = await seriousViolations(page);
      await page.goto('/progress');
      await page.waitForLoadState('networkidle');
      found['/progress'] = await seriousViolations(page);
      expect(Object.fromEntries(Object.entries(found).filter(([, v]) => (v as unknown[]).length))).toEqual({});
    });
  });
}

test('Escape then Tab leaves the terminal, Shift+Tab too; Tab alone and Escape alone stay in it', async ({ page }) => {
  await signUp(page);
  await page.goto('/labs/pod-network-basics');
  await startLab(page);
  const input = page.locator('[data-testid="terminal"] .xterm-helper-textarea');
  await input.focus();
  const inTerminal = () => page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea') ?? false);

  // The key is documented where a screen reader reads it and shown while the terminal has focus.
  const hintId = await input.getAttribute('aria-describedby');
  expect(hintId).toBeTruthy();
  const hint = page.locator(`#${hintId}`);
  await expect(hint).toHaveText('Press Esc then Tab to leave the terminal');
  await expect(hint).toHaveCSS('opacity', /^0\.9/);
  // It sits in a strip below the terminal's last row, never over its output.
  const hintBox = await hint.boundingBox();
  const rowsBox = await page.locator('[data-testid="terminal"] .xterm-screen').boundingBox();
  expect(hintBox!.y).toBeGreaterThanOrEqual(rowsBox!.y + rowsBox!.height - 0.5);
  // The strip shows the terminal's own background, not xterm's black viewport.
  expect(await page.locator('[data-testid="terminal"] .xterm-viewport').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgba(0, 0, 0, 0)');

  await page.keyboard.press('Tab');
  expect(await inTerminal()).toBe(true);
  await page.keyboard.press('Escape');
  expect(await inTerminal()).toBe(true);

  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await inTerminal()).toBe(false);
  await expect(hint).toHaveCSS('opacity', '0');

  await input.focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  expect(await inTerminal()).toBe(false);

  // The shell did not get a Tab (no completion was printed) and still answers.
  await input.focus();
  await page.keyboard.type('echo still-here', { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid="terminal"] .xterm-rows')).toContainText('still-here');
});
