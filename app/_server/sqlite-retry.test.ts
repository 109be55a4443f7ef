// Writes from the gateway survive a held SQLite write lock (issue 14, finding 9). The back-off on a
// fake clock, then the real thing: a second better-sqlite3 connection holds `BEGIN IMMEDIATE` longer
// than the busy timeout (db.ts, 5 s) while labsh's command, check and snapshot writes arrive; they
// land, in order, once the lock is released.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSqliteBusy, withSqliteRetry, type RetryClock } from './sqlite-retry';

const scratch = mkdtempSync(join(tmpdir(), 'flatnet-sqlite-retry-'));
const dbFile = join(scratch, 'test.db');
process.env.DATABASE_URL = `file:${dbFile}`;

const attempts = await import('./attempts');
const { getDb, disconnectDb } = await import('./db');
const { PrismaAttemptStore } = await import('./prisma-attempt-store');

function fakeClock(): RetryClock & { slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return { slept, now: () => t, sleep: async (ms) => void (slept.push(ms), (t += ms)) };
}
const HOLD_LOCK = `
const db = new (require('better-sqlite3'))(process.argv[1]);
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));
`;
const busy = Object.assign(new Error('Invalid invocation'), { code: 'P1008', meta: { driverAdapterError: { cause: { originalCode: 'SQLITE_BUSY' } } } });

describe('withSqliteRetry', () => {
  it('backs off exponentially, capped, until the write lands', async () => {
    const clock = fakeClock();
    let tries = 0;
    const result = await withSqliteRetry('w', async () => (++tries < 8 ? Promise.reject(busy) : 'ok'), {
      clock,
      policy: { firstDelayMs: 50, maxDelayMs: 1000, giveUpAfterMs: 60_000 },
    });
    expect(result).toBe('ok');
    expect(clock.slept).toEqual([50, 100, 200, 400, 800, 1000, 1000]);
  });

  it('throws other errors at once, and a busy one only past the give-up time', async () => {
    const clock = fakeClock();
    const bad = new RangeError('snapshot too big');
    await expect(withSqliteRetry('w', () => Promise.reject(bad), { clock })).rejects.toBe(bad);
    expect(clock.slept).toEqual([]);
    const policy = { firstDelayMs: 100, maxDelayMs: 100, giveUpAfterMs: 1000 };
    await expect(withSqliteRetry('w', () => Promise.reject(busy), { clock, policy })).rejects.toBe(busy);
    expect(clock.slept).toHaveLength(10);
  });

  it('knows busy from its codes and words, not from any failure', () => {
    expect(isSqliteBusy(busy)).toBe(true);
    expect(isSqliteBusy({ code: 'SQLITE_BUSY' })).toBe(true);
    expect(isSqliteBusy(new Error('SqliteError: database is locked'))).toBe(true);
    expect(isSqliteBusy({ code: 'P2002', message: 'Unique constraint failed' })).toBe(false);
    expect(isSqliteBusy(null)).toBe(false);
  });
});

describe('PrismaAttemptStore under a held write lock', () => {
  let attemptId: string;
  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/db-setup.mjs'], {
      env: { ...process.env, FLATNET_INSTRUCTOR_EMAIL: '', FLATNET_INSTRUCTOR_PASSWORD: '' },
      stdio: 'pipe',
    });
    const user = await getDb().user.create({ data: { id: 'u-lock', name: 'lock', email: 'lock@example.com' } });
    attemptId = (await attempts.getOrCreateActiveAttempt(user.id, 'lab-lock', 1)).id;
  });
  afterAll(async () => {
    await disconnectDb();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('lands every write made while another connection held the lock past the busy timeout', async () => {
    const retries: string[] = [];
    const store = new PrismaAttemptStore({ log: (m) => retries.push(m) });
    // Another process, as in the finding: better-sqlite3 waits out a busy lock synchronously, so a
    // holder on this thread could not even let go on time.
    const heldMs = 6_500;
    const holder = spawn(process.execPath, ['-e', HOLD_LOCK, dbFile, String(heldMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    const released = new Promise<void>((resolve) => holder.once('exit', () => resolve()));
    const started = Date.now();
    const writes = Promise.all([
      store.recordCommand(attemptId, 'kubectl get pods', 0),
      store.recordChecks(attemptId, [{ checkId: 'c1', passed: false, feedbackId: 'x.y', params: {}, reason: 'not yet' }]),
      store.recordCommand(attemptId, 'kubectl get svc', 1),
    ]);
    await released;
    await writes;
    expect(Date.now() - started).toBeGreaterThanOrEqual(heldMs);
    expect(retries.some((m) => m.startsWith('recordCommand'))).toBe(true);
    expect((await attempts.getRecentCommands(attemptId)).map((c) => c.line)).toEqual(['kubectl get pods', 'kubectl get svc']);
    expect((await attempts.getCheckResults(attemptId)).map((r) => r.checkId)).toEqual(['c1']);
  }, 30_000);
});
