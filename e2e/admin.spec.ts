// The admin side of issue 19 in a browser: the first admin comes from `npm run user:create` run
// against the e2e server's database, signs in, and creates an instructor on /admin. The instructor
// signs in, finds the "Instructor" link and gets a 404 on /admin. The admin then sets a new
// password for a learner: the learner's open session ends, the old password stops working and the
// new one works.

import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { signUp } from './support/learner';
import { createUserFromCommandLine, signIn } from './support/staff';

const id = randomBytes(4).toString('hex');
const ADMIN = { email: `admin-${id}@e2e.flatnet.test`, password: `admin-${id}-password` };
const INSTRUCTOR = { name: `Instructor ${id}`, email: `instructor-${id}@e2e.flatnet.test`, password: `instructor-${id}-password` };

function createAdminFromCommandLine() {
  expect(createUserFromCommandLine('admin', { ...ADMIN, name: 'E2E Admin' })).toContain(`Created admin ${ADMIN.email}`);
}

/** The header's account menu (the course's progress box has a "sign in" link of its own). */
function accountMenu(page: Page) {
  return page.getByRole('navigation', { name: 'Account' });
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(accountMenu(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
}

async function signInRefused(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/signin');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Wrong email or password.')).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
  await context.close();
}

test('an admin from the command line creates an instructor, who cannot open /admin; a reset password replaces the old one', async ({ page, browser }) => {
  test.setTimeout(240_000);
  createAdminFromCommandLine();

  // A learner with an open session, whose password the admin will reset.
  const learnerContext = await browser.newContext();
  const learnerPage = await learnerContext.newPage();
  const learner = await signUp(learnerPage);
  await expect(learnerPage.getByTestId('account-email')).toHaveText(learner.email);
  await expect(learnerPage.getByTestId('admin-link')).toHaveCount(0);
  await expect(learnerPage.getByTestId('instructor-link')).toHaveCount(0);

  // The admin signs in and creates an instructor.
  await signIn(page, ADMIN);
  await page.getByTestId('admin-link').click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { name: 'Admin', level: 1 })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(INSTRUCTOR.name);
  await page.getByLabel('Email', { exact: true }).fill(INSTRUCTOR.email);
  await page.getByLabel('Initial password').fill(INSTRUCTOR.password);
  await page.getByRole('button', { name: 'Create instructor' }).click();
  await expect(page.getByTestId('create-instructor-outcome')).toContainText(`Instructor ${INSTRUCTOR.email} created`);
  const instructorRow = page.locator(`[data-testid="admin-user-row"][data-email="${INSTRUCTOR.email}"]`);
  await expect(instructorRow.getByTestId('admin-user-role')).toHaveText('instructor');
  expect(await seriousViolations(page)).toEqual([]);
  await signOut(page);

  // The instructor signs in: an Instructor link, no Admin link, and /admin is a 404.
  await signIn(page, INSTRUCTOR);
  await expect(page.getByTestId('instructor-link')).toBeVisible();
  await expect(page.getByTestId('admin-link')).toHaveCount(0);
  const refused = await page.goto('/admin');
  expect(refused?.status()).toBe(404);
  await signOut(page);

  // The admin sets a new password for the learner.
  const newPassword = `reset-${id}-password`;
  await signIn(page, ADMIN);
  // On a phone, the admin's longer menu stays inside the page and its last link can be reached.
  await page.setViewportSize({ width: 375, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.getByTestId('admin-link').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('admin-link')).toBeInViewport();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`/admin?email=${encodeURIComponent(learner.email)}`);
  const learnerRow = page.locator(`[data-testid="admin-user-row"][data-email="${learner.email}"]`);
  await expect(page.getByTestId('admin-user-row')).toHaveCount(1);
  await learnerRow.getByTestId('reset-password-input').fill(newPassword);
  await learnerRow.getByRole('button', { name: 'Reset password' }).click();
  await expect(learnerRow.getByTestId('reset-password-outcome')).toContainText(`New password set for ${learner.email}`);

  // Their open session ended, the old password is refused, the new one works.
  await learnerPage.reload();
  await expect(accountMenu(learnerPage).getByRole('link', { name: 'Sign in' })).toBeVisible();
  await signInRefused(browser, learner.email, learner.password);
  await signIn(learnerPage, { email: learner.email, password: newPassword });
  await learnerContext.close();
});
