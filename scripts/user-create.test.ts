// `npm run user:create` as an operator runs it, as a child process on a temporary database: the
// admin it creates signs in through better-auth's handler with the role; an existing email gets
// its role (and password) changed; a password on argv, a short one, a missing one and an unknown
// role are refused with exit code 2 and change nothing. The password never appears in the output.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'flatnet-user-create-'));
process.env.DATABASE_URL = `file:${join(scratch, 'users.db')}`;
delete process.env.BETTER_AUTH_SECRET;
delete process.env.BETTER_AUTH_URL;

const { auth } = await import('../app/_server/auth');
const { getDb, disconnectDb } = await import('../app/_server/db');

const ORIGIN = 'http://127.0.0.1:41236';
/** Each run is a fresh Node with tsx, Prisma and scrypt: seconds each, more on a loaded machine. */
const CLI_TEST_TIMEOUT_MS = 240_000;

/** Runs the command asynchronously: a blocking spawnSync would starve vitest's worker channel for seconds. */
function userCreate(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<{ status: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (!options.env?.FLATNET_NEW_USER_PASSWORD) delete env.FLATNET_NEW_USER_PASSWORD;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/user-create.ts', ...args], { env, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

async function signIn(email: string, password: string) {
  const response = await auth.handler(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: new URL(ORIGIN).host, origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email, password }),
    }),
  );
  return { status: response.status, user: response.ok ? ((await response.json()).user as { email: string; role: string }) : null };
}

afterAll(async () => {
  await disconnectDb();
  rmSync(scratch, { recursive: true, force: true });
});

describe('npm run user:create', () => {
  it('creates the first admin from a password on stdin, on a fresh database, and they sign in', async () => {
    const run = await userCreate(['--role', 'admin', '--email', 'Root@Example.com', '--name', 'Root', '--password-stdin'], { stdin: 'first admin password\n' });
    expect(run.output).toContain('Created admin root@example.com');
    expect(run.status).toBe(0);
    expect(run.output).not.toContain('first admin password');
    const signedIn = await signIn('root@example.com', 'first admin password');
    expect(signedIn.status).toBe(200);
    expect(signedIn.user).toMatchObject({ email: 'root@example.com', role: 'admin' });
  }, CLI_TEST_TIMEOUT_MS);

  it('takes the password from FLATNET_NEW_USER_PASSWORD too', async () => {
    const run = await userCreate(['--role', 'instructor', '--email', 'tess@example.com', '--name', 'Tess'], { env: { FLATNET_NEW_USER_PASSWORD: 'instructor password' } });
    expect(run.status).toBe(0);
    expect((await signIn('tess@example.com', 'instructor password')).user?.role).toBe('instructor');
  }, CLI_TEST_TIMEOUT_MS);

  it('updates an existing account: the role, and the password when one is given', async () => {
    const roleOnly = await userCreate(['--role', 'admin', '--email', 'tess@example.com']);
    expect(roleOnly.status).toBe(0);
    expect(roleOnly.output).toContain('tess@example.com already had an account: role instructor → admin');
    expect((await signIn('tess@example.com', 'instructor password')).user?.role).toBe('admin');

    const withPassword = await userCreate(['--role', 'admin', '--email', 'tess@example.com', '--password-stdin'], { stdin: 'changed password\n' });
    expect(withPassword.status).toBe(0);
    expect(withPassword.output).toContain('password changed');
    expect((await signIn('tess@example.com', 'instructor password')).status).toBe(401);
    expect((await signIn('tess@example.com', 'changed password')).status).toBe(200);
  }, CLI_TEST_TIMEOUT_MS);

  it('refuses a password on the command line, a short or missing one and an unknown role, changing nothing', async () => {
    const onArgv = await userCreate(['--role', 'admin', '--email', 'eve@example.com', '--name', 'Eve', '--password', 'visible in ps']);
    expect(onArgv.status).toBe(2);
    expect(onArgv.output).toContain('--password is not accepted');
    const short = await userCreate(['--role', 'admin', '--email', 'eve@example.com', '--name', 'Eve', '--password-stdin'], { stdin: 'short\n' });
    expect(short.status).toBe(2);
    expect(short.output).toContain('at least 8 characters');
    const missing = await userCreate(['--role', 'admin', '--email', 'eve@example.com', '--name', 'Eve']);
    expect(missing.status).toBe(2);
    expect(missing.output).toContain('needs a password');
    const badRole = await userCreate(['--role', 'root', '--email', 'eve@example.com', '--name', 'Eve'], { env: { FLATNET_NEW_USER_PASSWORD: 'long enough' } });
    expect(badRole.status).toBe(2);
    expect(await getDb().user.count({ where: { email: 'eve@example.com' } })).toBe(0);
  }, CLI_TEST_TIMEOUT_MS);
});
