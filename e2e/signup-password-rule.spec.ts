// Issue 13, point 9: sign-up states the password rule before the learner submits, where a screen
// reader reads it with the field, and the same words' numbers hold when the form answers.

import { expect, test } from '@playwright/test';

test('sign-up shows the password rule before submit, tied to the field', async ({ page }) => {
  await page.goto('/signup?next=/learn/pod-network/pod-network-model');
  const password = page.locator('input[name="password"]');
  const rule = page.getByTestId('password-hint');
  await expect(rule).toBeVisible();
  await expect(rule).toHaveText(/^At least 8 characters \(at most 128\)/);
  await expect(password).toHaveAttribute('aria-describedby', 'password-hint');

  await page.locator('input[name="name"]').fill('Ada');
  await page.locator('input[name="email"]').fill(`ada-${Date.now()}@example.test`);
  await password.fill('short');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.locator('#password-error')).toHaveText('Your password needs at least 8 characters.');
  // The rule stays, and the error joins it in the field's description.
  await expect(rule).toBeVisible();
  await expect(password).toHaveAttribute('aria-describedby', 'password-hint password-error');

  // Sign-in has no rule to show: an existing password is whatever it is.
  await page.goto('/signin');
  await expect(page.getByTestId('password-hint')).toHaveCount(0);
});
