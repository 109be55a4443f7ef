// Staff in the browser and on the command line: an account made with `npm run user:create` on the
// e2e server's own database, and signing in (with the patience a password hash needs on a busy
// two-core machine).

import { execFileSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';
import { ROOT } from './flatnet-server';

export interface Account {
  email: string;
  password: string;
}

/** The operator's command, on the server's own database; the password goes in on stdin. */
export function createUserFromCommandLine(role: 'admin' | 'instructor' | 'learner', account: Account & { name: string }): string {
  const databaseUrl = process.env.FLATNET_E2E_DATABASE_URL;
  if (!databaseUrl) throw new Error('FLATNET_E2E_DATABASE_URL is not set (e2e/support/global-setup.ts sets it)');
  return execFileSync(process.execPath, ['--import', 'tsx', 'scripts/user-create.ts', '--role', role, '--email', account.email, '--name', account.name, '--password-stdin'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    input: `${account.password}\n`,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

/** Signs in through the form and waits until the header names the account. */
export async function signIn(page: Page, account: Account, next?: string) {
  await page.goto(next ? `/signin?next=${encodeURIComponent(next)}` : '/signin');
  await page.locator('input[name="email"]').fill(account.email);
  await page.locator('input[name="password"]').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('account-email')).toHaveText(account.email, { timeout: 30_000 });
}
