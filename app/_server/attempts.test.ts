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

/** A lab attempt started `minutesAgo` before `now`, with commands typed at the given minutes after its start. */
async function attemptStartedAt(userId: string, labId: string, start: Date, commandMinutes: number[]) {
  const attempt = await attempts.getOrCreateActiveAttempt(userId, labId, 1);
  await getDb().attempt.update({ where: { id: attempt.id }, data: { createdAt: start } });
  for (const minute of commandMinutes) {
    await getDb().commandEvent.create({ data: { attemptId: attempt.id, line: `cmd ${minute}`, exitCode: 0, at: new Date(start.getTime() + minute * 60_000) } });
  }
  return attempt;
}

const pass = (checkId: string) => ({ checkId, passed: true, feedbackId: 'resource.ok', params: {}, reason: '' });
const fail = (checkId: string) => ({ checkId, passed: false, feedbackId: 'resource.field_missing', params: {}, reason: '' });

describe('completion', () => {
  it('counts active time: gaps between activities, each pause capped', () => {
    const t = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 10, 0) + minutes * 60_000);
    expect(attempts.activeSeconds([t(0), t(1), t(3)])).toBe(180);
    // A 60-minute pause counts as IDLE_CAP_MS (5 minutes), not an hour.
    expect(attempts.activeSeconds([t(0), t(2), t(62), t(63)])).toBe((2 + 5 + 1) * 60);
    expect(attempts.activeSeconds([t(3), t(0)])).toBe(180);
    expect(attempts.activeSeconds([t(0)])).toBe(0);
  });

  it('completes a lab attempt when every check passes, with time spent and hints used', async () => {
    const start = new Date(Date.UTC(2026, 0, 1, 9, 0));
    const attempt = await attemptStartedAt(alice, 'lab-complete', start, [1, 2, 30]);
    expect((await attempts.revealHint(attempt.id, alice, 'step-1', 0)).ok).toBe(true);
    expect((await attempts.revealHint(attempt.id, alice, 'step-1', 1)).ok).toBe(true);
    const now = new Date(start.getTime() + 31 * 60_000);

    await attempts.recordCheckResults(attempt.id, [pass('a'), fail('b')]);
    expect(await attempts.completeIfAllPassed(attempt.id, ['a', 'b'], now)).toBe(false);
    expect((await attempts.getAttemptForUser(attempt.id, alice))?.status).toBe('active');

    await attempts.recordCheckResults(attempt.id, [pass('a'), pass('b')]);
    expect(await attempts.completeIfAllPassed(attempt.id, ['a', 'b'], now)).toBe(true);
    const done = await attempts.getAttemptForUser(attempt.id, alice);
    // 0→1→2 minutes, then a 28-minute pause counted as 5, then 30→31: 8 minutes of work.
    expect(done).toMatchObject({ status: 'completed', completedAt: now, timeSpentSeconds: 8 * 60, hintsUsed: 2 });

    // Completion is recorded once: a later pass (or a later hint) changes nothing.
    await attempts.revealHint(attempt.id, alice, 'step-1', 2);
    expect(await attempts.completeIfAllPassed(attempt.id, ['a', 'b'], new Date(now.getTime() + 60_000))).toBe(true);
    expect(await attempts.getAttemptForUser(attempt.id, alice)).toMatchObject({ completedAt: now, hintsUsed: 2 });
  });

  it('does not complete with checks missing, or a lab without checks', async () => {
    const attempt = await attempts.getOrCreateActiveAttempt(alice, 'lab-partial', 1);
    await attempts.recordCheckResults(attempt.id, [pass('a')]);
    expect(await attempts.completeIfAllPassed(attempt.id, ['a', 'b'])).toBe(false);
    expect(await attempts.completeIfAllPassed(attempt.id, [])).toBe(false);
  });

  it('reports the best time of the completed attempts, also after a reset', async () => {
    const first = await attemptStartedAt(bob, 'lab-best', new Date(Date.UTC(2026, 0, 2, 9, 0)), [3]);
    await attempts.recordCheckResults(first.id, [pass('a')]);
    await attempts.completeIfAllPassed(first.id, ['a'], new Date(Date.UTC(2026, 0, 2, 9, 4)));
    await attempts.resetAttempt(first.id, bob);
    const second = await attemptStartedAt(bob, 'lab-best', new Date(Date.UTC(2026, 0, 3, 9, 0)), [1]);
    await attempts.revealHint(second.id, bob, 's', 0);
    await attempts.recordCheckResults(second.id, [pass('a')]);
    await attempts.completeIfAllPassed(second.id, ['a'], new Date(Date.UTC(2026, 0, 3, 9, 2)));
    const row = (await attempts.getProgress(bob)).find((p) => p.labId === 'lab-best');
    expect(row).toMatchObject({
      attemptId: second.id,
      status: 'completed',
      everCompleted: true,
      bestTimeSeconds: 120,
      bestTimeHintsUsed: 1,
      firstCompletedAt: new Date(Date.UTC(2026, 0, 2, 9, 4)),
    });
  });
});

describe('hints', () => {
  it('opens a step’s hints in order, once each, only in the learner’s own open lab attempt', async () => {
    const attempt = await attempts.getOrCreateActiveAttempt(alice, 'lab-hints', 1);
    expect(await attempts.revealHint(attempt.id, alice, 'fix', 1)).toEqual({ ok: false, reason: 'out-of-order' });
    expect(await attempts.revealHint(attempt.id, bob, 'fix', 0)).toEqual({ ok: false, reason: 'no-attempt' });
    expect(await attempts.revealHint(attempt.id, alice, 'fix', 0)).toMatchObject({ ok: true });
    expect(await attempts.revealHint(attempt.id, alice, 'fix', 0)).toMatchObject({ ok: true });
    expect(await attempts.revealHint(attempt.id, alice, 'fix', 1)).toMatchObject({ ok: true });
    expect(await attempts.revealHint(attempt.id, alice, 'other', 0)).toMatchObject({ ok: true });
    expect(await attempts.getRevealedHints(attempt.id)).toEqual([
      { stepId: 'fix', hintIndex: 0 },
      { stepId: 'fix', hintIndex: 1 },
      { stepId: 'other', hintIndex: 0 },
    ]);
    await attempts.resetAttempt(attempt.id, alice);
    expect(await attempts.revealHint(attempt.id, alice, 'fix', 2)).toEqual({ ok: false, reason: 'no-attempt' });
  });
});

describe('lesson sandboxes', () => {
  it('keeps a lesson’s sandbox apart from the lab’s graded attempt', async () => {
    const lab = await attempts.getOrCreateActiveAttempt(alice, 'lab-sandboxed', 4);
    const sandbox = await attempts.getOrCreateActiveAttempt(alice, 'lab-sandboxed', 4, 'sandbox');
    expect(sandbox.id).not.toBe(lab.id);
    expect(sandbox).toMatchObject({ kind: 'sandbox', labId: 'lab-sandboxed', status: 'active' });
    expect(lab.kind).toBe('lab');
    expect((await attempts.findActiveAttempt(alice, 'lab-sandboxed'))?.id).toBe(lab.id);
    expect((await attempts.findActiveAttempt(alice, 'lab-sandboxed', 'sandbox'))?.id).toBe(sandbox.id);
    expect((await attempts.getOrCreateActiveAttempt(alice, 'lab-sandboxed', 4, 'sandbox')).id).toBe(sandbox.id);

    // What happens in the sandbox stays there: its snapshot and checks are its own.
    await attempts.saveSnapshot(sandbox.id, '{"sandbox":true}');
    await attempts.recordCheckResults(sandbox.id, [pass('a')]);
    expect(await attempts.loadSnapshot(lab.id)).toBeNull();
    expect(await attempts.getCheckResults(lab.id)).toEqual([]);

    // Resetting the sandbox leaves the lab's attempt open, and the reverse.
    await attempts.resetAttempt(sandbox.id, alice);
    expect((await attempts.findActiveAttempt(alice, 'lab-sandboxed'))?.id).toBe(lab.id);
    const freshSandbox = await attempts.getOrCreateActiveAttempt(alice, 'lab-sandboxed', 4, 'sandbox');
    await attempts.resetAttempt(lab.id, alice);
    expect((await attempts.findActiveAttempt(alice, 'lab-sandboxed', 'sandbox'))?.id).toBe(freshSandbox.id);
  });

  it('never completes a sandbox nor counts it as progress', async () => {
    const sandbox = await attempts.getOrCreateActiveAttempt(bob, 'lab-only-sandbox', 1, 'sandbox');
    await attempts.recordCheckResults(sandbox.id, [pass('a')]);
    expect(await attempts.completeIfAllPassed(sandbox.id, ['a'])).toBe(false);
    expect(await attempts.completeAttempt(sandbox.id, bob)).toBe(false);
    expect((await attempts.revealHint(sandbox.id, bob, 's', 0)).ok).toBe(false);
    expect((await attempts.getProgress(bob)).map((p) => p.labId)).not.toContain('lab-only-sandbox');
  });
});

