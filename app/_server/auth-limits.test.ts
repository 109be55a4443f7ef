// Issue 14 findings 1, 2 and 7 (auth) end to end: a real HTTP server that stamps the client address
// as server.ts does, in front of the real /api/auth route (body cap, better-auth, its hooks), on a
// temporary database. The limiter's clock is moved by hand; nothing sleeps.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'flatnet-auth-limits-'));
process.env.DATABASE_URL = `file:${join(scratch, 'auth.db')}`;
process.env.FLATNET_AUTH_RATE_LIMIT = 'on';
delete process.env.FLATNET_TRUSTED_PROXIES;
delete process.env.BETTER_AUTH_SECRET;
delete process.env.BETTER_AUTH_URL;

const { auth } = await import('./auth');
const { disconnectDb } = await import('./db');
const { authClock } = await import('./auth-rate-limit');
const { kdfGate, KDF_CONCURRENCY, KDF_MAX_WAITING } = await import('./auth-guard');
const { CLIENT_IP_HEADER, stampClientIp } = await import('./client-ip');
const route = await import('../api/auth/[...all]/route');

let clock = 1_000_000;
authClock.now = () => clock;

let server: Server;
let origin = '';

/** What server.ts does before Next: stamp, then hand the request to the route as a fetch Request. */
function startServer(): Promise<void> {
  server = createServer((req, res) => {
    stampClientIp(req);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const body = req.method === 'GET' ? undefined : (Readable.toWeb(req) as ReadableStream<Uint8Array>);
    const request = new Request(`${origin}${req.url}`, { method: req.method, headers, body, duplex: 'half' } as RequestInit);
    const handler = req.method === 'GET' ? route.GET : route.POST;
    void handler(request).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    resolve();
  }));
}

let forged = 0;
/** A JSON POST with a different forged X-Forwarded-For every time, as the attack did. */
function post(path: string, body: unknown): Promise<Response> {
  forged += 1;
  return fetch(`${origin}/api/auth${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin,
      'sec-fetch-site': 'same-origin',
      'sec-fetch-mode': 'cors',
      'x-forwarded-for': `203.0.${(forged >> 8) & 255}.${forged & 255}`,
      'x-real-ip': `198.51.100.${forged & 255}`,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/db-setup.mjs'], {
    env: { ...process.env, FLATNET_INSTRUCTOR_EMAIL: 'teacher@example.com', FLATNET_INSTRUCTOR_PASSWORD: 'correct horse' },
    stdio: 'pipe',
  });
  await startServer();
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await disconnectDb();
  rmSync(scratch, { recursive: true, force: true });
});

// Each test starts an hour later, so earlier tests' windows and back-offs are forgotten.
beforeEach(() => {
  clock += 2 * 60 * 60_000;
});

describe('sign-in limits (finding 1)', () => {
  it('answers 200 guesses with rotating X-Forwarded-For with 429s, and refuses the right password until the back-off passes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const response = await post('/sign-in/email', { email: 'teacher@example.com', password: `guess ${i}` });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      clock += 250;
    }
    const wrong = statuses.filter((s) => s === 401).length;
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(180);
    // 5 free failures, then waits of 1, 2, 4, 8, 16 s over the 50 s of the flood.
    expect(wrong).toBeLessThanOrEqual(12);

    const right = await post('/sign-in/email', { email: 'teacher@example.com', password: 'correct horse' });
    expect(right.status).toBe(429);
    const wait = Number(right.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(1);
    expect(await right.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });

    clock += wait * 1000;
    expect((await post('/sign-in/email', { email: 'teacher@example.com', password: 'correct horse' })).status).toBe(200);
  });

  it('shares one limiter between the API and the forms (auth.api, as the server actions call it)', async () => {
    for (let i = 0; i < 6; i += 1) await post('/sign-in/email', { email: 'teacher@example.com', password: `nope ${i}` });
    const fromForm = auth.api.signInEmail({
      body: { email: 'teacher@example.com', password: 'correct horse' },
      headers: new Headers({ [CLIENT_IP_HEADER]: '192.0.2.77', host: new URL(origin).host }),
    });
    await expect(fromForm).rejects.toMatchObject({ statusCode: 429, body: { code: 'TOO_MANY_ATTEMPTS' } });
  });
});

describe('sign-up limits (finding 1)', () => {
  it('limits 40 sign-ups from one address whatever X-Forwarded-For says', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      statuses.push((await post('/sign-up/email', { email: `learner${i}@example.com`, password: 'long enough', name: `L${i}` })).status);
    }
    expect(statuses.filter((s) => s === 200).length).toBe(10);
    expect(statuses.filter((s) => s === 429).length).toBe(30);
  });
});

describe('field bounds (finding 7, auth)', () => {
  it('refuses a 10 MB display name with 413, unread', async () => {
    const response = await post('/sign-up/email', { email: 'big@example.com', password: 'long enough', name: 'x'.repeat(10 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect((await response.json()).message).toMatch(/at most 8192 bytes/);
  });

  it('refuses an over-long name, email or password with 400 on the API and on auth.api', async () => {
    const name = await post('/sign-up/email', { email: 'n@example.com', password: 'long enough', name: 'x'.repeat(101) });
    expect(name.status).toBe(400);
    expect(await name.json()).toMatchObject({ code: 'FIELD_TOO_LONG', message: 'name can have at most 100 characters.' });
    const email = await post('/sign-in/email', { email: `${'e'.repeat(250)}@example.com`, password: 'whatever1' });
    expect(email.status).toBe(400);
    const direct = auth.api.signUpEmail({
      body: { email: 'd@example.com', password: 'long enough', name: 'x'.repeat(5000) },
      headers: new Headers({ [CLIENT_IP_HEADER]: '192.0.2.78', host: new URL(origin).host }),
    });
    await expect(direct).rejects.toMatchObject({ statusCode: 400, body: { code: 'FIELD_TOO_LONG' } });
  });
});

describe('KDF work under a flood (finding 2)', () => {
  it('hashes at most the global burst when 200 guesses arrive at once from 200 claimed addresses', async () => {
    const before = kdfGate.started;
    const flood = await Promise.all(
      Array.from({ length: 200 }, (_, i) => post('/sign-in/email', { email: `nobody${i}@example.com`, password: 'guess guess' })),
    );
    const hashed = kdfGate.started - before;
    // One socket address: its window (30) and the global bucket (burst 10, 5/s) admit at most 10.
    expect(hashed).toBeLessThanOrEqual(10);
    expect(flood.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(190);
    console.log(`[auth-limits] 200 concurrent sign-ins: ${hashed} password hashes, ${flood.filter((r) => r.status === 429).length} refused with 429`);
  });
});

describe('KDF queue full (issue 21)', () => {
  it('answers 503 SERVER_BUSY with Retry-After before looking anything up, and serves again once the queue drains', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const occupying = Array.from({ length: KDF_CONCURRENCY + KDF_MAX_WAITING }, () => kdfGate.run(() => held));
    const startedBefore = kdfGate.started;
    const refusedBefore = kdfGate.refused;
    expect(kdfGate.isFull()).toBe(true);

    const busy = await post('/sign-in/email', { email: 'teacher@example.com', password: 'correct horse' });
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(await busy.json()).toMatchObject({ code: 'SERVER_BUSY', message: 'The server is busy signing people in. Try again in a moment.' });
    // Refused in the before-hook, not by the gate after better-auth looked the user up.
    expect(kdfGate.started).toBe(startedBefore);
    expect(kdfGate.refused).toBe(refusedBefore);

    release();
    await Promise.all(occupying);
    clock += 60 * 60_000;
    const served = await post('/sign-in/email', { email: 'teacher@example.com', password: 'correct horse' });
    expect(served.status).toBe(200);
  });
});
