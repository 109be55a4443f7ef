// Cohorts and the learner's own account (issue 19, points 2 and 5): the seeded instructor creates
// a cohort with two labs, one with a due date, and reads its join code; a new learner joins with the
// code typed in lower case without the dash (a wrong code first gets the message), sees the cohort
// and the due date on /account, downloads their data, and deletes the account, after which signing
// in fails and the instructor's roster no longer lists them. axe finds no serious violation on the
// three pages.

import { readFile } from 'node:fs/promises';
import { expect as baseExpect, test } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { E2E_INSTRUCTOR } from './support/global-setup';
import { signUp } from './support/learner';
import { signIn } from './support/staff';

// Sign-in hashes a password and the first visit to a page renders it cold; on a loaded two-core
// machine that takes longer than the default ten seconds.
const expect = baseExpect.configure({ timeout: 30_000 });

const DUE_INPUT = '2027-01-15T17:00';
const DUE_SHOWN = '15 Jan 2027, 17:00 UTC';

test('an instructor runs a cohort; a learner joins it, sees the due date, takes their data and deletes the account', async ({ browser }) => {
  test.setTimeout(180_000);
  const cohortName = `Cohort ${Date.now().toString(36)}`;

  // The instructor creates the cohort and gives it two labs, one due on a date.
  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, E2E_INSTRUCTOR, '/instructor');
  await expect(staff).toHaveURL(/\/instructor$/);
  await staff.getByLabel('Name').fill(cohortName);
  await staff.getByRole('button', { name: 'Create cohort' }).click();
  await expect(staff).toHaveURL(/\/instructor\/cohorts\/[^/]+\/settings$/);
  const settingsUrl = staff.url();
  await expect(staff.getByTestId('cohort-name')).toHaveText(cohortName);
  await staff.getByTestId('lab-pod-network-basics').check();
  await staff.getByTestId('due-pod-network-basics').fill(DUE_INPUT);
  await staff.getByTestId('lab-netpol-frontend-to-backend').check();
  await staff.getByRole('button', { name: 'Save modules and labs' }).click();
  await expect(staff.getByTestId('course-selection-message')).toHaveText('Saved: 0 modules, 2 labs.');
  await staff.reload();
  await expect(staff.getByTestId('lab-pod-network-basics')).toBeChecked();
  await expect(staff.getByTestId('due-pod-network-basics')).toHaveValue(DUE_INPUT);
  expect(await seriousViolations(staff)).toEqual([]);
  const shownCode = (await staff.getByTestId('join-code').textContent())?.trim() ?? '';
  expect(shownCode).toMatch(/^[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}$/);
  await staff.goto('/instructor');
  await expect(staff.getByTestId('cohorts-table')).toContainText(cohortName);
  expect(await seriousViolations(staff)).toEqual([]);

  // A new learner: /instructor and the cohort's settings are not for them.
  const learnerPage = await (await browser.newContext()).newPage();
  const learner = await signUp(learnerPage);
  expect((await learnerPage.goto('/instructor'))?.status()).toBe(404);
  expect((await learnerPage.goto(settingsUrl))?.status()).toBe(404);

  // A wrong code gets the message; the right one, typed loosely, joins.
  await learnerPage.goto('/account');
  const code = learnerPage.getByLabel('Join code');
  await code.fill('zzzzz-zzzzz');
  await learnerPage.getByRole('button', { name: 'Join' }).click();
  await expect(learnerPage.getByTestId('join-cohort-message')).toContainText('That code does not match an open cohort');
  await code.fill(shownCode.toLowerCase().replace('-', ''));
  await learnerPage.getByRole('button', { name: 'Join' }).click();
  await expect(learnerPage.getByTestId('join-cohort-message')).toHaveText(`You joined ${cohortName}.`);
  const card = learnerPage.getByTestId('my-cohorts').locator('section', { hasText: cohortName });
  await expect(card).toBeVisible();
  await expect(card.getByTestId('my-cohort-lab-pod-network-basics').getByTestId('due')).toHaveText(DUE_SHOWN);
  await expect(card.getByTestId('my-cohort-lab-netpol-frontend-to-backend').getByTestId('due')).toHaveText('No due date');
  expect(await seriousViolations(learnerPage)).toEqual([]);

  // The instructor sees them on the roster.
  await staff.goto(settingsUrl);
  await expect(staff.getByTestId(`member-${learner.email}`)).toBeVisible();

  // Their data, as a JSON download.
  const downloading = learnerPage.waitForEvent('download');
  await learnerPage.getByTestId('download-data').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^flatnet-data-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(exported.profile).toMatchObject({ email: learner.email, name: learner.name });
  expect(exported.cohortMemberships).toEqual([expect.objectContaining({ cohortName })]);
  expect(JSON.stringify(exported)).not.toMatch(/password|token/i);

  // Deleting the account needs the password; then signing in fails.
  await learnerPage.getByLabel('Type your password to confirm').fill('not my password');
  await learnerPage.getByRole('button', { name: 'Delete my account' }).click();
  await expect(learnerPage.getByTestId('delete-account-message')).toContainText('That password is not right');
  await learnerPage.getByLabel('Type your password to confirm').fill(learner.password);
  await learnerPage.getByRole('button', { name: 'Delete my account' }).click();
  await expect(learnerPage).toHaveURL(/\/$/);
  await learnerPage.goto('/account');
  await expect(learnerPage.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
  await learnerPage.goto('/signin');
  await learnerPage.locator('input[name="email"]').fill(learner.email);
  await learnerPage.locator('input[name="password"]').fill(learner.password);
  await learnerPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(learnerPage.getByText('Wrong email or password.')).toBeVisible();
  await expect(learnerPage).toHaveURL(/\/signin/);

  await staff.reload();
  await expect(staff.getByTestId(`member-${learner.email}`)).toHaveCount(0);
  await expect(staff.getByTestId('roster-empty')).toBeVisible();

  // The instructor ends the cohort: its name must be typed back, then it is gone from the list.
  await staff.getByLabel("Type the cohort's name to confirm").fill('not its name');
  await staff.getByRole('button', { name: 'Delete cohort' }).click();
  await expect(staff.getByTestId('delete-cohort-message')).toHaveText(`Type the cohort's name, ${cohortName}, to delete it.`);
  await staff.getByLabel("Type the cohort's name to confirm").fill(cohortName);
  await staff.getByRole('button', { name: 'Delete cohort' }).click();
  await expect(staff).toHaveURL(/\/instructor$/);
  await expect(staff.getByText(cohortName)).toHaveCount(0);
  expect((await staff.goto(settingsUrl))?.status()).toBe(404);
});
