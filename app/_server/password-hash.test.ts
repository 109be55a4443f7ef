// Flatnet's password hashing (password-hash.ts) against better-auth's: the same stored format both
// ways, so no learner's password stops working; and the properties it exists for (issue 21): the
// event loop keeps turning while passwords are hashed, on a thread below the terminals' priority.

import { getPriority } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { scrypt as scryptInJs } from '@noble/hashes/scrypt.js';
import { hashPassword as betterAuthHash, verifyPassword as betterAuthVerify } from 'better-auth/crypto';
import { describe, expect, it } from 'vitest';
import { Semaphore, gatedPassword } from './auth-guard';
import { KDF_NICENESS, SCRYPT_PARAMS, hashPassword, kdfThreadNiceness, verifyPassword } from './password-hash';

const PASSWORD = 'correct horse battery staple';
/** The test's own thread's priority before any hashing started the KDF thread. */
const PRIORITY_BEFORE = getPriority();

/**
 * A stored hash made with better-auth's pure-JavaScript default (@noble/hashes scrypt, the
 * fallback of @better-auth/utils/password), for PASSWORD, before Flatnet hashed passwords itself.
 */
const STORED_BY_BETTER_AUTH_JS = '605df7d11429fadf3978ece59792fa65:80554a7ff309260a99072e3163ba5ec58f6d6c21431dfc82f7a11196e894b8f5e9896fe393112f6ed7b5087dd5300787e48a854b69e8aad5581511abe05bb9b3';

describe('the stored format', () => {
  it('verifies a hash better-auth made, and better-auth verifies ours', async () => {
    const theirs = await betterAuthHash(PASSWORD);
    expect(await verifyPassword({ hash: theirs, password: PASSWORD })).toBe(true);
    expect(await verifyPassword({ hash: theirs, password: `${PASSWORD}!` })).toBe(false);

    const ours = await hashPassword(PASSWORD);
    expect(ours).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(await betterAuthVerify({ hash: ours, password: PASSWORD })).toBe(true);
    expect(await betterAuthVerify({ hash: ours, password: 'another password' })).toBe(false);
  });

  it('verifies a hash made by the JavaScript scrypt better-auth falls back to', async () => {
    expect(await verifyPassword({ hash: STORED_BY_BETTER_AUTH_JS, password: PASSWORD })).toBe(true);
    expect(await verifyPassword({ hash: STORED_BY_BETTER_AUTH_JS, password: 'Correct horse battery staple' })).toBe(false);
  });

  it('normalises the password (NFKC) as better-auth does', async () => {
    const composed = 'caf\u00e9 au lait';
    const decomposed = 'cafe\u0301 au lait';
    const ours = await hashPassword(composed);
    expect(await verifyPassword({ hash: ours, password: decomposed })).toBe(true);
    expect(await betterAuthVerify({ hash: ours, password: decomposed })).toBe(true);
  });

  it('throws on a stored value that is not salt:key, and is false for a key of another length', async () => {
    await expect(verifyPassword({ hash: 'no-colon', password: PASSWORD })).rejects.toThrow(/Invalid password hash/);
    await expect(verifyPassword({ hash: 'abc:not-hex', password: PASSWORD })).rejects.toThrow(/Invalid password hash/);
    expect(await verifyPassword({ hash: 'abcd:00ff', password: PASSWORD })).toBe(false);
  });
});

/** The longest the event loop was held while `work` ran, in ms (1 ms resolution). */
async function maxLoopDelayDuring(work: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  try {
    // The histogram times the gap between its timer's turns: let it turn before the work starts.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await work();
    // One more turn so a stall right at the end is sampled too.
    await new Promise((resolve) => setTimeout(resolve, 5));
  } finally {
    histogram.disable();
  }
  return histogram.max / 1e6;
}

describe('hashing off the event loop', () => {
  it('keeps the loop turning during 10 concurrent sign-ins, where a hash on the loop holds it for a whole hash', async () => {
    // The harness sees blocking: the same scrypt computed on the loop holds it for about its duration.
    const { N, r, p, keyLength } = SCRYPT_PARAMS;
    let jsHashMs = 0;
    const onLoop = await maxLoopDelayDuring(async () => {
      const started = performance.now();
      scryptInJs(PASSWORD, 'c8b67a4b0e7f3b1b9c2d5e6f708192a3', { N, r, p, dkLen: keyLength, maxmem: 128 * N * r * 2 });
      jsHashMs = performance.now() - started;
    });
    expect(onLoop).toBeGreaterThan(jsHashMs * 0.8);

    // Each gated hash timed from its start to its end: how long it would have held the loop.
    const gate = new Semaphore(1, 16);
    const durations: number[] = [];
    const timed = <T>(task: () => Promise<T>) =>
      gate.run(async () => {
        const started = performance.now();
        try {
          return await task();
        } finally {
          durations.push(performance.now() - started);
        }
      });
    const stored = await hashPassword(PASSWORD);
    const offLoop = await maxLoopDelayDuring(() =>
      Promise.all(Array.from({ length: 10 }, (_, i) => timed<unknown>(() => (i % 2 ? hashPassword(PASSWORD) : verifyPassword({ hash: stored, password: PASSWORD }))))),
    );
    const oneHashMs = durations.sort((a, b) => a - b)[durations.length >> 1]!;
    console.log(`[password-hash] max loop delay: one JS scrypt on the loop ${onLoop.toFixed(1)} ms; 10 through the gate on the KDF thread ${offLoop.toFixed(1)} ms (a hash there ${oneHashMs.toFixed(1)} ms, median)`);
    expect(durations).toHaveLength(10);
    // On a quiet machine about 1-10 ms; other test files hashing and spawning on the same two cores add tens.
    expect(offLoop).toBeLessThan(oneHashMs / 2);
  });
});

describe('the KDF thread', () => {
  it.runIf(process.platform === 'linux')('runs at the lowest CPU priority, the process itself unchanged', async () => {
    expect(await kdfThreadNiceness()).toBe(KDF_NICENESS);
    expect(getPriority()).toBe(PRIORITY_BEFORE);
  });
});

describe('the KDF gate', () => {
  it('queues up to its limit and refuses the rest with 503 and Retry-After, starting no work for them', async () => {
    const gate = new Semaphore(1, 2);
    const password = gatedPassword(gate);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => password.hash(PASSWORD)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason);
    expect(refused).toHaveLength(2);
    for (const error of refused) {
      expect(error).toMatchObject({ statusCode: 503, body: { code: 'SERVER_BUSY' } });
      expect(error.headers).toMatchObject({ 'Retry-After': '1' });
    }
    expect(gate.started).toBe(3);
    expect(gate.refused).toBe(2);
    expect(gate.load).toEqual({ active: 0, waiting: 0 });
  });

  it('recognises a full queue from another copy of the module (Next bundles its own beside the server entry)', async () => {
    class OtherCopysQueueFullError extends Error {
      name = 'QueueFullError';
    }
    const gate = { run: () => Promise.reject(new OtherCopysQueueFullError('queue full')) } as unknown as Semaphore;
    await expect(gatedPassword(gate).verify({ hash: 'ab:cd', password: PASSWORD })).rejects.toMatchObject({ statusCode: 503, body: { code: 'SERVER_BUSY' } });
  });
});
