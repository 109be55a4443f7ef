// Helpers that act as a learner: sign up through the real form, read the lab terminal's buffer.

import { expect, type Page, type APIRequestContext } from '@playwright/test';
import { randomBytes } from 'node:crypto';

export function newLearner() {
  const id = randomBytes(4).toString('hex');
  return { name: `Learner ${id}`, email: `learner-${id}@example.test`, password: `pw-${id}-correct-horse` };
}

export async function signUp(page: Page, learner = newLearner()) {
  await page.goto('/signup');
  await page.locator('input[name="name"]').fill(learner.name);
  await page.locator('input[name="email"]').fill(learner.email);
  await page.locator('input[name="password"]').fill(learner.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).not.toHaveURL(/\/signup/);
  return learner;
}

/** Signs up through the auth API and returns the session cookie header for raw WebSocket tests. */
export async function signUpApi(request: APIRequestContext, baseURL: string, learner = newLearner()): Promise<string> {
  const response = await request.post(`${baseURL}/api/auth/sign-up/email`, {
    data: { name: learner.name, email: learner.email, password: learner.password },
    headers: { origin: baseURL },
  });
  expect(response.ok(), await response.text()).toBeTruthy();
  const cookies = response.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie');
  expect(cookies.length).toBeGreaterThan(0);
  return cookies.map((c) => c.value.split(';')[0]).join('; ');
}

export async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => window.flatnetTerminalText?.() ?? '');
}

/** Waits until the terminal buffer matches, and returns it. */
export async function waitForTerminal(page: Page, pattern: RegExp, timeout = 15_000): Promise<string> {
  await expect.poll(() => terminalText(page), { timeout }).toMatch(pattern);
  return terminalText(page);
}

/** Starts the lab on this page (or finds it running) and waits for its first prompt. */
export async function startLab(page: Page) {
  const state = page.getByTestId('connection-state');
  await expect(state).not.toHaveText('Loading…');
  if ((await state.textContent()) === 'Not started') await page.getByTestId('start-lab').click();
  await expect(state).toHaveText('Connected', { timeout: 20_000 });
  await expect(page.locator('[data-testid="terminal"] .xterm-rows')).toContainText('$');
}

/** Types a command into the terminal as a learner would. */
export async function typeCommand(page: Page, command: string) {
  await page.locator('[data-testid="terminal"] .xterm-helper-textarea').focus();
  await page.keyboard.type(command, { delay: 5 });
  await page.keyboard.press('Enter');
}

declare global {
  interface Window {
    flatnetTerminalText?: () => string;
  }
}
