// Who may replay or watch an attempt, on a temporary database: the learner their own, an
// instructor the members of their cohorts, an admin all; anyone else, a guessed id and a missing
// attempt all get the same null (the routes' 404).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from './auth';

const scratch = mkdtempSync(join(tmpdir(), 'flatnet-replay-access-'));
process.env.DATABASE_URL = `file:${join(scratch, 'replay.db')}`;

const { getDb, disconnectDb } = await import('./db');
const { canViewAttempt, replayFor } = await import('./replay-access');
const { recordCommand } = await import('./attempts');

const ada: SessionUser = { id: 'u-ada', email: 'ada@example.com', name: 'Ada', role: 'learner' };
const bob: SessionUser = { id: 'u-bob', email: 'bob@example.com', name: 'Bob', role: 'learner' };
const tess: SessionUser = { id: 'u-tess', email: 'tess@example.com', name: 'Tess', role: 'instructor' };
const otto: SessionUser = { id: 'u-otto', email: 'otto@example.com', name: 'Otto', role: 'instructor' };
const root: SessionUser = { id: 'u-root', email: 'root@example.com', name: 'Root', role: 'admin' };

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/db-setup.mjs'], {
    env: { ...process.env, FLATNET_INSTRUCTOR_EMAIL: '', FLATNET_INSTRUCTOR_PASSWORD: '' },
    stdio: 'pipe',
  });
  const db = getDb();
  for (const user of [ada, bob, tess, otto, root]) {
    await db.user.create({ data: { id: user.id, email: user.email, name: user.name, role: user.role } });
  }
  await db.cohort.create({ data: { id: 'c-tess', name: 'Tuesday class', ownerId: tess.id, joinCode: 'TESS-1234' } });
  await db.cohortMember.create({ data: { cohortId: 'c-tess', userId: ada.id } });
  await db.attempt.create({ data: { id: 'a-ada', userId: ada.id, labId: 'pod-network-basics', seed: 1, openLabId: 'pod-network-basics' } });
  await recordCommand('a-ada', 'kubectl get nodes', 0);
});

afterAll(async () => {
  await disconnectDb();
  rmSync(scratch, { recursive: true, force: true });
});

describe('replayFor', () => {
  it('gives the learner their own replay, with its commands and their name', async () => {
    const replay = await replayFor(ada, 'a-ada');
    expect(replay?.learnerName).toBe('Ada');
    expect(replay?.commands.map((command) => command.line)).toEqual(['kubectl get nodes']);
  });

  it('gives it to the instructor of a cohort the learner is in, and to an admin', async () => {
    expect((await replayFor(tess, 'a-ada'))?.attemptId).toBe('a-ada');
    expect((await replayFor(root, 'a-ada'))?.attemptId).toBe('a-ada');
  });

  it('refuses another learner, another instructor and the signed out exactly as a missing attempt', async () => {
    expect(await replayFor(bob, 'a-ada')).toBeNull();
    expect(await replayFor(otto, 'a-ada')).toBeNull();
    expect(await replayFor(null, 'a-ada')).toBeNull();
    expect(await replayFor(bob, 'a-adb')).toBeNull();
    expect(await replayFor(root, 'no-such-attempt')).toBeNull();
  });

  it('refuses ids that are not attempt ids before asking the database', async () => {
    expect(await canViewAttempt(root, '../a-ada')).toBe(false);
    expect(await canViewAttempt(root, 'x'.repeat(65))).toBe(false);
    expect(await canViewAttempt(root, '')).toBe(false);
    expect(await canViewAttempt(ada, 'a-ada')).toBe(true);
  });
});
