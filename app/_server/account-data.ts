// A learner's own data, all of it: the export they can download (everything Flatnet keeps about
// their learning, and none of the secrets that guard the account: no password hash, session or
// token) and the deletion of their account with every row that belongs to it.

import { getDb } from './db';
import { stopLiveSession } from './live-sessions';

export const EXPORT_FORMAT_VERSION = 1;

/** What the download holds; dates as ISO strings once serialised. */
export type AccountExport = NonNullable<Awaited<ReturnType<typeof exportAccountData>>>;

/** Everything about `userId` that is theirs to take away, or null if there is no such user. */
export async function exportAccountData(userId: string) {
  const db = getDb();
  const profile = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, emailVerified: true, role: true, createdAt: true, updatedAt: true },
  });
  if (!profile) return null;
  const [attempts, quizAnswers, lessonVisits, memberships, cohortsOwned] = await Promise.all([
    db.attempt.findMany({
      where: { userId },
      orderBy: { createdAt: 'asc' },
      select: {
        id: true,
        labId: true,
        kind: true,
        status: true,
        createdAt: true,
        updatedAt: true,
        completedAt: true,
        timeSpentSeconds: true,
        hintsUsed: true,
        checks: { orderBy: { checkId: 'asc' }, select: { checkId: true, passed: true, feedbackId: true, params: true, reason: true, updatedAt: true } },
        checkEvents: { orderBy: { at: 'asc' }, select: { checkId: true, passed: true, feedbackId: true, at: true } },
        commands: { orderBy: { at: 'asc' }, select: { line: true, exitCode: true, at: true } },
        hints: { orderBy: { at: 'asc' }, select: { stepId: true, hintIndex: true, at: true } },
      },
    }),
    db.quizAnswer.findMany({
      where: { userId },
      orderBy: { answeredAt: 'asc' },
      select: { lessonKey: true, quizKey: true, choice: true, correct: true, passedAt: true, answeredAt: true },
    }),
    db.lessonVisit.findMany({
      where: { userId },
      orderBy: { firstVisitAt: 'asc' },
      select: { lessonKey: true, firstVisitAt: true, lastVisitedAt: true, readAt: true },
    }),
    db.cohortMember.findMany({
      where: { userId },
      orderBy: { joinedAt: 'asc' },
      select: { joinedAt: true, cohort: { select: { id: true, name: true } } },
    }),
    db.cohort.findMany({ where: { ownerId: userId }, orderBy: { createdAt: 'asc' }, select: { id: true, name: true, createdAt: true } }),
  ]);
  return {
    format: 'flatnet-account-export',
    version: EXPORT_FORMAT_VERSION,
    exportedAt: new Date(),
    profile,
    attempts: attempts.map(({ checks, ...attempt }) => ({
      ...attempt,
      checks: checks.map((check) => ({ ...check, params: parseParams(check.params) })),
    })),
    quizAnswers,
    lessonVisits,
    cohortMemberships: memberships.map((m) => ({ cohortId: m.cohort.id, cohortName: m.cohort.name, joinedAt: m.joinedAt })),
    cohortsOwned,
  };
}

/** Stored as JSON text; exported as the object it is (or the text, should it ever not parse). */
function parseParams(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Deletes the account and everything of it: the user row cascades to sessions, accounts (the
 * password hash), attempts with their checks, commands, hints and recordings, quiz answers, lesson
 * visits, memberships and the cohorts they own. Live terminal sessions are stopped first, so no
 * gateway write lands after the rows are gone. The caller has verified the password.
 */
export async function deleteAccount(userId: string, stop: (attemptId: string) => Promise<void> = stopLiveSession): Promise<boolean> {
  const db = getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) return false;
  // Open attempts (active, or completed and still current) are the ones a terminal may be attached to.
  const attempts = await db.attempt.findMany({ where: { userId, openLabId: { not: null } }, select: { id: true } });
  for (const attempt of attempts) await stop(attempt.id);
  await db.$transaction([
    // Password-reset tokens point at the user by value, not by a foreign key.
    db.verification.deleteMany({ where: { value: userId } }),
    db.user.delete({ where: { id: userId } }),
  ]);
  return true;
}
