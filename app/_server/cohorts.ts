// Cohorts as their instructors run them: create one (the caller owns it), rename it, its join code
// (regenerate, expire), the modules and labs it works on with a due date per lab, its roster.
// Callers have already asked authz.ts (`isStaff` to create, `canManageCohort` for the rest); the
// functions here take a cohort id that was checked. Learners joining lives in cohort-membership.ts,
// the labs of a cohort in cohort-labs.ts (re-exported here, as the class view imports it from here).

import { getDb } from './db';
import type { SessionUser } from './auth';
import { unknownSelection } from './cohort-labs';
import { newJoinCode } from './join-code';

export { cohortLabs, type CohortLabEntry } from './cohort-labs';

export const COHORT_NAME_MAX_LENGTH = 100;
/** Cohorts one instructor may own; a runaway form cannot fill the database. */
export const MAX_COHORTS_PER_OWNER = 200;
/** Labs or modules one cohort may list (the course has far fewer). */
export const MAX_COHORT_SELECTION = 500;
/** A fresh code colliding with a stored one is a ~2^-49 event; a few tries are plenty. */
const CODE_TRIES = 5;

/** A refusal whose message is meant for the instructor. */
export class CohortError extends Error {}

export interface CohortSummary {
  id: string;
  name: string;
  ownerName: string;
  joinCode: string;
  joinCodeExpiresAt: Date | null;
  members: number;
  createdAt: Date;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/** Runs `write` with a fresh code, again with another if the code happens to be taken. */
async function withFreshCode<T>(write: (code: string) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write(newJoinCode());
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= CODE_TRIES) throw error;
    }
  }
}

function cleanName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed === '') throw new CohortError('Give the cohort a name.');
  if (trimmed.length > COHORT_NAME_MAX_LENGTH) throw new CohortError(`A cohort name has at most ${COHORT_NAME_MAX_LENGTH} characters.`);
  return trimmed;
}

export async function createCohort(owner: SessionUser, input: { name: string; joinCodeExpiresAt?: Date | null }): Promise<{ id: string; joinCode: string }> {
  const name = cleanName(input.name);
  const owned = await getDb().cohort.count({ where: { ownerId: owner.id } });
  if (owned >= MAX_COHORTS_PER_OWNER) throw new CohortError(`You already run ${MAX_COHORTS_PER_OWNER} cohorts, the most one person may.`);
  return withFreshCode((joinCode) =>
    getDb().cohort.create({
      data: { name, ownerId: owner.id, joinCode, joinCodeExpiresAt: input.joinCodeExpiresAt ?? null },
      select: { id: true, joinCode: true },
    }),
  );
}

/** How many cohorts `userId` owns (deleting their account deletes these too). */
export async function ownedCohortCount(userId: string): Promise<number> {
  return getDb().cohort.count({ where: { ownerId: userId } });
}

/** The cohorts a staff member runs: an instructor's own, for an admin every cohort. */
export async function cohortsFor(viewer: SessionUser): Promise<CohortSummary[]> {
  const rows = await getDb().cohort.findMany({
    where: viewer.role === 'admin' ? {} : { ownerId: viewer.id },
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      name: true,
      joinCode: true,
      joinCodeExpiresAt: true,
      createdAt: true,
      owner: { select: { name: true } },
      _count: { select: { members: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    ownerName: row.owner.name,
    joinCode: row.joinCode,
    joinCodeExpiresAt: row.joinCodeExpiresAt,
    members: row._count.members,
    createdAt: row.createdAt,
  }));
}

export interface CohortSettings {
  id: string;
  name: string;
  joinCode: string;
  joinCodeExpiresAt: Date | null;
  moduleIds: string[];
  labs: Array<{ labId: string; dueAt: Date | null }>;
}

export async function cohortSettings(cohortId: string): Promise<CohortSettings | null> {
  const row = await getDb().cohort.findUnique({
    where: { id: cohortId },
    select: {
      id: true,
      name: true,
      joinCode: true,
      joinCodeExpiresAt: true,
      modules: { select: { moduleId: true } },
      labs: { select: { labId: true, dueAt: true } },
    },
  });
  if (!row) return null;
  return { ...row, moduleIds: row.modules.map((m) => m.moduleId) };
}

export async function renameCohort(cohortId: string, name: string): Promise<void> {
  await getDb().cohort.update({ where: { id: cohortId }, data: { name: cleanName(name) } });
}

/** A new code; the old one stops working at once (a code that leaked). */
export async function regenerateJoinCode(cohortId: string): Promise<string> {
  return withFreshCode(async (joinCode) => {
    await getDb().cohort.update({ where: { id: cohortId }, data: { joinCode } });
    return joinCode;
  });
}

/** null: the code never expires. */
export async function setJoinCodeExpiry(cohortId: string, expiresAt: Date | null): Promise<void> {
  await getDb().cohort.update({ where: { id: cohortId }, data: { joinCodeExpiresAt: expiresAt } });
}

export interface CourseSelection {
  moduleIds: string[];
  labs: Array<{ labId: string; dueAt: Date | null }>;
}

/**
 * Replaces the cohort's modules and labs. Every id must be in the course catalogue or be a published
 * authored lab the cohort may be given (cohort-labs.ts assignableAuthoredLabs); a refusal names the
 * unknown ones and changes nothing.
 */
export async function setCohortCourse(cohortId: string, selection: CourseSelection): Promise<void> {
  const moduleIds = [...new Set(selection.moduleIds)];
  const labs = [...new Map(selection.labs.map((lab) => [lab.labId, lab])).values()];
  if (moduleIds.length > MAX_COHORT_SELECTION || labs.length > MAX_COHORT_SELECTION) throw new CohortError('That selection is too large.');
  const unknown = await unknownSelection(cohortId, { moduleIds, labIds: labs.map((lab) => lab.labId) });
  if (unknown.modules.length > 0) throw new CohortError(`No such module in the course: ${unknown.modules.join(', ')}.`);
  if (unknown.labs.length > 0) throw new CohortError(`No such lab in the course or among the labs published to this cohort: ${unknown.labs.join(', ')}.`);
  const db = getDb();
  await db.$transaction([
    db.cohortModule.deleteMany({ where: { cohortId } }),
    db.cohortLab.deleteMany({ where: { cohortId } }),
    db.cohortModule.createMany({ data: moduleIds.map((moduleId) => ({ cohortId, moduleId })) }),
    db.cohortLab.createMany({ data: labs.map((lab) => ({ cohortId, labId: lab.labId, dueAt: lab.dueAt })) }),
  ]);
}

export interface RosterEntry {
  userId: string;
  name: string;
  email: string;
  joinedAt: Date;
}

export async function cohortRoster(cohortId: string): Promise<RosterEntry[]> {
  const rows = await getDb().cohortMember.findMany({
    where: { cohortId },
    orderBy: { joinedAt: 'asc' },
    select: { joinedAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  return rows.map((row) => ({ userId: row.user.id, name: row.user.name, email: row.user.email, joinedAt: row.joinedAt }));
}

/** Takes a learner out of the cohort; their own work stays theirs. Removing a non-member is a no-op. */
export async function removeMember(cohortId: string, userId: string): Promise<void> {
  await getDb().cohortMember.deleteMany({ where: { cohortId, userId } });
}

/**
 * Ends a cohort: its roster, modules, labs, due dates and join code go (the schema cascades); its
 * learners keep their accounts and all their own work. False when there was no such cohort.
 */
export async function deleteCohort(cohortId: string): Promise<boolean> {
  const { count } = await getDb().cohort.deleteMany({ where: { id: cohortId } });
  return count > 0;
}
