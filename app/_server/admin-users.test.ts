// admin-users.ts on a temporary database: only an admin gets anything (an instructor or a learner
// calling the functions behind /admin's server actions is refused like a missing user), an
// instructor created here signs in through better-auth, a reset password replaces the old one and
// ends the user's sessions, a removed learner leaves no row behind and their live terminals stop,
// and an admin cannot remove or demote themselves.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from './auth';

const scratch = mkdtempSync(join(tmpdir(), 'flatnet-admin-'));
process.env.DATABASE_URL = `file:${join(scratch, 'admin.db')}`;
delete process.env.BETTER_AUTH_SECRET;
delete process.env.BETTER_AUTH_URL;

const { auth } = await import('./auth');
const { getDb, disconnectDb } = await import('./db');
const { registerLiveSessions } = await import('./live-sessions');
const admin = await import('./admin-users');
const { createAccount } = await import('./user-accounts');

const ORIGIN = 'http://127.0.0.1:41235';
/** Tests hash and verify passwords (scrypt) several times each; the machine may be shared. */
const SCRYPT_HEAVY_TIMEOUT_MS = 120_000;
const stopped: string[] = [];

function signIn(email: string, password: string): Promise<Response> {
  return auth.handler(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: new URL(ORIGIN).host, origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email, password }),
    }),
  );
}

let root: SessionUser;
let tess: SessionUser;
let ada: SessionUser;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/db-setup.mjs'], { env: process.env, stdio: 'pipe' });
  registerLiveSessions({ stop: async (attemptId) => void stopped.push(attemptId), watch: () => null });
  root = await createAccount({ email: 'root@example.com', name: 'Root', role: 'admin', password: 'root password' });
  tess = await createAccount({ email: 'tess@example.com', name: 'Tess', role: 'instructor', password: 'tess password' });
  ada = await createAccount({ email: 'ada@example.com', name: 'Ada', role: 'learner', password: 'ada password' });

  // Three scrypt runs: seconds on a busy machine.
}, SCRYPT_HEAVY_TIMEOUT_MS);

afterAll(async () => {
  await disconnectDb();
  rmSync(scratch, { recursive: true, force: true });
});

describe('admin-users', { timeout: SCRYPT_HEAVY_TIMEOUT_MS }, () => {
  it('refuses an instructor, a learner and a signed-out caller on every operation', async () => {
    const bob = await createAccount({ email: 'bob@example.com', name: 'Bob', role: 'learner', password: 'bob password' });
    for (const actor of [tess, ada, null]) {
      expect(await admin.listUsers(actor)).toBeNull();
      expect(await admin.createInstructor(actor, { name: 'Eve', email: 'eve@example.com', password: 'eve password' })).toMatchObject({ ok: false, reason: 'not-found' });
      expect(await admin.resetPassword(actor, { userId: bob.id, password: 'hijacked password' })).toMatchObject({ ok: false, reason: 'not-found' });
      expect(await admin.changeRole(actor, { userId: ada.id, role: 'admin' })).toMatchObject({ ok: false, reason: 'not-found' });
      expect(await admin.removeLearner(actor, { userId: bob.id })).toMatchObject({ ok: false, reason: 'not-found' });
    }
    const db = getDb();
    expect(await db.user.findUnique({ where: { email: 'eve@example.com' } })).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: ada.id } })).role).toBe('learner');
    expect((await signIn('bob@example.com', 'bob password')).status).toBe(200);
  });

  it('lists users with their role and last activity, filtered by email', async () => {
    await getDb().lessonVisit.create({ data: { userId: ada.id, lessonKey: 'pod-network/pod-network-model', lastVisitedAt: new Date('2026-01-02T03:04:05Z') } });
    const all = await admin.listUsers(root);
    expect(all?.map((user) => user.email)).toEqual(expect.arrayContaining(['root@example.com', 'tess@example.com', 'ada@example.com']));
    const only = await admin.listUsers(root, '  ADA@ ');
    expect(only).toHaveLength(1);
    expect(only?.[0]).toMatchObject({ email: 'ada@example.com', role: 'learner' });
    expect(only?.[0].lastActiveAt?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
  });

  it('creates an instructor who signs in with the initial password', async () => {
    const result = await admin.createInstructor(root, { name: 'Ines', email: ' Ines@Example.com ', password: 'initial password' });
    expect(result).toMatchObject({ ok: true });
    const response = await signIn('ines@example.com', 'initial password');
    expect(response.status).toBe(200);
    expect((await response.json()).user).toMatchObject({ email: 'ines@example.com', role: 'instructor' });
  });

  it('refuses a short password, a bad email and a taken email, naming the field', async () => {
    const short = await admin.createInstructor(root, { name: 'Ivo', email: 'ivo@example.com', password: 'short' });
    expect(short).toMatchObject({ ok: false, reason: 'invalid', errors: { password: ['A password needs at least 8 characters.'] } });
    const badEmail = await admin.createInstructor(root, { name: 'Ivo', email: 'not an email', password: 'long enough' });
    expect(badEmail).toMatchObject({ ok: false, reason: 'invalid' });
    expect(badEmail.ok ? {} : badEmail.errors).toHaveProperty('email');
    const taken = await admin.createInstructor(root, { name: 'Ada again', email: 'ada@example.com', password: 'long enough' });
    expect(taken).toMatchObject({ ok: false, reason: 'conflict' });
  });

  it('resets a password: the old one stops working and open sessions end', async () => {
    const before = await signIn('ada@example.com', 'ada password');
    expect(before.status).toBe(200);
    expect(await getDb().session.count({ where: { userId: ada.id } })).toBeGreaterThan(0);
    expect(await admin.resetPassword(root, { userId: ada.id, password: 'brand new password' })).toMatchObject({ ok: true });
    expect(await getDb().session.count({ where: { userId: ada.id } })).toBe(0);
    expect((await signIn('ada@example.com', 'ada password')).status).toBe(401);
    expect((await signIn('ada@example.com', 'brand new password')).status).toBe(200);
    expect(await admin.resetPassword(root, { userId: 'no-such-user', password: 'brand new password' })).toMatchObject({ reason: 'not-found' });
  });

  it('changes roles, but an admin cannot demote or remove themselves', async () => {
    expect(await admin.changeRole(root, { userId: tess.id, role: 'admin' })).toMatchObject({ ok: true, message: 'tess@example.com is now an admin.' });
    expect(await admin.changeRole(root, { userId: tess.id, role: 'instructor' })).toMatchObject({ ok: true });
    expect(await admin.changeRole(root, { userId: tess.id, role: 'superuser' })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await admin.changeRole(root, { userId: root.id, role: 'learner' })).toMatchObject({ ok: false, reason: 'refused' });
    expect(await admin.removeLearner(root, { userId: root.id })).toMatchObject({ ok: false, reason: 'refused' });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: root.id } })).role).toBe('admin');
  });

  it('removes only learners', async () => {
    const result = await admin.removeLearner(root, { userId: tess.id });
    expect(result).toMatchObject({ ok: false, reason: 'refused' });
    expect(await getDb().user.findUnique({ where: { id: tess.id } })).not.toBeNull();
  });

  it('removes a learner with every row of theirs and stops their open terminals', async () => {
    const db = getDb();
    const lena = await createAccount({ email: 'lena@example.com', name: 'Lena', role: 'learner', password: 'lena password' });
    expect((await signIn('lena@example.com', 'lena password')).status).toBe(200);
    const cohort = await db.cohort.create({ data: { name: 'Class', ownerId: tess.id, joinCode: 'LENA-0001' } });
    await db.cohortMember.create({ data: { cohortId: cohort.id, userId: lena.id } });
    const open = await db.attempt.create({ data: { userId: lena.id, labId: 'pod-network-basics', seed: 1, openLabId: 'pod-network-basics' } });
    const closed = await db.attempt.create({ data: { userId: lena.id, labId: 'pod-network-basics', seed: 1, status: 'reset' } });
    await db.commandEvent.create({ data: { attemptId: open.id, line: 'kubectl get pods', exitCode: 0 } });
    await db.checkResult.create({ data: { attemptId: open.id, checkId: 'web-running', passed: true, feedbackId: 'ok' } });
    await db.checkEvent.create({ data: { attemptId: open.id, checkId: 'web-running', passed: true, feedbackId: 'ok' } });
    await db.terminalChunk.create({ data: { attemptId: open.id, data: '$ ' } });
    await db.hintReveal.create({ data: { attemptId: closed.id, stepId: 'nodes', hintIndex: 0 } });
    await db.quizAnswer.create({ data: { userId: lena.id, lessonKey: 'a/b', quizKey: 'q', choice: 1, correct: true } });
    await db.lessonVisit.create({ data: { userId: lena.id, lessonKey: 'a/b' } });

    expect(await admin.removeLearner(root, { userId: lena.id })).toMatchObject({ ok: true });
    expect(stopped).toEqual([open.id]);
    const attemptIds = [open.id, closed.id];
    const counts = await Promise.all([
      db.user.count({ where: { id: lena.id } }),
      db.session.count({ where: { userId: lena.id } }),
      db.account.count({ where: { userId: lena.id } }),
      db.attempt.count({ where: { userId: lena.id } }),
      db.commandEvent.count({ where: { attemptId: { in: attemptIds } } }),
      db.checkResult.count({ where: { attemptId: { in: attemptIds } } }),
      db.checkEvent.count({ where: { attemptId: { in: attemptIds } } }),
      db.terminalChunk.count({ where: { attemptId: { in: attemptIds } } }),
      db.hintReveal.count({ where: { attemptId: { in: attemptIds } } }),
      db.quizAnswer.count({ where: { userId: lena.id } }),
      db.lessonVisit.count({ where: { userId: lena.id } }),
      db.cohortMember.count({ where: { userId: lena.id } }),
    ]);
    expect(counts).toEqual(counts.map(() => 0));
    expect(await db.cohort.count({ where: { id: cohort.id } })).toBe(1);
    expect((await signIn('lena@example.com', 'lena password')).status).toBe(401);
  });
});
