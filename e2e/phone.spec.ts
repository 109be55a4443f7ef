// Issue 13, point 8, at a phone's width (375 px): the lab is a drawer with a Terminal tab that is
// on screen wherever the learner has scrolled, every Run opens it with the terminal in view, and
// the terminal is usable there (a prompt, commands answer, 45+ columns rather than a sliver).

import { expect, test, type Page } from '@playwright/test';
import { signUp, terminalText, waitForTerminal } from './support/learner';

test.use({ viewport: { width: 375, height: 740 } });

async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
  });
}

test('375 px: the Terminal tab is in reach from every Run, Run opens the drawer with the terminal in view, and it is usable', async ({ page }) => {
  await signUp(page);
  await page.goto('/learn/services/services-and-kube-proxy');
  const toggle = page.getByTestId('lab-dock-toggle');
  const drawer = page.locator('.lesson-lab');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(drawer).toBeHidden();

  // From every Run button, wherever it sits in the lesson, the Terminal tab is on screen.
  const buttons = page.getByTestId('run-code');
  const count = await buttons.count();
  expect(count).toBeGreaterThan(5);
  for (let i = 0; i < count; i++) {
    await buttons.nth(i).scrollIntoViewIfNeeded();
    expect(await inViewport(page, '[data-testid="run-code"] >> nth=' + i)).toBe(true);
    expect(await inViewport(page, '[data-testid="lab-dock-toggle"]'), `Terminal tab out of reach at Run ${i + 1}`).toBe(true);
  }

  // Run from the middle of the lesson: the drawer opens and the terminal is in view.
  await buttons.nth(0).scrollIntoViewIfNeeded();
  await buttons.nth(0).click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 20_000 });
  await expect(page.getByTestId('terminal')).toBeVisible();
  await expect.poll(() => inViewport(page, '[data-testid="terminal"]')).toBe(true);
  await waitForTerminal(page, /deployment\.apps\/shop created/);
  await expect(buttons.nth(0)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });

  // Usable: the prompt is there, it is wide enough for a table, and typing works.
  const cols = Number(await page.getByTestId('terminal').getAttribute('data-cols'));
  expect(cols).toBeGreaterThanOrEqual(45);
  await page.locator('[data-testid="terminal"] .xterm-helper-textarea').focus();
  await page.keyboard.type('kubectl get deploy shop', { delay: 5 });
  await page.keyboard.press('Enter');
  await waitForTerminal(page, /shop\s+2\/2\s+2\s+2/);

  // The lesson stays readable above the drawer, and the tab closes it.
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(drawer).toBeHidden();

  // A Run further down opens it again, with its output in view.
  await buttons.nth(1).scrollIntoViewIfNeeded();
  await buttons.nth(1).click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect.poll(() => inViewport(page, '[data-testid="terminal"]')).toBe(true);
  await expect(buttons.nth(1)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  expect(await terminalText(page)).toMatch(/service\/shop exposed/);
});
