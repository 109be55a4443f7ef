// The learner's loop, recorded and shown (issue 13, points 1–3 and 6): a learner reads a lesson,
// answers its quiz, completes a lab step by step in the terminal, sees "Lab complete", and finds
// the course's progress bars moved — after a reload too — while a second learner sees none of it.
// And a lesson's Run blocks type into the lesson's own sandbox, never into the lab's cluster.

import { expect, test, type Page } from '@playwright/test';
import { signUp, typeCommand, waitForTerminal } from './support/learner';

const LESSON = '/learn/pod-network/pod-network-model';
const LAB = '/labs/pod-network-basics';

async function connect(page: Page) {
  const state = page.getByTestId('connection-state');
  await expect(state).not.toHaveText('Loading…');
  if ((await state.textContent()) === 'Not started') await page.getByTestId('start-lab').click();
  await expect(state).toHaveText('Connected', { timeout: 20_000 });
}

async function expectTally(page: Page, testId: string, done: number) {
  await expect(page.getByTestId(testId)).toHaveAttribute('data-done', String(done));
}

test('a learner reads, answers, completes a lab step by step and sees the progress; another learner sees none of it', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signUp(page);

  await page.goto('/');
  await expect(page.getByTestId('course-progress')).toHaveAttribute('data-status', 'ready');
  await expectTally(page, 'course-progress-labs', 0);
  await expectTally(page, 'course-progress-lessons', 0);

  // Read the lesson to its end and answer its quiz.
  await page.goto(LESSON);
  const quiz = page.getByTestId('quiz').first();
  await quiz.getByLabel('10.244.2.8', { exact: true }).check();
  await quiz.getByRole('button', { name: 'Check answer' }).click();
  await expect(quiz.getByRole('status')).toContainText('Right.');
  await expect(quiz).toHaveAttribute('data-saved', 'true');
  await page.getByTestId('lesson-end').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('lesson-end')).toHaveAttribute('data-read', 'true');
  // Previous/next on the lesson: the path goes on to the module's next lesson (its lab after that).
  await expect(page.getByTestId('pager-next')).toHaveAttribute('href', '/learn/pod-network/pause-container-and-host-network');

  // The answer is kept.
  await page.reload();
  await expect(page.getByTestId('quiz').first().getByLabel('10.244.2.8', { exact: true })).toBeChecked();
  await expect(page.getByTestId('quiz').first()).toHaveAttribute('data-passed', 'true');

  // The lab, step by step.
  await page.goto(LAB);
  await connect(page);
  await expect(page.getByTestId('step-nodes')).toHaveAttribute('data-state', 'current');
  await expect(page.getByTestId('step-run-web')).toHaveAttribute('data-state', 'upcoming');
  // A failed check says what is wrong, in the feedback catalogue's words.
  await expect(page.getByTestId('feedback-web-running')).toContainText('There is no pod named web in namespace default');

  await typeCommand(page, 'kubectl get nodes -o wide');
  await waitForTerminal(page, /NAME\s+STATUS\s+ROLES/);
  await page.getByTestId('step-done-nodes').click();
  await expect(page.getByTestId('step-nodes')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('step-run-web')).toHaveAttribute('data-state', 'current');

  // Hints open one at a time, rendered from Markdown; the last one asks first.
  await page.getByTestId('hint-button-run-web').click();
  const hint = page.getByTestId('hint-run-web-0');
  await expect(hint.locator('code')).toHaveText('kubectl run NAME --image=IMAGE');
  await expect(hint).not.toContainText('`');
  await expect(page.getByTestId('hint-run-web-1')).toHaveCount(0);
  await page.getByTestId('hint-button-run-web').click();
  await expect(page.getByTestId('hint-run-web-1')).toBeVisible();
  await page.getByTestId('hint-button-run-web').click();
  await expect(page.getByTestId('hint-confirm-run-web')).toBeVisible();
  await page.getByRole('button', { name: 'Not yet' }).click();
  await expect(page.getByTestId('hint-run-web-2')).toHaveCount(0);

  await typeCommand(page, 'kubectl run web --image=nginx');
  await waitForTerminal(page, /pod\/web created/);
  await expect(page.getByTestId('check-web-running')).toHaveAttribute('data-passed', 'true', { timeout: 15_000 });
  const complete = page.getByTestId('lab-complete');
  await expect(complete).toContainText('Lab complete', { timeout: 15_000 });
  await expect(complete).toContainText('Run a pod named web');
  await expect(page.getByTestId('lab-complete-stats')).toContainText('Hints used: 2', { timeout: 10_000 });
  await expect(page.getByTestId('lab-complete-next')).toHaveAttribute('href', '/labs/pod-host-veth');

  // Back on the catalogue, the bars moved; a reload shows the same.
  await page.goto('/');
  for (let round = 0; round < 2; round++) {
    await expect(page.getByTestId('course-progress')).toHaveAttribute('data-status', 'ready');
    await expectTally(page, 'course-progress-labs', 1);
    await expectTally(page, 'course-progress-lessons', 1);
    await expectTally(page, 'course-progress-quizzes', 1);
    await expectTally(page, 'module-progress-pod-network-labs', 1);
    await expect(page.getByTestId('continue-link')).toHaveAttribute('href', '/labs/pod-host-veth');
    if (round === 0) await page.reload();
  }

  // The learner's own progress page: every lab, this one complete with a time.
  await page.goto('/progress');
  await expect(page.getByTestId('progress-lab-pod-network-basics')).toHaveAttribute('data-status', 'completed');
  await expect(page.getByTestId('best-time-pod-network-basics')).toHaveText(/\d+ (s|min)/);
  await expect(page.getByTestId('progress-lab-service-selector-debug')).toHaveAttribute('data-status', 'not-started');

  // Another learner sees none of it.
  const other = await browser.newContext({ baseURL: process.env.FLATNET_E2E_URL });
  try {
    const second = await other.newPage();
    await signUp(second);
    await second.goto('/');
    await expect(second.getByTestId('course-progress')).toHaveAttribute('data-status', 'ready');
    await expectTally(second, 'course-progress-labs', 0);
    await expectTally(second, 'course-progress-lessons', 0);
    await expectTally(second, 'course-progress-quizzes', 0);
    await second.goto('/progress');
    await expect(second.getByTestId('progress-lab-pod-network-basics')).toHaveAttribute('data-status', 'not-started');
    await second.goto(LESSON);
    await expect(second.getByTestId('quiz').first()).toHaveAttribute('data-passed', 'false');
    await expect(second.getByTestId('quiz').first().getByLabel('10.244.2.8', { exact: true })).not.toBeChecked();
    await second.goto(LAB);
    await expect(second.getByTestId('connection-state')).toHaveText('Not started');
  } finally {
    await other.close();
  }
});

test('a lesson’s Run blocks type into its own sandbox, never into the lab’s cluster', async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page);

  await page.goto(LESSON);
  await expect(page.locator('[data-mode="sandbox"]')).toBeVisible();
  await page.getByRole('button', { name: /kubectl run web --image=nginx/ }).click();
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 20_000 });
  await waitForTerminal(page, /pod\/web created/);

  // The lab has not even started: the lesson never touched it.
  await page.goto(LAB);
  await expect(page.getByTestId('connection-state')).toHaveText('Not started');
  await connect(page);
  await expect(page.getByTestId('check-web-running')).toHaveAttribute('data-passed', 'false');
  await typeCommand(page, 'kubectl get pods');
  await waitForTerminal(page, /No resources found in default namespace/);
  await typeCommand(page, 'kubectl run lab-only --image=nginx');
  await waitForTerminal(page, /pod\/lab-only created/);

  // The sandbox still has its pod, and not the lab's; its own reset leaves the lab alone.
  await page.goto(LESSON);
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 20_000 });
  await typeCommand(page, 'kubectl get pods');
  await waitForTerminal(page, /web\s+1\/1\s+Running/);
  await expect.poll(() => page.evaluate(() => window.flatnetTerminalText?.() ?? '')).not.toMatch(/lab-only/);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('reset-lab').click();
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 20_000 });
  await typeCommand(page, 'kubectl get pods');
  await waitForTerminal(page, /No resources found in default namespace/);

  await page.goto(LAB);
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 20_000 });
  // The lab's own pod is still there (however far its start has come on the lab's clock).
  await typeCommand(page, 'kubectl get pod lab-only');
  await waitForTerminal(page, /lab-only\s+[01]\/1\s+(Running|ContainerCreating)/);
});
