// auth.ts end to end through better-auth's HTTP handler, on a temporary database made by
// scripts/db-setup.mjs (which also seeds an instructor): sign-up, sign-in, cookies, the origin
// check on random ports, the generated secret, and getSessionUser as the gateway calls it.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'flatnet-auth-'));
process.env.DATABASE_URL = `file:${join(scratch, 'auth.db')}`;
delete process.env.BETTER_AUTH_SECRET;
delete process.env.BETTER_AUTH_URL;

const { auth, getSessionUser, resolveAuthSecret } = await import('./auth');
const { disconnectDb } = await import('./db');

const ORIGIN = 'http://127.0.0.1:41234';

function post(path: string, body: unknown, origin = ORIGIN, cookie?: string, site = 'same-origin'): Promise<Response> {
  return auth.handler(
    new Request(`${ORIGIN}/api/auth${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        host: new URL(ORIGIN).host,
        origin,
        // What a browser's fetch sends; better-auth checks the Origin of such requests.
        'sec-fetch-site': site,
        'sec-fetch-mode': 'cors',
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify(body),
    }),
  );
}

/** `name=value` pairs from Set-Cookie, as a browser would send them back. */
function cookieHeader(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/db-setup.mjs'], {
    env: { ...process.env, FLATNET_INSTRUCTOR_EMAIL: 'teacher@example.com', FLATNET_INSTRUCTOR_PASSWORD: 'correct horse' },
    stdio: 'pipe',
  });
});

afterAll(async () => {
  await disconnectDb();
  rmSync(scratch, { recursive: true, force: true });
});

describe('auth', () => {
  it('signs a learner up with an httpOnly, sameSite=lax session cookie', async () => {
    const response = await post('/sign-up/email', { email: 'Ada@Example.com', password: 'long enough', name: 'Ada' });
    expect(response.status).toBe(200);
    const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('flatnet.session_token='));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const user = await getSessionUser(new Headers({ cookie: cookieHeader(response), host: '127.0.0.1:41234' }));
    expect(user).toMatchObject({ email: 'ada@example.com', name: 'Ada', role: 'learner' });
  });

  it('refuses a duplicate email, a short password and a learner-chosen role', async () => {
    const taken = await post('/sign-up/email', { email: 'ada@example.com', password: 'long enough', name: 'Ada 2' });
    expect(taken.status).toBe(422);
    expect((await taken.json()).code).toBe('USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL');
    const short = await post('/sign-up/email', { email: 'bob@example.com', password: 'short', name: 'Bob' });
    expect(short.status).toBe(400);
    expect((await short.json()).code).toBe('PASSWORD_TOO_SHORT');
    const sneaky = await post('/sign-up/email', { email: 'eve@example.com', password: 'long enough', name: 'Eve', role: 'instructor' });
    if (sneaky.status === 200) {
      const user = await getSessionUser(new Headers({ cookie: cookieHeader(sneaky) }));
      expect(user?.role).toBe('learner');
    } else {
      expect(sneaky.status).toBe(400);
    }
  });

  it('signs in with the right password only', async () => {
    const wrong = await post('/sign-in/email', { email: 'ada@example.com', password: 'not it at all' });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).code).toBe('INVALID_EMAIL_OR_PASSWORD');
    const right = await post('/sign-in/email', { email: 'ada@example.com', password: 'long enough' });
    expect(right.status).toBe(200);
    // The gateway passes Node's IncomingHttpHeaders from the upgrade request.
    const user = await getSessionUser({ cookie: cookieHeader(right), host: '127.0.0.1:41234', origin: ORIGIN });
    expect(user?.email).toBe('ada@example.com');
  });

  it('accepts loopback origins on any port and rejects foreign ones', async () => {
    const creds = { email: 'ada@example.com', password: 'long enough' };
    const foreign = await post('/sign-in/email', creds, 'http://evil.example', undefined, 'cross-site');
    expect(foreign.status).toBe(403);
    const otherPort = await auth.handler(
      new Request('http://localhost:5999/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json', host: 'localhost:5999', origin: 'http://localhost:5999', 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify(creds),
      }),
    );
    expect(otherPort.status).toBe(200);
  });

  it('lets the seeded instructor sign in with the instructor role', async () => {
    const response = await post('/sign-in/email', { email: 'teacher@example.com', password: 'correct horse' });
    expect(response.status).toBe(200);
    const user = await getSessionUser(new Headers({ cookie: cookieHeader(response) }));
    expect(user).toMatchObject({ email: 'teacher@example.com', role: 'instructor' });
  });

  it('ends the session on sign-out', async () => {
    const signIn = await post('/sign-in/email', { email: 'ada@example.com', password: 'long enough' });
    const cookie = cookieHeader(signIn);
    expect(await getSessionUser(new Headers({ cookie }))).not.toBeNull();
    const signOut = await post('/sign-out', {}, ORIGIN, cookie);
    expect(signOut.status).toBe(200);
    expect(await getSessionUser(new Headers({ cookie }))).toBeNull();
  });

  it('returns null for no cookie or a forged one', async () => {
    expect(await getSessionUser(new Headers())).toBeNull();
    expect(await getSessionUser({ cookie: 'flatnet.session_token=forged.value' })).toBeNull();
  });

  it('persists a generated secret with 0600 permissions, and prefers BETTER_AUTH_SECRET', () => {
    const secretFile = join(scratch, 'auth-secret');
    const mode = statSync(secretFile).mode & 0o777;
    expect(mode).toBe(0o600);
    const secret = readFileSync(secretFile, 'utf8').trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(resolveAuthSecret({}, scratch)).toBe(secret);
    expect(resolveAuthSecret({ BETTER_AUTH_SECRET: 'x'.repeat(40) }, scratch)).toBe('x'.repeat(40));
  });
});
