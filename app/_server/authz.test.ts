// authz.ts on a temporary database: a learner sees only themselves, an instructor only the members
// of cohorts they own, an admin everyone; a guessed attempt id reads like a missing one.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from './auth';

const scratch = mkdtempSync(join(tmpdir(), 'flatnet-authz-'));
process.env.DATABASE_URL = `file:${join(scratch, 'authz.db')}`;

const { getDb, disconnectDb } = await import('./db');
const { canManageCohort, canViewLearner, hasRole, viewableAttemptOwner } = await import('./authz');

const ada: SessionUser = { id: 'u-ada', email: 'ada@example.com', name: 'Ada', role: 'learner' };
const bob: SessionUser = { id: 'u-bob', email: 'bob@example.com', name: 'Bob', role: 'learner' };
const tess: SessionUser = { id: 'u-tess', email: 'tess@example.com', name: 'Tess', role: 'instructor' };
const otto: SessionUser = { id: 'u-otto', email: 'otto@example.com', name: 'Otto', role: 'instructor' };
const root: SessionUser = { id: 'u-root', email: 'root@example.com', name: 'Root', role: 'admin' };

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/db-setup.mjs'], { env: process.env, stdio: 'pipe' });
  const db = getDb();
  for (const user of [ada, bob, tess, otto, root]) {
    await db.user.create({ data: { id: user.id, email: user.email, name: user.name, role: user.role } });
  }
  await db.cohort.create({ data: { id: 'c-tess', name: 'Tuesday class', ownerId: tess.id, joinCode: 'TESS-1234' } });
  await db.cohortMember.create({ data: { cohortId: 'c-tess', userId: ada.id } });
  await db.attempt.create({ data: { id: 'a-ada', userId: ada.id, labId: 'pod-network-basics', seed: 1, openLabId: 'pod-network-basics' } });
  await db.attempt.create({ data: { id: 'a-bob', userId: bob.id, labId: 'pod-network-basics', seed: 1, openLabId: 'pod-network-basics' } });
});

afterAll(async () => {
  await disconnectDb();
  rmSync(scratch, { recursive: true, force: true });
});

describe('authz', () => {
  it('lets a learner see only their own work', async () => {
    expect(await canViewLearner(ada, ada.id)).toBe(true);
    expect(await canViewLearner(ada, bob.id)).toBe(false);
    expect(await viewableAttemptOwner(ada, 'a-ada')).toBe(ada.id);
    expect(await viewableAttemptOwner(ada, 'a-bob')).toBeNull();
    expect(await viewableAttemptOwner(null, 'a-ada')).toBeNull();
  });

  it('lets an instructor see the members of their cohorts, and no one else', async () => {
    expect(await canViewLearner(tess, ada.id)).toBe(true);
    expect(await canViewLearner(tess, bob.id)).toBe(false);
    expect(await canViewLearner(otto, ada.id)).toBe(false);
    expect(await viewableAttemptOwner(tess, 'a-ada')).toBe(ada.id);
    expect(await viewableAttemptOwner(otto, 'a-ada')).toBeNull();
  });

  it('makes a guessed or missing attempt look the same as a forbidden one', async () => {
    expect(await viewableAttemptOwner(root, 'no-such-attempt')).toBeNull();
    expect(await viewableAttemptOwner(otto, 'a-bob')).toBeNull();
  });

  it('gives cohorts to their owner and to admins only', async () => {
    expect(await canManageCohort(tess, 'c-tess')).toBe(true);
    expect(await canManageCohort(otto, 'c-tess')).toBe(false);
    expect(await canManageCohort(ada, 'c-tess')).toBe(false);
    expect(await canManageCohort(root, 'c-tess')).toBe(true);
    expect(await canManageCohort(root, 'c-none')).toBe(false);
  });

  it('checks roles by membership in a list', () => {
    expect(hasRole(root, 'admin')).toBe(true);
    expect(hasRole(tess, 'admin')).toBe(false);
    expect(hasRole(null, 'learner')).toBe(false);
  });
});
