// authored-progress.ts on a temporary database: a learner in the author's cohort sees the authored
// lab with their status and the checks of the version their attempt pinned; a learner outside the
// cohort does not see it; a completed attempt counts all its checks and its time.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth';

const scratch = mkdtempSync(join(tmpdir(), 'flatnet-authored-progress-'));
process.env.DATABASE_URL = `file:${join(scratch, 'progress.db')}`;

const { getDb, disconnectDb } = await import('../db');
const { authoredLabProgress } = await import('./authored-progress');
const { fixtureLabFiles, publishFixture } = await import('./test-fixtures');

const tess: SessionUser = { id: 'u-tess', email: 'tess@example.com', name: 'Tess', role: 'instructor' };
const ada: SessionUser = { id: 'u-ada', email: 'ada@example.com', name: 'Ada', role: 'learner' };
const bob: SessionUser = { id: 'u-bob', email: 'bob@example.com', name: 'Bob', role: 'learner' };
const cy: SessionUser = { id: 'u-cy', email: 'cy@example.com', name: 'Cy', role: 'learner' };
const LAB = 'tess-progress';

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/db-setup.mjs'], { env: process.env, stdio: 'pipe' });
  const db = getDb();
  for (const user of [tess, ada, bob, cy]) await db.user.create({ data: { id: user.id, email: user.email, name: user.name, role: user.role } });
  await db.cohort.create({ data: { id: 'c1', name: 'Class', ownerId: tess.id, joinCode: 'PROG-1' } });
  for (const user of [ada, cy]) await db.cohortMember.create({ data: { cohortId: 'c1', userId: user.id } });
}, 60_000);

afterAll(async () => {
  await disconnectDb();
  rmSync(scratch, { recursive: true, force: true });
});

describe('progress in labs written in the browser', () => {
  it('counts the checks of the version the attempt pinned, for members of the owner’s cohorts only', async () => {
    const db = getDb();
    const v1 = await publishFixture(LAB, tess.id, fixtureLabFiles(LAB, 'Two steps', { twoSteps: true }));
    const v2 = await publishFixture(LAB, tess.id, fixtureLabFiles(LAB, 'One step now'));
    expect(await authoredLabProgress(ada)).toEqual([
      expect.objectContaining({ labId: LAB, title: 'One step now', href: `/labs/custom/${LAB}`, status: 'not-started', checksPassed: 0, checksTotal: 1 }),
    ]);

    await db.attempt.create({ data: { id: 'a-ada', userId: ada.id, labId: LAB, openLabId: LAB, seed: 1, labVersionId: v1.versionId } });
    await db.checkResult.create({ data: { attemptId: 'a-ada', checkId: 'client-reaches-api', passed: true, feedbackId: 'reachability.allowed' } });
    expect(await authoredLabProgress(ada)).toEqual([expect.objectContaining({ status: 'in-progress', checksPassed: 1, checksTotal: 2 })]);

    const done = new Date('2027-01-01T10:00:00Z');
    await db.attempt.create({ data: { id: 'a-cy', userId: cy.id, labId: LAB, openLabId: LAB, status: 'completed', seed: 1, labVersionId: v2.versionId, completedAt: done, timeSpentSeconds: 420, hintsUsed: 1 } });
    expect(await authoredLabProgress(cy)).toEqual([
      expect.objectContaining({ status: 'completed', checksPassed: 1, checksTotal: 1, bestTimeSeconds: 420, hintsUsed: 1, firstCompletedAt: done.toISOString() }),
    ]);

    expect(await authoredLabProgress(bob)).toEqual([]);
  });
});
