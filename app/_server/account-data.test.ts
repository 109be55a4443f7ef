// account-data.ts on a temporary database with two learners who both did things: Ada's export
// holds all of hers and nothing of Bob's, no secret of the account; deleting Ada leaves no row of
// hers anywhere (and stops her open attempts' terminals), and Bob keeps everything.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'flatnet-account-data-'));
process.env.DATABASE_URL = `file:${join(scratch, 'account.db')}`;

const { getDb, disconnectDb } = await import('./db');
const { deleteAccount, exportAccountData } = await import('./account-data');

async function seedLearner(id: string, name: string) {
  const db = getDb();
  await db.user.create({ data: { id, email: `${id}@example.com`, name } });
  await db.account.create({ data: { id: `acc-${id}`, accountId: id, providerId: 'credential', userId: id, password: `hash-of-${id}` } });
  await db.session.create({ data: { id: `ses-${id}`, token: `token-of-${id}`, userId: id, expiresAt: new Date('2030-01-01') } });
  await db.verification.create({ data: { id: `ver-${id}`, identifier: `reset-password:tok-${id}`, value: id, expiresAt: new Date('2030-01-01') } });
  await db.attempt.create({
    data: {
      id: `att-${id}`,
      userId: id,
      labId: 'pod-network-basics',
      openLabId: 'pod-network-basics',
      seed: 7,
      savedState: { create: { json: '{"secret":"simulation state"}' } },
      checks: { create: { checkId: `check-${id}`, passed: true, feedbackId: 'pod.running', params: '{"pod":"web"}' } },
      checkEvents: { create: { checkId: `check-${id}`, passed: true, feedbackId: 'pod.running' } },
      commands: { create: { line: `kubectl get pods # typed by ${name}`, exitCode: 0 } },
      hints: { create: { stepId: 'nodes', hintIndex: 0 } },
      chunks: { create: { data: `output for ${name}` } },
    },
  });
  await db.attempt.create({ data: { id: `old-${id}`, userId: id, labId: 'pod-host-veth', status: 'reset', seed: 1 } });
  await db.quizAnswer.create({ data: { userId: id, lessonKey: 'pod-network/pod-network-model', quizKey: `q-${id}`, choice: 1, correct: true } });
  await db.lessonVisit.create({ data: { userId: id, lessonKey: `pod-network/lesson-of-${id}` } });
  await db.cohortMember.create({ data: { cohortId: 'c-1', userId: id } });
}

// Migrating a fresh database takes seconds on a busy machine.
const SETUP_TIMEOUT_MS = 60_000;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/db-setup.mjs'], { env: process.env, stdio: 'pipe' });
  await getDb().user.create({ data: { id: 'teacher', email: 'teacher@example.com', name: 'Teacher', role: 'instructor' } });
  await getDb().cohort.create({ data: { id: 'c-1', name: 'Monday class', ownerId: 'teacher', joinCode: 'ABCDE23456' } });
  await seedLearner('ada', 'Ada');
  await seedLearner('bob', 'Bob');
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await disconnectDb();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the export', () => {
  it("holds the learner's profile, attempts with checks, commands, hints, quiz answers, visits and cohorts", async () => {
    const data = await exportAccountData('ada');
    expect(data?.profile).toMatchObject({ id: 'ada', email: 'ada@example.com', name: 'Ada', role: 'learner' });
    expect(data?.attempts.map((a) => a.id).sort()).toEqual(['att-ada', 'old-ada']);
    const attempt = data!.attempts.find((a) => a.id === 'att-ada')!;
    expect(attempt.checks).toEqual([expect.objectContaining({ checkId: 'check-ada', passed: true, feedbackId: 'pod.running', params: { pod: 'web' } })]);
    expect(attempt.checkEvents).toHaveLength(1);
    expect(attempt.commands).toEqual([expect.objectContaining({ line: 'kubectl get pods # typed by Ada', exitCode: 0 })]);
    expect(attempt.hints).toEqual([expect.objectContaining({ stepId: 'nodes', hintIndex: 0 })]);
    expect(data?.quizAnswers).toEqual([expect.objectContaining({ quizKey: 'q-ada', correct: true })]);
    expect(data?.lessonVisits).toEqual([expect.objectContaining({ lessonKey: 'pod-network/lesson-of-ada' })]);
    expect(data?.cohortMemberships).toEqual([expect.objectContaining({ cohortId: 'c-1', cohortName: 'Monday class' })]);
  });

  it("holds nothing of another learner's and no secret of the account", async () => {
    const text = JSON.stringify(await exportAccountData('ada'));
    for (const foreign of ['bob', 'Bob']) expect(text).not.toContain(foreign);
    for (const secret of ['hash-of-ada', 'token-of-ada', 'tok-ada', 'ses-ada', 'password', 'simulation state']) expect(text).not.toContain(secret);
  });

  it('is null for a user who does not exist', async () => {
    expect(await exportAccountData('nobody')).toBeNull();
  });
});

describe('deleting an account', () => {
  it('stops the open terminals and leaves no row of the learner, while the other keeps everything', async () => {
    const stopped: string[] = [];
    expect(await deleteAccount('ada', async (attemptId) => void stopped.push(attemptId))).toBe(true);
    expect(stopped).toEqual(['att-ada']);

    const db = getDb();
    const counts = async (userId: string) => ({
      user: await db.user.count({ where: { id: userId } }),
      account: await db.account.count({ where: { userId } }),
      session: await db.session.count({ where: { userId } }),
      verification: await db.verification.count({ where: { value: userId } }),
      attempt: await db.attempt.count({ where: { userId } }),
      check: await db.checkResult.count({ where: { attempt: { userId } } }),
      checkEvent: await db.checkEvent.count({ where: { attemptId: { in: [`att-${userId}`, `old-${userId}`] } } }),
      command: await db.commandEvent.count({ where: { attemptId: { in: [`att-${userId}`, `old-${userId}`] } } }),
      hint: await db.hintReveal.count({ where: { attemptId: { in: [`att-${userId}`, `old-${userId}`] } } }),
      chunk: await db.terminalChunk.count({ where: { attemptId: { in: [`att-${userId}`, `old-${userId}`] } } }),
      quiz: await db.quizAnswer.count({ where: { userId } }),
      visit: await db.lessonVisit.count({ where: { userId } }),
      member: await db.cohortMember.count({ where: { userId } }),
    });
    expect(Object.values(await counts('ada')).every((n) => n === 0)).toBe(true);
    expect(await counts('bob')).toEqual({
      user: 1, account: 1, session: 1, verification: 1, attempt: 2, check: 1, checkEvent: 1, command: 1, hint: 1, chunk: 1, quiz: 1, visit: 1, member: 1,
    });
    expect(await db.cohort.count({ where: { id: 'c-1' } })).toBe(1);
    expect(await deleteAccount('ada', async () => undefined)).toBe(false);
  });
});
