// Issue 13, point 4: every Run block of every lesson, clicked in order faster than a person would
// (the next as soon as the previous one is under way), types each command at a prompt of its own,
// after the previous one finished and its declared wait condition held, and prints what the lesson
// describes: the block's `expect` pattern where it has one, and never "command not found",
// "container not found", "no network namespace yet" or a wait that timed out. A Run clicked while
// a command holds the terminal (`kubectl get pods -w`) is not typed into it: it waits, and offers
// to interrupt it.

import { expect, test, type Page } from '@playwright/test';
import { courseLessons, outputsByCommand, PROMPT } from './support/course';
import { signUp, terminalText, typeCommand, waitForTerminal } from './support/learner';

/** What a learner must never read after a Run block (unless the block is marked `fails`). */
const BROKEN = [
  /command not found/,
  /container not found/,
  /no network namespace/,
  /Error from server/,
  /^error: /m,
  /labsh: internal error/,
  /still waiting for .* after \d+ s/,
  /not simulated|not available in this simulated cluster/,
];

const lessons = courseLessons().filter((lesson) => lesson.labId && lesson.blocks.length > 0);

async function clickInTurn(page: Page, count: number) {
  const buttons = page.getByTestId('run-code');
  for (let i = 0; i < count; i++) {
    const button = buttons.nth(i);
    await button.scrollIntoViewIfNeeded();
    await button.click();
    // As soon as this one is accepted (queued behind the last, or running), the next click.
    await expect(button).not.toHaveAttribute('data-state', 'idle');
  }
}

test.describe('every Run block of every lesson', () => {
  test('the course has lessons with Run blocks to click', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(5);
  });

  for (const lesson of lessons) {
    test(`${lesson.href}: ${lesson.blocks.length} blocks, each with the output the lesson describes`, async ({ page }) => {
      test.setTimeout(60_000 + lesson.blocks.length * 15_000);
      await signUp(page);
      await page.goto(lesson.href);
      const buttons = page.getByTestId('run-code');
      await expect(buttons).toHaveCount(lesson.blocks.length);

      const started = Date.now();
      await clickInTurn(page, lesson.blocks.length);
      for (let i = 0; i < lesson.blocks.length; i++) {
        await expect(buttons.nth(i), `block ${i + 1} (line ${lesson.blocks[i].line}) did not finish`).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
      }
      test.info().annotations.push({ type: 'timing', description: `${lesson.href}: ${lesson.blocks.length} blocks in ${((Date.now() - started) / 1000).toFixed(1)} s` });

      // A block turns done when labsh says its command ended; the last bytes it printed may still be on
      // their way to the screen. Read the terminal once it shows the prompt after them, and is still.
      const lastLineOf = (shown: string) => `${shown.trimEnd().split('\n').at(-1) ?? ''} `;
      let settled = '';
      await expect
        .poll(async () => {
          const now = await terminalText(page);
          const still = now === settled;
          settled = now;
          return still && PROMPT.test(lastLineOf(now));
        }, { timeout: 10_000, intervals: [100, 200, 300] })
        .toBe(true);
      const text = settled;
      const outputs = outputsByCommand(text, lesson.blocks.map((b) => b.command));
      lesson.blocks.forEach((block, i) => {
        const output = outputs[i];
        const where = `block ${i + 1} (line ${block.line}) \`${block.command}\``;
        expect(output, `${where} never reached a prompt of its own; the terminal shows:\n${text.slice(-3000)}`).toBeDefined();
        if (!block.mayFail) for (const broken of BROKEN) expect(output, `${where} printed:\n${output}`).not.toMatch(broken);
        if (block.expect) expect(output, `${where} printed:\n${output}`).toMatch(block.expect);
      });
      // Nothing is left running: the shell is back at a prompt with nothing typed on it.
      // (The buffer's lines are trimmed, so the prompt's trailing space is put back.)
      const lastLine = lastLineOf(text);
      expect(lastLine).toMatch(PROMPT);
      expect(lastLine.replace(PROMPT, '')).toBe('');
    });
  }
});

test('a Run clicked while a command holds the terminal waits for the prompt, and can interrupt it', async ({ page }) => {
  await signUp(page);
  await page.goto('/learn/pod-network/pod-network-model');
  const first = page.getByTestId('run-code').first();
  await first.click();
  await expect(first).toHaveAttribute('data-state', 'done', { timeout: 30_000 });

  await typeCommand(page, 'kubectl get pods -w');
  await waitForTerminal(page, /\$ kubectl get pods -w\n/);
  const block = page.locator('.runnable').nth(1);
  await block.getByTestId('run-code').click();
  await expect(block).toHaveAttribute('data-run-state', 'blocked');
  await expect(block.getByTestId('run-status')).toContainText('A command is still running in the terminal');
  // Not typed into the watch: the command shows nowhere on the screen yet.
  await page.waitForTimeout(1000);
  expect(await terminalText(page)).not.toContain('kubectl run web');

  await block.getByTestId('run-interrupt').click();
  await expect(block).toHaveAttribute('data-run-state', 'done', { timeout: 30_000 });
  const text = await terminalText(page);
  expect(outputsByCommand(text, ['kubectl get pods -w', 'kubectl run web --image=nginx'])[1]).toMatch(/^pod\/web created/m);
});

test('signed out, Run says a lab needs an account and links to sign-in with the way back', async ({ page }) => {
  await page.goto('/learn/pod-network/pod-network-model');
  const block = page.locator('.runnable').first();
  await block.getByTestId('run-code').click();
  const status = block.getByTestId('run-status');
  await expect(status).toContainText('need an account');
  const signIn = status.getByRole('link', { name: 'Sign in' });
  await expect(signIn).toHaveAttribute('href', '/signin?next=%2Flearn%2Fpod-network%2Fpod-network-model');
  await expect(status.getByRole('link', { name: 'create an account' })).toHaveAttribute('href', '/signup?next=%2Flearn%2Fpod-network%2Fpod-network-model');
  await signIn.click();
  await expect(page).toHaveURL(/\/signin\?next=/);
});
