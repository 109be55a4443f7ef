// Issue 19's acceptance, end to end in one story: an admin (made on the command line) creates an
// instructor on /admin; the instructor signs in and creates a cohort with a lab; a learner joins
// with the code and passes a step of that lab; the instructor's class view, open the whole time,
// shows it without a reload; the replay the class view links to shows the learner's commands and
// the check turning green. The instructor of another cohort sees none of it.

import { randomBytes } from 'node:crypto';
import { expect as baseExpect, test } from '@playwright/test';
import { E2E_INSTRUCTOR } from './support/global-setup';
import { signUp, startLab, typeCommand, waitForTerminal } from './support/learner';
import { createUserFromCommandLine, signIn } from './support/staff';

// Password hashing and first renders on a busy two-core machine are slow.
const expect = baseExpect.configure({ timeout: 30_000 });

const LAB = 'pod-network-basics';
const id = randomBytes(4).toString('hex');
const ADMIN = { name: 'Journey Admin', email: `journey-admin-${id}@e2e.flatnet.test`, password: `journey-admin-${id}` };
const INSTRUCTOR = { name: `Journey Instructor ${id}`, email: `journey-instructor-${id}@e2e.flatnet.test`, password: `journey-instructor-${id}` };

declare global {
  interface Window {
    flatnetReplayText?: () => string;
    journeyMark?: string;
  }
}

test('admin → instructor → cohort → learner passes a step → live class view → replay', async ({ browser }) => {
  test.setTimeout(300_000);
  expect(createUserFromCommandLine('admin', ADMIN)).toContain(`Created admin ${ADMIN.email}`);

  // The admin creates the instructor.
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, ADMIN, '/admin');
  await adminPage.getByLabel('Name', { exact: true }).fill(INSTRUCTOR.name);
  await adminPage.getByLabel('Email', { exact: true }).fill(INSTRUCTOR.email);
  await adminPage.getByLabel('Initial password').fill(INSTRUCTOR.password);
  await adminPage.getByRole('button', { name: 'Create instructor' }).click();
  await expect(adminPage.getByTestId('create-instructor-outcome')).toContainText(`Instructor ${INSTRUCTOR.email} created`);

  // The instructor creates a cohort with one lab and reads its join code.
  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, INSTRUCTOR, '/instructor');
  await staff.getByLabel('Name').fill(`Journey ${id}`);
  await staff.getByRole('button', { name: 'Create cohort' }).click();
  await expect(staff).toHaveURL(/\/instructor\/cohorts\/[^/]+\/settings$/);
  const cohortPath = staff.url().replace(/^https?:\/\/[^/]+/, '').replace(/\/settings$/, '');
  await staff.getByTestId(`lab-${LAB}`).check();
  await staff.getByRole('button', { name: 'Save modules and labs' }).click();
  await expect(staff.getByTestId('course-selection-message')).toHaveText('Saved: 0 modules, 1 lab.');
  const code = (await staff.getByTestId('join-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);

  // A learner joins with the code.
  const learnerPage = await (await browser.newContext()).newPage();
  const learner = await signUp(learnerPage);
  await learnerPage.goto('/account');
  await learnerPage.getByLabel('Join code').fill(code);
  await learnerPage.getByRole('button', { name: 'Join' }).click();
  await expect(learnerPage.getByTestId('join-cohort-message')).toHaveText(`You joined Journey ${id}.`);

  // The class view is open before the learner starts; a mark on the window proves no reload.
  await staff.goto(cohortPath);
  await expect(staff.getByTestId('class-view-live')).toHaveAttribute('data-state', 'live');
  const cell = staff.getByTestId(`class-cell-${learner.email}-${LAB}`);
  await expect(cell).toHaveAttribute('data-state', 'not-started');
  await staff.evaluate(() => (window.journeyMark = 'still here'));

  // The learner works the lab until a step's check turns green.
  await learnerPage.goto(`/labs/${LAB}`);
  await startLab(learnerPage);
  await expect(cell).toHaveAttribute('data-state', 'in-progress');
  await typeCommand(learnerPage, 'kubectl get nodes -o wide');
  await waitForTerminal(learnerPage, /NAME\s+STATUS\s+ROLES/);
  await learnerPage.waitForTimeout(1000);
  await learnerPage.getByTestId('step-done-nodes').click();
  await typeCommand(learnerPage, 'kubectl run web --image=nginx');
  await waitForTerminal(learnerPage, /pod\/web created/);
  await expect(learnerPage.getByTestId('check-web-running')).toHaveAttribute('data-passed', 'true');

  // The class view followed without a reload.
  await expect(cell).toHaveAttribute('data-state', 'complete');
  expect(await staff.evaluate(() => window.journeyMark)).toBe('still here');

  // The replay it links to: the learner's commands, and the check turning green.
  await learnerPage.waitForTimeout(1000);
  const replayHref = (await cell.getByRole('link').getAttribute('href')) ?? '';
  expect(replayHref).toMatch(/^\/replay\/[A-Za-z0-9_-]+$/);
  await staff.goto(replayHref);
  const commands = staff.getByTestId('replay-command');
  await expect(commands).toHaveCount(2);
  await expect(commands.nth(0)).toContainText('kubectl get nodes -o wide');
  await expect(commands.nth(1)).toContainText('kubectl run web --image=nginx');
  await expect(staff.locator('[data-testid="timeline-check-web-running"][data-passed="true"]')).toHaveText('✓');
  await expect.poll(() => staff.evaluate(() => window.flatnetReplayText?.() ?? '')).toMatch(/pod\/web created/);

  // The seeded instructor runs no cohort of this learner's: the class view and the replay are not there.
  const otherStaff = await (await browser.newContext()).newPage();
  await signIn(otherStaff, E2E_INSTRUCTOR);
  expect((await otherStaff.goto(cohortPath))?.status()).toBe(404);
  expect((await otherStaff.goto(replayHref))?.status()).toBe(404);
});
