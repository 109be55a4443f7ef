// sqlite-adapter.ts against a real database made by scripts/db-setup.mjs: two processes running
// read-then-write transactions at once both succeed and neither update is lost; a write made
// outside a transaction that is open on the same connection survives that transaction's
// rollback. Each is run against the stock adapter too, which fails both: the tests can fail.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'flatnet-sqlite-adapter-'));
const dbFile = join(scratch, 'test.db');
process.env.DATABASE_URL = `file:${dbFile}`;

const { getDb, disconnectDb } = await import('./db');
const attempts = await import('./attempts');
const { PrismaClient } = await import('./generated/prisma/client');

// One writer process: connects and says "ready"; on "go" it starts a transaction that reads the
// attempt's seed and says "read"; on "write" it writes seed + 1 (a read-modify-write counter).
const READ_THEN_WRITE = `
const [file, attemptId, mode, root] = process.argv.slice(1);
let input = '';
const waiters = [];
process.stdin.on('data', (chunk) => { input += chunk; waiters.splice(0).forEach((wake) => wake()); });
const heard = async (word) => { while (!input.includes(word + '\\n')) await new Promise((wake) => waiters.push(wake)); };
const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
const { PrismaClient } = await import(root + '/app/_server/generated/prisma/client.ts');
const { immediateTransactions } = await import(root + '/app/_server/sqlite-adapter.ts');
const stock = new PrismaBetterSqlite3({ url: 'file:' + file, timeout: 5000 });
const db = new PrismaClient({ adapter: mode === 'immediate' ? immediateTransactions(stock) : stock });
await db.attempt.findUnique({ where: { id: attemptId } });
process.stdout.write('ready\\n');
await heard('go');
try {
  await db.$transaction(async (tx) => {
    const { seed } = await tx.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { seed: true } });
    process.stdout.write('read\\n');
    await heard('write');
    await tx.attempt.update({ where: { id: attemptId }, data: { seed: seed + 1 } });
  }, { maxWait: 10000, timeout: 10000 });
  process.stdout.write('ok\\n');
} catch (error) {
  process.stdout.write('failed ' + (error.code ?? '') + '\\n');
}
await db.$disconnect();
process.exit(0);
`;

/** How long the writers may take to both say "read" before they are told to write anyway. */
const BOTH_READ_WAIT_MS = 1500;

interface Writer {
  said(word: string): Promise<void>;
  tell(word: string): void;
  result: Promise<string>;
}

function startWriter(attemptId: string, mode: 'immediate' | 'stock'): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', READ_THEN_WRITE, dbFile, attemptId, mode, root], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const said = async (word: string) => {
    while (!out.includes(`${word}\n`)) await new Promise((resolve) => child.stdout.once('data', resolve));
  };
  const result = new Promise<string>((resolve) => child.once('exit', () => resolve(out.split('\n').filter((line) => line.startsWith('ok') || line.startsWith('failed')).join(''))));
  return { said, tell: (word) => child.stdin.write(`${word}\n`), result };
}

/**
 * Two writers race on one counter. With deferred transactions both read before either writes
 * (the test waits for both "read"s); with immediate ones the second cannot read until the first
 * commits, so after BOTH_READ_WAIT_MS they are told to write anyway.
 */
async function race(mode: 'immediate' | 'stock'): Promise<{ results: string[]; added: number }> {
  const user = await getDb().user.create({ data: { id: `u-race-${mode}`, name: mode, email: `race-${mode}@example.com` } });
  const attempt = await attempts.getOrCreateActiveAttempt(user.id, 'lab-race', 100);
  const writers = [startWriter(attempt.id, mode), startWriter(attempt.id, mode)];
  await Promise.all(writers.map((w) => w.said('ready')));
  writers.forEach((w) => w.tell('go'));
  await Promise.race([Promise.all(writers.map((w) => w.said('read'))), new Promise((resolve) => setTimeout(resolve, BOTH_READ_WAIT_MS))]);
  writers.forEach((w) => w.tell('write'));
  const results = await Promise.all(writers.map((w) => w.result));
  const after = await attempts.getAttempt(attempt.id);
  return { results, added: (after?.seed ?? 0) - 100 };
}

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/db-setup.mjs'], {
    env: { ...process.env, FLATNET_INSTRUCTOR_EMAIL: '', FLATNET_INSTRUCTOR_PASSWORD: '' },
    stdio: 'pipe',
  });
});

afterAll(async () => {
  await disconnectDb();
  rmSync(scratch, { recursive: true, force: true });
});

describe('immediate write transactions', () => {
  it('lets two processes run read-then-write transactions at once, both succeeding, no update lost', async () => {
    const { results, added } = await race('immediate');
    expect(results).toEqual(['ok', 'ok']);
    expect(added).toBe(2);
  }, 90_000);

  it('(the stock adapter, for contrast: one of the two fails mid-transaction with SQLITE_BUSY)', async () => {
    const { results, added } = await race('stock');
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r.startsWith('failed'))).toHaveLength(1);
    expect(added).toBe(1);
  }, 90_000);

  it('sets synchronous=NORMAL on the connection', async () => {
    const [row] = await getDb().$queryRawUnsafe<Array<{ synchronous: bigint | number }>>('PRAGMA synchronous');
    expect(Number(row.synchronous)).toBe(1);
  });
});

describe('one transaction at a time on the shared connection', () => {
  /** Opens a transaction that writes, waits, and rolls back; meanwhile records a command outside it. */
  async function writeBesideRollback(db: InstanceType<typeof PrismaClient>, attemptId: string, line: string) {
    const doomed = db.$transaction(async (tx) => {
      await tx.commandEvent.create({ data: { attemptId, line: `${line} (rolled back)`, exitCode: 0 } });
      await new Promise((resolve) => setTimeout(resolve, 200));
      throw new Error('rolled back on purpose');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await db.commandEvent.create({ data: { attemptId, line, exitCode: 0 } });
    await expect(doomed).rejects.toThrow('rolled back on purpose');
    const rows = await getDb().commandEvent.findMany({ where: { attemptId }, select: { line: true } });
    return rows.map((row) => row.line);
  }

  it('keeps an acknowledged write made while another transaction was open and then rolled back', async () => {
    const user = await getDb().user.create({ data: { id: 'u-gate', name: 'gate', email: 'gate@example.com' } });
    const attempt = await attempts.getOrCreateActiveAttempt(user.id, 'lab-gate', 1);
    expect(await writeBesideRollback(getDb(), attempt.id, 'kubectl get pods')).toEqual(['kubectl get pods']);
  });

  it('(the stock adapter, for contrast: the write joins the open transaction and is lost with it)', async () => {
    const user = await getDb().user.create({ data: { id: 'u-gate-stock', name: 'gate', email: 'gate-stock@example.com' } });
    const attempt = await attempts.getOrCreateActiveAttempt(user.id, 'lab-gate', 1);
    const stock = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${dbFile}`, timeout: 5000 }) });
    try {
      expect(await writeBesideRollback(stock, attempt.id, 'kubectl get svc')).toEqual([]);
    } finally {
      await stock.$disconnect();
    }
  });
});
