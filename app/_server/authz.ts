// Who may see and do what, in one place. Pages, server actions and route handlers ask these
// functions instead of comparing roles themselves:
// - a learner sees their own attempts, progress and recordings, nobody else's;
// - an instructor also sees the learners of the cohorts they own, and only those;
// - an admin sees everyone and is the only one who manages accounts.
// A refusal on a resource reads like a missing one (`null`, then a 404), so guessing ids tells a
// caller nothing about what exists.

import { getDb } from './db';
import type { Role, SessionUser } from './auth';

export function hasRole(user: SessionUser | null, ...roles: Role[]): user is SessionUser {
  return user !== null && roles.includes(user.role);
}

/** Instructors and admins: the people who may run cohorts. */
export function isStaff(user: SessionUser | null): user is SessionUser {
  return hasRole(user, 'instructor', 'admin');
}

/** May `viewer` see the learner `learnerId`'s work (progress, attempts, recordings)? */
export async function canViewLearner(viewer: SessionUser | null, learnerId: string): Promise<boolean> {
  if (!viewer) return false;
  if (viewer.id === learnerId || viewer.role === 'admin') return true;
  if (viewer.role !== 'instructor') return false;
  const shared = await getDb().cohortMember.findFirst({
    where: { userId: learnerId, cohort: { ownerId: viewer.id } },
    select: { cohortId: true },
  });
  return shared !== null;
}

/** The attempt's owner if `viewer` may see that attempt, else null (missing and forbidden look alike). */
export async function viewableAttemptOwner(viewer: SessionUser | null, attemptId: string): Promise<string | null> {
  if (!viewer || attemptId.length > 64) return null;
  const attempt = await getDb().attempt.findUnique({ where: { id: attemptId }, select: { userId: true } });
  if (!attempt) return null;
  return (await canViewLearner(viewer, attempt.userId)) ? attempt.userId : null;
}

/** May `viewer` manage the cohort (its settings, roster, class view)? Its owner or an admin. */
export async function canManageCohort(viewer: SessionUser | null, cohortId: string): Promise<boolean> {
  if (!isStaff(viewer) || cohortId.length > 64) return false;
  const cohort = await getDb().cohort.findUnique({ where: { id: cohortId }, select: { ownerId: true } });
  if (!cohort) return false;
  return viewer.role === 'admin' || cohort.ownerId === viewer.id;
}

/**
 * May `viewer` edit the authored lab (its draft, self-test, publishing, history, trial runs)? Its
 * owner if an instructor, or any admin; a learner never. Missing and forbidden look alike.
 */
export async function canEditAuthoredLab(viewer: SessionUser | null, labId: string): Promise<boolean> {
  if (!isStaff(viewer) || labId.length > 64) return false;
  const lab = await getDb().authoredLab.findUnique({ where: { id: labId }, select: { ownerId: true } });
  if (!lab) return false;
  return viewer.role === 'admin' || lab.ownerId === viewer.id;
}

/**
 * May `viewer` see a published authored lab and attempt it? Its owner and admins; for audience
 * `cohorts`, the members of the cohorts its owner runs; for `everyone`, every signed-in user.
 */
export async function canViewAuthoredLab(
  viewer: SessionUser | null,
  lab: { ownerId: string; audience: 'cohorts' | 'everyone' },
): Promise<boolean> {
  if (!viewer) return false;
  if (viewer.role === 'admin' || viewer.id === lab.ownerId || lab.audience === 'everyone') return true;
  const shared = await getDb().cohortMember.findFirst({
    where: { userId: viewer.id, cohort: { ownerId: lab.ownerId } },
    select: { cohortId: true },
  });
  return shared !== null;
}
