// cohorts.ts, cohort-membership.ts and cohort-labs.ts on a temporary database: an instructor runs
// several cohorts, codes are regenerated and expire, learners join (twice harmlessly, unknown and
// expired codes alike, failed tries limited), the selection is checked against the catalogue, and
// cohortLabs falls back from chosen labs to chosen modules to the whole course. Labs written in the
// browser: a cohort may be given its owner's published labs and labs published to everyone, with due
// dates, and its learners see them with their /labs/custom link.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from './auth';

const scratch = mkdtempSync(join(tmpdir(), 'flatnet-cohorts-'));
process.env.DATABASE_URL = `file:${join(scratch, 'cohorts.db')}`;

const { getDb, disconnectDb } = await import('./db');
const cohorts = await import('./cohorts');
const { FailedJoinLimiter, joinCohort, myCohorts, UNKNOWN_CODE_MESSAGE, MAX_FAILED_JOINS, FAILED_JOIN_WINDOW_MS } = await import('./cohort-membership');
const { assignableAuthoredLabsOf, courseLabs } = await import('./cohort-labs');
const { fixtureLabFiles, publishFixture } = await import('./authored-labs/test-fixtures');
const { formatJoinCode } = await import('./join-code');
const { listModules } = await import('../_lessons/catalogue');

const tess: SessionUser = { id: 'u-tess', email: 'tess@example.com', name: 'Tess', role: 'instructor' };
const otto: SessionUser = { id: 'u-otto', email: 'otto@example.com', name: 'Otto', role: 'instructor' };
const root: SessionUser = { id: 'u-root', email: 'root@example.com', name: 'Root', role: 'admin' };
const ada: SessionUser = { id: 'u-ada', email: 'ada@example.com', name: 'Ada', role: 'learner' };
const bob: SessionUser = { id: 'u-bob', email: 'bob@example.com', name: 'Bob', role: 'learner' };

// Migrating a fresh database takes seconds on a busy machine.
const SETUP_TIMEOUT_MS = 60_000;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/db-setup.mjs'], { env: process.env, stdio: 'pipe' });
  for (const user of [tess, otto, root, ada, bob]) {
    await getDb().user.create({ data: { id: user.id, email: user.email, name: user.name, role: user.role } });
  }
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await disconnectDb();
  rmSync(scratch, { recursive: true, force: true });
});

const freshLimiter = () => new FailedJoinLimiter();

describe('running cohorts', () => {
  it('lets an instructor run several cohorts, each with its own code; an admin sees them all', async () => {
    const monday = await cohorts.createCohort(tess, { name: '  Monday   class ' });
    const tuesday = await cohorts.createCohort(tess, { name: 'Tuesday class' });
    await cohorts.createCohort(otto, { name: "Otto's class" });
    expect(monday.joinCode).not.toBe(tuesday.joinCode);
    const mine = await cohorts.cohortsFor(tess);
    expect(mine.map((c) => c.name).sort()).toEqual(['Monday class', 'Tuesday class']);
    expect((await cohorts.cohortsFor(otto)).map((c) => c.name)).toEqual(["Otto's class"]);
    expect((await cohorts.cohortsFor(root)).length).toBe(3);
    expect(await cohorts.ownedCohortCount(tess.id)).toBe(2);
  });

  it('refuses an empty or overlong name', async () => {
    await expect(cohorts.createCohort(tess, { name: '   ' })).rejects.toThrow(cohorts.CohortError);
    await expect(cohorts.createCohort(tess, { name: 'x'.repeat(cohorts.COHORT_NAME_MAX_LENGTH + 1) })).rejects.toThrow(/at most/);
  });

  it('renames a cohort and replaces its code, after which the old one no longer joins', async () => {
    const { id, joinCode } = await cohorts.createCohort(tess, { name: 'Wednesday' });
    await cohorts.renameCohort(id, 'Wednesday evening');
    const fresh = await cohorts.regenerateJoinCode(id);
    expect(fresh).not.toBe(joinCode);
    const settings = await cohorts.cohortSettings(id);
    expect(settings).toMatchObject({ name: 'Wednesday evening', joinCode: fresh });
    expect(await joinCohort(ada.id, joinCode, { limiter: freshLimiter() })).toMatchObject({ ok: false, reason: 'unknown-code' });
    expect(await joinCohort(ada.id, fresh, { limiter: freshLimiter() })).toMatchObject({ ok: true, cohortName: 'Wednesday evening' });
  });
});

describe('joining', () => {
  it('accepts the code in lower case without the dash, and joining twice is harmless', async () => {
    const { id, joinCode } = await cohorts.createCohort(tess, { name: 'Thursday' });
    const typed = formatJoinCode(joinCode).toLowerCase().replace('-', '');
    const limiter = freshLimiter();
    expect(await joinCohort(bob.id, typed, { limiter })).toEqual({ ok: true, cohortId: id, cohortName: 'Thursday', alreadyMember: false });
    expect(await joinCohort(bob.id, formatJoinCode(joinCode), { limiter })).toEqual({ ok: true, cohortId: id, cohortName: 'Thursday', alreadyMember: true });
    const roster = await cohorts.cohortRoster(id);
    expect(roster.map((r) => r.email)).toEqual([bob.email]);
    expect(roster[0].joinedAt).toBeInstanceOf(Date);
  });

  it('gives an expired code the same answer as an unknown one', async () => {
    const { id, joinCode } = await cohorts.createCohort(tess, { name: 'Friday', joinCodeExpiresAt: new Date('2030-01-01T00:00:00Z') });
    const before = await joinCohort(ada.id, joinCode, { now: new Date('2029-12-31T23:59:00Z'), limiter: freshLimiter() });
    expect(before.ok).toBe(true);
    await cohorts.setJoinCodeExpiry(id, new Date('2020-01-01T00:00:00Z'));
    const expired = await joinCohort(bob.id, joinCode, { limiter: freshLimiter() });
    const unknown = await joinCohort(bob.id, 'ZZZZZ-ZZZZZ', { limiter: freshLimiter() });
    const garbage = await joinCohort(bob.id, 'not a code at all', { limiter: freshLimiter() });
    expect(expired).toEqual({ ok: false, reason: 'unknown-code', message: UNKNOWN_CODE_MESSAGE });
    expect(unknown).toEqual(expired);
    expect(garbage).toEqual(expired);
    await cohorts.setJoinCodeExpiry(id, null);
    expect((await joinCohort(bob.id, joinCode, { limiter: freshLimiter() })).ok).toBe(true);
  });

  it('pauses a learner after too many wrong codes, even for a right one, then lets them try again', async () => {
    const { joinCode } = await cohorts.createCohort(otto, { name: 'Limited' });
    const limiter = freshLimiter();
    const start = Date.parse('2027-03-01T10:00:00Z');
    for (let i = 0; i < MAX_FAILED_JOINS; i += 1) {
      expect((await joinCohort(ada.id, 'WRONG-CODE2', { limiter, now: new Date(start + i * 1000) })).ok).toBe(false);
    }
    const paused = await joinCohort(ada.id, joinCode, { limiter, now: new Date(start + 60_000) });
    expect(paused).toMatchObject({ ok: false, reason: 'too-many-attempts' });
    if (!paused.ok) expect(paused.message).toMatch(/Too many wrong codes\. Wait 9 minutes/);
    // Another learner is not held back by Ada's tries.
    expect((await joinCohort(bob.id, joinCode, { limiter, now: new Date(start + 60_000) })).ok).toBe(true);
    expect((await joinCohort(ada.id, joinCode, { limiter, now: new Date(start + FAILED_JOIN_WINDOW_MS + 1000) })).ok).toBe(true);
  });

  it('removes a member from the roster', async () => {
    const { id, joinCode } = await cohorts.createCohort(tess, { name: 'Saturday' });
    await joinCohort(ada.id, joinCode, { limiter: freshLimiter() });
    await joinCohort(bob.id, joinCode, { limiter: freshLimiter() });
    await cohorts.removeMember(id, ada.id);
    expect((await cohorts.cohortRoster(id)).map((r) => r.userId)).toEqual([bob.id]);
    expect((await myCohorts(ada.id)).some((c) => c.cohortId === id)).toBe(false);
  });

  it('deletes a cohort with its roster and code; its learners keep their work', async () => {
    const { id, joinCode } = await cohorts.createCohort(tess, { name: 'Sunday' });
    await joinCohort(ada.id, joinCode, { limiter: freshLimiter() });
    await getDb().attempt.create({ data: { id: 'a-sunday', userId: ada.id, labId: 'pod-network-basics', seed: 1 } });
    expect(await cohorts.deleteCohort(id)).toBe(true);
    expect(await cohorts.cohortSettings(id)).toBeNull();
    expect(await getDb().cohortMember.count({ where: { cohortId: id } })).toBe(0);
    expect((await joinCohort(bob.id, joinCode, { limiter: freshLimiter() })).ok).toBe(false);
    expect(await getDb().attempt.findUnique({ where: { id: 'a-sunday' } })).not.toBeNull();
    expect(await cohorts.deleteCohort(id)).toBe(false);
  });
});

describe('what a cohort works on', () => {
  it('checks the selection against the course catalogue and changes nothing on a refusal', async () => {
    const { id } = await cohorts.createCohort(tess, { name: 'Selective' });
    await expect(cohorts.setCohortCourse(id, { moduleIds: ['no-such-module'], labs: [] })).rejects.toThrow(/No such module in the course: no-such-module/);
    await expect(cohorts.setCohortCourse(id, { moduleIds: [], labs: [{ labId: 'no-such-lab', dueAt: null }] })).rejects.toThrow(/No such lab in the course or among the labs published to this cohort: no-such-lab/);
    expect(await cohorts.cohortSettings(id)).toMatchObject({ moduleIds: [], labs: [] });
  });

  it('gives the chosen labs with due dates in course order, else the labs of the chosen modules, else the whole course', async () => {
    const { id, joinCode } = await cohorts.createCohort(tess, { name: 'Course order' });
    const all = await courseLabs();
    expect((await cohorts.cohortLabs(id)).map((l) => l.labId)).toEqual(all.map((l) => l.labId));

    const dns = (await listModules()).find((m) => m.slug === 'dns');
    expect(dns?.labs.length).toBeGreaterThan(0);
    await cohorts.setCohortCourse(id, { moduleIds: ['dns'], labs: [] });
    const ofModule = await cohorts.cohortLabs(id);
    expect(ofModule.map((l) => l.labId).sort()).toEqual([...dns!.labs].sort());
    expect(ofModule.every((l) => l.dueAt === null)).toBe(true);

    const due = new Date('2027-01-15T17:00:00Z');
    // Given out of order: the answer follows the course.
    await cohorts.setCohortCourse(id, {
      moduleIds: ['dns'],
      labs: [
        { labId: 'netpol-frontend-to-backend', dueAt: due },
        { labId: 'pod-network-basics', dueAt: null },
      ],
    });
    expect(await cohorts.cohortLabs(id)).toEqual([
      { labId: 'pod-network-basics', title: 'Your first pod and its address', moduleSlug: 'pod-network', dueAt: null, authored: false, href: '/labs/pod-network-basics' },
      { labId: 'netpol-frontend-to-backend', title: expect.any(String), moduleSlug: expect.any(String), dueAt: due, authored: false, href: '/labs/netpol-frontend-to-backend' },
    ]);

    await joinCohort(ada.id, joinCode, { limiter: freshLimiter() });
    const mine = (await myCohorts(ada.id)).find((c) => c.cohortId === id);
    expect(mine).toMatchObject({ name: 'Course order', instructor: 'Tess', labsChosen: true });
    expect(mine?.labs.map((l) => [l.labId, l.dueAt])).toEqual([
      ['pod-network-basics', null],
      ['netpol-frontend-to-backend', due],
    ]);
    expect(await cohorts.cohortLabs('no-such-cohort')).toEqual([]);
  });
});

describe('labs written in the browser, given to a cohort', () => {
  it("offers the owner's published labs and labs published to everyone, not drafts or other instructors' labs", async () => {
    await publishFixture('tess-written', tess.id, fixtureLabFiles('tess-written', 'B: Tess wrote this'));
    await publishFixture('root-for-all', root.id, fixtureLabFiles('root-for-all', 'A: For everyone'), 'everyone');
    await publishFixture('otto-written', otto.id, fixtureLabFiles('otto-written', 'Otto wrote this'));
    const draft = fixtureLabFiles('tess-draft', 'Not yet');
    await getDb().authoredLab.create({ data: { id: 'tess-draft', ownerId: tess.id, title: 'Not yet', module: 'services', draftFiles: JSON.stringify(draft), draftHash: 'x' } });

    const { id } = await cohorts.createCohort(tess, { name: 'Written labs' });
    expect((await assignableAuthoredLabsOf(id)).map((lab) => [lab.labId, lab.title])).toEqual([
      ['root-for-all', 'A: For everyone'],
      ['tess-written', 'B: Tess wrote this'],
    ]);
    for (const labId of ['otto-written', 'tess-draft']) {
      await expect(cohorts.setCohortCourse(id, { moduleIds: [], labs: [{ labId, dueAt: null }] })).rejects.toThrow(new RegExp(`published to this cohort: ${labId}`));
    }
    expect(await cohorts.cohortSettings(id)).toMatchObject({ labs: [] });
  });

  it("adds the owner's own published labs to the whole course and to their module, others' only when chosen", async () => {
    const { id } = await cohorts.createCohort(tess, { name: 'Default labs' });
    const all = await courseLabs();
    const whole = await cohorts.cohortLabs(id);
    expect(whole.map((l) => l.labId)).toEqual([...all.map((l) => l.labId), 'tess-written']);
    expect(whole.at(-1)).toEqual({ labId: 'tess-written', title: 'B: Tess wrote this', moduleSlug: 'services', dueAt: null, authored: true, href: '/labs/custom/tess-written' });
    await cohorts.setCohortCourse(id, { moduleIds: ['services'], labs: [] });
    expect((await cohorts.cohortLabs(id)).map((l) => l.labId)).toContain('tess-written');
    await cohorts.setCohortCourse(id, { moduleIds: ['dns'], labs: [] });
    expect((await cohorts.cohortLabs(id)).map((l) => l.labId)).not.toContain('tess-written');
  });

  it('takes chosen written labs with due dates after the course labs, shows them to learners, and drops a deleted one', async () => {
    const { id, joinCode } = await cohorts.createCohort(tess, { name: 'Chosen written labs' });
    const due = new Date('2027-03-01T09:00:00Z');
    await cohorts.setCohortCourse(id, {
      moduleIds: [],
      labs: [
        { labId: 'tess-written', dueAt: due },
        { labId: 'root-for-all', dueAt: null },
        { labId: 'pod-network-basics', dueAt: null },
      ],
    });
    expect((await cohorts.cohortLabs(id)).map((l) => [l.labId, l.authored, l.href, l.dueAt])).toEqual([
      ['pod-network-basics', false, '/labs/pod-network-basics', null],
      ['root-for-all', true, '/labs/custom/root-for-all', null],
      ['tess-written', true, '/labs/custom/tess-written', due],
    ]);
    await joinCohort(bob.id, joinCode, { limiter: freshLimiter() });
    const mine = (await myCohorts(bob.id)).find((c) => c.cohortId === id);
    expect(mine?.labs.find((l) => l.labId === 'tess-written')).toMatchObject({ href: '/labs/custom/tess-written', dueAt: due });

    await getDb().authoredLab.delete({ where: { id: 'root-for-all' } });
    expect((await cohorts.cohortLabs(id)).map((l) => l.labId)).toEqual(['pod-network-basics', 'tess-written']);
  });
});
