// When a lab attempt is complete, and what a learner's lab progress is. Completion is recorded
// once, when every check of the lab first passes: the time, the active time spent and the hints
// opened by then. Only `lab` attempts complete or count; a lesson's sandbox never does. Part of
// the attempt store with attempts.ts (which re-exports this module's functions).

import { getDb } from './db';
import type { AttemptStatus } from './generated/prisma/enums';

/**
 * A pause longer than this (reading elsewhere, lunch) counts as this much time spent, not more:
 * "time spent" is time working on the lab, not the wall-clock time since it was opened.
 */
export const IDLE_CAP_MS = 5 * 60 * 1000;

/**
 * Active time across a sequence of activity instants (the attempt's start, each command, the
 * completion), in whole seconds: the sum of the gaps between consecutive instants, each capped
 * at IDLE_CAP_MS. Out-of-order instants are sorted; the result is never negative.
 */
export function activeSeconds(instants: readonly Date[], idleCapMs = IDLE_CAP_MS): number {
  const times = instants.map((d) => d.getTime()).sort((a, b) => a - b);
  let total = 0;
  for (let i = 1; i < times.length; i++) total += Math.min(times[i] - times[i - 1], idleCapMs);
  return Math.round(total / 1000);
}

/**
 * Marks the lab attempt complete if it is active: completedAt, active time and hints opened.
 * Returns true when it is complete now (just marked, or earlier).
 */
async function markComplete(where: { id: string; userId?: string }, now: Date): Promise<boolean> {
  const db = getDb();
  const attempt = await db.attempt.findFirst({
    where: { ...where, kind: 'lab', status: { not: 'reset' } },
    select: { id: true, status: true, createdAt: true },
  });
  if (!attempt) return false;
  if (attempt.status === 'completed') return true;
  const [commands, hintsUsed] = await Promise.all([
    db.commandEvent.findMany({ where: { attemptId: attempt.id }, select: { at: true } }),
    db.hintReveal.count({ where: { attemptId: attempt.id } }),
  ]);
  const timeSpentSeconds = activeSeconds([attempt.createdAt, ...commands.map((c) => c.at).filter((at) => at <= now), now]);
  const { count } = await db.attempt.updateMany({
    where: { id: attempt.id, status: 'active' },
    data: { status: 'completed', completedAt: now, timeSpentSeconds, hintsUsed },
  });
  // count 0: a concurrent call completed it first (still complete) or a reset closed it (not).
  return count === 1 || (await db.attempt.count({ where: { id: attempt.id, status: 'completed' } })) === 1;
}

/** Marks an open lab attempt of the learner's as completed (it stays open). False if not theirs, reset, or a sandbox. */
export async function completeAttempt(attemptId: string, userId: string, now = new Date()): Promise<boolean> {
  return markComplete({ id: attemptId, userId }, now);
}

/**
 * Completes the attempt when every check the lab requires has passed in its latest recorded
 * results. Called by the gateway's store after each batch of check results; a lab without checks
 * never completes this way (it has nothing to grade).
 */
export async function completeIfAllPassed(attemptId: string, requiredCheckIds: readonly string[], now = new Date()): Promise<boolean> {
  if (requiredCheckIds.length === 0) return false;
  const passed = await getDb().checkResult.findMany({
    where: { attemptId, passed: true, checkId: { in: [...requiredCheckIds] } },
    select: { checkId: true },
  });
  if (new Set(passed.map((p) => p.checkId)).size < new Set(requiredCheckIds).size) return false;
  return markComplete({ id: attemptId }, now);
}

export interface LabProgress {
  labId: string;
  /** The open attempt (active or completed), else the latest reset one. */
  attemptId: string;
  status: AttemptStatus;
  checksPassed: number;
  checksRecorded: number;
  /** True when any attempt at this lab was completed, including ones reset since. */
  everCompleted: boolean;
  /** When the lab was first completed. */
  firstCompletedAt: Date | null;
  /** The shortest active time of any completed attempt, and the hints that attempt used. */
  bestTimeSeconds: number | null;
  bestTimeHintsUsed: number | null;
  /** The latest activity in any attempt at this lab (snapshots included). */
  updatedAt: Date;
}

/** One row per lab the learner has worked on (lab attempts only; sandboxes are not progress). */
export async function getProgress(userId: string): Promise<LabProgress[]> {
  const attempts = await getDb().attempt.findMany({
    where: { userId, kind: 'lab' },
    orderBy: [{ labId: 'asc' }, { createdAt: 'desc' }],
    select: {
      id: true,
      labId: true,
      status: true,
      completedAt: true,
      timeSpentSeconds: true,
      hintsUsed: true,
      updatedAt: true,
      checks: { select: { passed: true } },
    },
  });
  const byLab = new Map<string, LabProgress>();
  for (const attempt of attempts) {
    const seen = byLab.get(attempt.labId);
    const row: LabProgress =
      // The open attempt wins over older (reset) ones even when it was created earlier.
      seen && (seen.status !== 'reset' || attempt.status === 'reset')
        ? seen
        : {
            labId: attempt.labId,
            attemptId: attempt.id,
            status: attempt.status,
            checksPassed: attempt.checks.filter((check) => check.passed).length,
            checksRecorded: attempt.checks.length,
            everCompleted: seen?.everCompleted ?? false,
            firstCompletedAt: seen?.firstCompletedAt ?? null,
            bestTimeSeconds: seen?.bestTimeSeconds ?? null,
            bestTimeHintsUsed: seen?.bestTimeHintsUsed ?? null,
            updatedAt: seen?.updatedAt ?? attempt.updatedAt,
          };
    if (attempt.updatedAt > row.updatedAt) row.updatedAt = attempt.updatedAt;
    if (attempt.completedAt) {
      row.everCompleted = true;
      if (!row.firstCompletedAt || attempt.completedAt < row.firstCompletedAt) row.firstCompletedAt = attempt.completedAt;
      if (attempt.timeSpentSeconds !== null && (row.bestTimeSeconds === null || attempt.timeSpentSeconds < row.bestTimeSeconds)) {
        row.bestTimeSeconds = attempt.timeSpentSeconds;
        row.bestTimeHintsUsed = attempt.hintsUsed;
      }
    }
    byLab.set(attempt.labId, row);
  }
  return [...byLab.values()];
}
