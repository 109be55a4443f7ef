// Predictive local echo (issue 21) against a slow link: a server of its own whose terminal frames
// to the browser are held back 150 ms (FLATNET_TEST_ECHO_DELAY_MS, a test hook). A key typed at a
// prompt is in the terminal's buffer and painted within a frame, marked until the echo replaces it;
// where the server answers otherwise (Ctrl-R's search line) nothing predicted is left on screen;
// Auto turns itself on from the measured round trip, and the learner's Off is kept across reloads.

import { expect, test, type Page } from '@playwright/test';
import { startServer, type RunningServer } from './support/flatnet-server';
import { signUp, startLab, terminalText, waitForTerminal } from './support/learner';

const DELAY_MS = 150;
let server: RunningServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = await startServer({ env: { FLATNET_TEST_ECHO_DELAY_MS: String(DELAY_MS), FLATNET_TEST_HOOKS: '1' } });
});

test.afterAll(async () => {
  await server?.stop();
});

const terminal = (page: Page) => page.getByTestId('terminal');
/** The terminal as the learner sees it, predicted keys included. */
const screenText = (page: Page) => page.evaluate(() => window.flatnetTerminalScreen?.() ?? '');
const input = (page: Page) => page.locator('[data-testid="terminal"] .xterm-helper-textarea');
/** Cells painted as a prediction (dim), as xterm's DOM renderer draws them. */
const predictedCells = (page: Page) => page.locator('[data-testid="terminal"] .xterm-rows .xterm-dim');

async function openLab(page: Page, query: string) {
  await signUp(page);
  await page.goto(`/labs/pod-network-basics${query}`);
  await startLab(page);
  await waitForTerminal(page, /\$ $/m);
  // The shell's "at a prompt" travels the same slow socket as the prompt itself.
  await page.waitForTimeout(2 * DELAY_MS);
  await input(page).focus();
}

/**
 * Presses `key` and measures, in the page, how long after the keydown the last line of the buffer
 * ends with `expected` and when the rendered rows first show it.
 */
async function timeKey(page: Page, key: string, expected: string): Promise<{ bufferMs: number; paintMs: number }> {
  const measuring = page.evaluate(
    (expectedEnd) =>
      new Promise<{ bufferMs: number; paintMs: number }>((resolve) => {
        const area = document.querySelector('[data-testid="terminal"] .xterm-helper-textarea')!;
        const rows = document.querySelector('[data-testid="terminal"] .xterm-rows')!;
        let t0 = 0;
        let bufferMs = -1;
        let paintMs = -1;
        const lastLine = () => (window.flatnetTerminalScreen?.() ?? '').trimEnd().split('\n').at(-1) ?? '';
        const rendered = () => [...rows.children].some((row) => (row.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd().endsWith(expectedEnd));
        const done = () => {
          if (bufferMs < 0 || paintMs < 0) return;
          observer.disconnect();
          resolve({ bufferMs, paintMs });
        };
        const observer = new MutationObserver(() => {
          if (paintMs < 0 && t0 && rendered()) paintMs = performance.now() - t0;
          done();
        });
        const poll = () => {
          if (bufferMs < 0 && lastLine().endsWith(expectedEnd)) bufferMs = performance.now() - t0;
          if (performance.now() - t0 > 3000) {
            observer.disconnect();
            resolve({ bufferMs: bufferMs < 0 ? Infinity : bufferMs, paintMs: paintMs < 0 ? Infinity : paintMs });
            return;
          }
          if (bufferMs < 0) setTimeout(poll, 0);
          else done();
        };
        area.addEventListener(
          'keydown',
          () => {
            t0 = performance.now();
            observer.observe(rows, { childList: true, subtree: true, characterData: true });
            poll();
          },
          { once: true, capture: true },
        );
      }),
    expected,
  );
  // Let the listener be in place before the key goes.
  await page.waitForTimeout(50);
  await page.keyboard.press(key);
  return measuring;
}

test('a key typed at a prompt is painted within a frame, marked, then replaced by the echo', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await openLab(page, '?typeahead=on');
  await expect(terminal(page)).toHaveAttribute('data-typeahead', 'on');

  const timings = [];
  let typed = '';
  for (const key of 'echo one') {
    typed += key;
    // A space is not timed: the screen's text is read with trailing blanks trimmed.
    if (key === ' ') await page.keyboard.press('Space');
    else timings.push(await timeKey(page, key, `$ ${typed}`));
  }
  console.log(`typeahead with a ${DELAY_MS} ms echo: ${JSON.stringify(timings)}`);
  for (const t of timings) expect(t.bufferMs).toBeLessThan(16);
  const paints = timings.map((t) => t.paintMs).sort((a, b) => a - b);
  // Painted at the next animation frame, so a key waits for wherever its frame is (0 to 16.7 ms at
  // 60 Hz): the median of seven keys is held to one frame (a CI run measured 7, 8.9, 16.3 and
  // 17.6 ms for four), and none waits for anything like the round trip.
  expect(paints[Math.floor(paints.length / 2)]).toBeLessThan(16.7);
  expect(paints.at(-1)!).toBeLessThan(DELAY_MS / 3);
  // Before the server's echo, the keys are marked; once it is in, nothing is.
  await expect(predictedCells(page).first()).toBeVisible();
  await expect(predictedCells(page)).toHaveCount(0, { timeout: 5 * DELAY_MS });
  await expect(terminal(page)).toHaveAttribute('data-typeahead-confirmed', '8');
  expect((await terminalText(page)).trimEnd().split('\n').at(-1)).toMatch(/\$ echo one$/);

  // Backspace is predicted too; the command runs as typed.
  await page.keyboard.type('x', { delay: 0 });
  await page.keyboard.press('Backspace');
  await page.keyboard.type(' two', { delay: 0 });
  // The learner sees the line at once; the server's text (what the other tests read) has not caught up.
  expect((await screenText(page)).trimEnd().split('\n').at(-1)).toMatch(/\$ echo one two$/);
  expect((await terminalText(page)).trimEnd().split('\n').at(-1)).toMatch(/\$ echo one$/);
  await page.keyboard.press('Enter');
  await waitForTerminal(page, /^one two\n.*\$ $/m);
  await expect(predictedCells(page)).toHaveCount(0);
  await expect(terminal(page)).toHaveAttribute('data-typeahead-mismatches', '0');
  await context.close();
});

test('where the server answers otherwise (Ctrl-R search), nothing predicted is left on screen', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await openLab(page, '?typeahead=on');
  await page.keyboard.type('echo one', { delay: 5 });
  await page.keyboard.press('Enter');
  await waitForTerminal(page, /^one\n.*\$ $/m);
  await page.waitForTimeout(2 * DELAY_MS);

  await page.keyboard.press('Control+R');
  await waitForTerminal(page, /\(reverse-i-search\)`': $/m);
  // Ctrl-R paused prediction until the server's output settles; it has.
  await page.waitForTimeout(2 * DELAY_MS);
  const timing = await timeKey(page, 'e', "`': e");
  // The prediction went up (the search line looks like a prompt) ...
  expect(timing.bufferMs).toBeLessThan(16);
  // ... and the server's answer replaced it: its own search line, no stray "e", nothing marked.
  await waitForTerminal(page, /^\(reverse-i-search\)`e': echo one$/m);
  await expect(terminal(page)).toHaveAttribute('data-typeahead-mismatches', '1');
  await expect(predictedCells(page)).toHaveCount(0);
  await page.waitForTimeout(2 * DELAY_MS);
  const lines = (await terminalText(page)).trimEnd().split('\n');
  expect(lines.at(-1)).toBe("(reverse-i-search)`e': echo one");
  expect(lines.filter((l) => l.includes('reverse-i-search'))).toHaveLength(1);
  await page.keyboard.press('Enter');
  await waitForTerminal(page, /^one\n.*\$ $/m);
  await context.close();
});

test('Auto turns on from the measured round trip; Off is kept across reloads', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await openLab(page, '');
  await expect(terminal(page)).toHaveAttribute('data-typeahead', 'auto');
  await expect(terminal(page)).toHaveAttribute('data-typeahead-painting', 'false');
  // Keys typed slowly: each echo comes back after the delay and is measured.
  for (const key of 'ech') {
    await page.keyboard.press(key);
    await page.waitForTimeout(2 * DELAY_MS);
  }
  await expect(terminal(page)).toHaveAttribute('data-typeahead-painting', 'true');
  expect(Number(await terminal(page).getAttribute('data-typeahead-rtt-ms'))).toBeGreaterThanOrEqual(DELAY_MS);
  expect((await timeKey(page, 'o', '$ echo')).bufferMs).toBeLessThan(16);

  // The learner switches it off: it stays off after a reload, and a key waits for the server.
  await page.getByTestId('typeahead-setting').selectOption('off');
  await page.keyboard.press('Control+U');
  await page.reload();
  await startLab(page);
  await expect(page.getByTestId('typeahead-setting')).toHaveValue('off');
  await expect(terminal(page)).toHaveAttribute('data-typeahead', 'off');
  await page.waitForTimeout(2 * DELAY_MS);
  await input(page).focus();
  const slow = await timeKey(page, 'z', '$ z');
  expect(slow.bufferMs).toBeGreaterThanOrEqual(DELAY_MS);
  await context.close();
});
