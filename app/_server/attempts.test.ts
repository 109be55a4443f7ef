// attempts.ts against a real SQLite file made by scripts/db-setup.mjs, so the tests exercise
// the same migrations, constraints and adapter as production.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'flatnet-attempts-'));
process.env.DATABASE_URL = `file:${join(scratch, 'test.db')}`;

const attempts = await import('./attempts');
const { getDb, disconnectDb } = await import('./db');

async function createUser(email: string): Promise<string> {
  const user = await getDb().user.create({ data: { id: `u-${email}`, name: email, email } });
  return user.id;
}

let alice: string;
let bob: string;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/db-setup.mjs'], {
    env: { ...process.env, FLATNET_INSTRUCTOR_EMAIL: '', FLATNET_INSTRUCTOR_PASSWORD: '' },
    stdio: 'pipe',
  });
  alice = await createUser('alice@example.com');
  bob = await createUser('bob@example.com');
});

afterAll(async () => {
  await disconnectDb();
  rmSync(scratch, { recursive: true, force: true });
});

describe('attempts', () => {
  it('creates one open attempt per learner and lab, and returns it again', async () => {
    expect(await attempts.findActiveAttempt(alice, 'lab-a')).toBeNull();
    const first = await attempts.getOrCreateActiveAttempt(alice, 'lab-a', 42);
    expect((await attempts.findActiveAttempt(alice, 'lab-a'))?.id).toBe(first.id);
    const again = await attempts.getOrCreateActiveAttempt(alice, 'lab-a', 7);
    expect(again.id).toBe(first.id);
    expect(again.seed).toBe(42);
    expect(first.status).toBe('active');
    const other = await attempts.getOrCreateActiveAttempt(bob, 'lab-a', 1);
    expect(other.id).not.toBe(first.id);
  });

  it('settles concurrent creation on a single attempt', async () => {
    const many = await Promise.all(
      Array.from({ length: 5 }, (_, i) => attempts.getOrCreateActiveAttempt(alice, 'lab-race', i)),
    );
    expect(new Set(many.map((a) => a.id)).size).toBe(1);
  });

  it('enforces at most one active attempt in the database itself', async () => {
    await attempts.getOrCreateActiveAttempt(alice, 'lab-db', 1);
    await expect(
      getDb().attempt.create({ data: { userId: alice, labId: 'lab-db', openLabId: 'lab-db', seed: 2 } }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });

  it('hides attempts from other learners', async () => {
    const attempt = await attempts.getOrCreateActiveAttempt(alice, 'lab-private', 3);
    expect(await attempts.getAttemptForUser(attempt.id, alice)).toMatchObject({ id: attempt.id, labId: 'lab-private' });
    expect(await attempts.getAttemptForUser(attempt.id, bob)).toBeNull();
    expect(await attempts.getAttemptForUser('no-such-attempt', alice)).toBeNull();
    expect(await attempts.resetAttempt(attempt.id, bob)).toBeNull();
    expect(await attempts.completeAttempt(attempt.id, bob)).toBe(false);
  });

  it('saves and loads snapshots, and refuses oversized ones', async () => {
    const attempt = await attempts.getOrCreateActiveAttempt(alice, 'lab-snap', 5);
    expect(await attempts.loadSnapshot(attempt.id)).toBeNull();
    expect(await attempts.saveSnapshot(attempt.id, '{"v":1}')).toBe(true);
    expect(await attempts.loadSnapshot(attempt.id)).toBe('{"v":1}');
    const reloaded = await attempts.getAttemptForUser(attempt.id, alice);
    expect(reloaded?.snapshotAt).toBeInstanceOf(Date);
    await expect(attempts.saveSnapshot(attempt.id, 'x'.repeat(attempts.MAX_SNAPSHOT_BYTES + 1))).rejects.toThrow(RangeError);
  });

  it('keeps the latest verdict per check with parsed params', async () => {
    const attempt = await attempts.getOrCreateActiveAttempt(alice, 'lab-checks', 9);
    await attempts.recordCheckResults(attempt.id, [
      { checkId: 'b', passed: false, feedbackId: 'netpol.denied', params: { port: 8080 }, reason: 'no policy' },
      { checkId: 'a', passed: false, feedbackId: 'dns.nxdomain', params: {}, reason: '' },
    ]);
    await attempts.recordCheckResults(attempt.id, [
      { checkId: 'b', passed: true, feedbackId: 'netpol.allowed', params: { port: 8080, by: 'allow-fe' }, reason: 'ok' },
    ]);
    const results = await attempts.getCheckResults(attempt.id);
    expect(results.map(({ updatedAt: _, ...r }) => r)).toEqual([
      { checkId: 'a', passed: false, feedbackId: 'dns.nxdomain', params: {}, reason: '' },
      { checkId: 'b', passed: true, feedbackId: 'netpol.allowed', params: { port: 8080, by: 'allow-fe' }, reason: 'ok' },
    ]);
  });

  it('records commands, truncating huge lines', async () => {
    const attempt = await attempts.getOrCreateActiveAttempt(alice, 'lab-cmd', 11);
    await attempts.recordCommand(attempt.id, 'kubectl get pods', 0);
    await attempts.recordCommand(attempt.id, 'y'.repeat(10_000), 127);
    const commands = await attempts.getRecentCommands(attempt.id);
    expect(commands.map((c) => [c.line.length, c.exitCode])).toEqual([
      [16, 0],
      [attempts.MAX_COMMAND_LINE_CHARS, 127],
    ]);
  });

  it('resets: the next call starts a fresh attempt; late snapshots are dropped', async () => {
    const first = await attempts.getOrCreateActiveAttempt(alice, 'lab-reset', 1);
    await attempts.recordCheckResults(first.id, [{ checkId: 'c', passed: true, feedbackId: 'x', params: {}, reason: '' }]);
    expect(await attempts.completeAttempt(first.id, alice)).toBe(true);
    expect((await attempts.getOrCreateActiveAttempt(alice, 'lab-reset', 2)).id).toBe(first.id);
    const closed = await attempts.resetAttempt(first.id, alice);
    expect(closed?.status).toBe('reset');
    expect(await attempts.resetAttempt(first.id, alice)).toBeNull();
    expect(await attempts.saveSnapshot(first.id, '{}')).toBe(false);
    const second = await attempts.getOrCreateActiveAttempt(alice, 'lab-reset', 2);
    expect(second.id).not.toBe(first.id);
    expect(second.seed).toBe(2);
    expect(await attempts.getCheckResults(second.id)).toEqual([]);
  });

  it('summarises progress per lab, preferring the open attempt', async () => {
    const progress = await attempts.getProgress(alice);
    const reset = progress.find((p) => p.labId === 'lab-reset');
    expect(reset).toMatchObject({ status: 'active', checksPassed: 0, checksRecorded: 0, everCompleted: true });
    const checks = progress.find((p) => p.labId === 'lab-checks');
    expect(checks).toMatchObject({ status: 'active', checksPassed: 1, checksRecorded: 2, everCompleted: false });
    expect(await attempts.getProgress(bob)).toHaveLength(1);
  });

  it('rejects seeds Prisma cannot store', async () => {
    await expect(attempts.getOrCreateActiveAttempt(alice, 'lab-seed', 2 ** 40)).rejects.toThrow(RangeError);
    await expect(attempts.getOrCreateActiveAttempt(alice, 'lab-seed', 1.5)).rejects.toThrow(RangeError);
  });

  it('deletes a learner’s attempts with the learner', async () => {
    const carol = await createUser('carol@example.com');
    const attempt = await attempts.getOrCreateActiveAttempt(carol, 'lab-a', 1);
    await attempts.recordCommand(attempt.id, 'ls', 0);
    await getDb().user.delete({ where: { id: carol } });
    expect(await getDb().attempt.count({ where: { userId: carol } })).toBe(0);
    expect(await getDb().commandEvent.count({ where: { attemptId: attempt.id } })).toBe(0);
  });
});
