// A learner's side of cohorts: joining one with its code, and the cohorts they are in with the
// labs and due dates those give them. A code that does not exist and one that has expired get the
// same answer, so trying codes tells nothing; failed tries are limited per learner.

import { getDb } from './db';
import { cohortLabs, type CohortLabEntry } from './cohort-labs';
import { normalizeJoinCode } from './join-code';

/** Failed join attempts one learner may make per window before joining is paused. */
export const MAX_FAILED_JOINS = 10;
export const FAILED_JOIN_WINDOW_MS = 10 * 60 * 1000;

export const UNKNOWN_CODE_MESSAGE = 'That code does not match an open cohort. Check it with your instructor: codes can expire or be replaced.';

export function tooManyJoinsMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many wrong codes. Wait ${minutes} minute${minutes === 1 ? '' : 's'}, then try again.`;
}

/** Failed tries per learner in a sliding window, in memory (one server process runs Flatnet). */
export class FailedJoinLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max = MAX_FAILED_JOINS,
    private readonly windowMs = FAILED_JOIN_WINDOW_MS,
  ) {}

  private recent(userId: string, now: number): number[] {
    const kept = (this.failures.get(userId) ?? []).filter((at) => now - at < this.windowMs);
    if (kept.length === 0) this.failures.delete(userId);
    else this.failures.set(userId, kept);
    return kept;
  }

  /** 0 when the learner may try; else how long until they may. */
  retryAfterMs(userId: string, now: number): number {
    const recent = this.recent(userId, now);
    return recent.length < this.max ? 0 : recent[recent.length - this.max] + this.windowMs - now;
  }

  recordFailure(userId: string, now: number): void {
    this.failures.set(userId, [...this.recent(userId, now), now]);
  }
}

/** One limiter per process, shared by every bundled copy of this module (see auth-guard.ts). */
function sharedLimiter(): FailedJoinLimiter {
  const registry = globalThis as unknown as Record<symbol, FailedJoinLimiter | undefined>;
  const key = Symbol.for('flatnet.failedJoinLimiter');
  registry[key] ??= new FailedJoinLimiter();
  return registry[key]!;
}

export type JoinResult =
  | { ok: true; cohortId: string; cohortName: string; alreadyMember: boolean }
  | { ok: false; reason: 'unknown-code' | 'too-many-attempts'; message: string };

export async function joinCohort(
  userId: string,
  typedCode: string,
  options: { now?: Date; limiter?: FailedJoinLimiter } = {},
): Promise<JoinResult> {
  const now = options.now ?? new Date();
  const limiter = options.limiter ?? sharedLimiter();
  // Checked before the code is looked up, so a paused learner learns nothing from a right guess.
  const wait = limiter.retryAfterMs(userId, now.getTime());
  if (wait > 0) return { ok: false, reason: 'too-many-attempts', message: tooManyJoinsMessage(wait) };
  const code = normalizeJoinCode(typedCode);
  const cohort = code
    ? await getDb().cohort.findUnique({ where: { joinCode: code }, select: { id: true, name: true, joinCodeExpiresAt: true } })
    : null;
  if (!cohort || (cohort.joinCodeExpiresAt !== null && cohort.joinCodeExpiresAt <= now)) {
    limiter.recordFailure(userId, now.getTime());
    return { ok: false, reason: 'unknown-code', message: UNKNOWN_CODE_MESSAGE };
  }
  const existing = await getDb().cohortMember.findUnique({ where: { cohortId_userId: { cohortId: cohort.id, userId } }, select: { userId: true } });
  if (!existing) {
    // upsert, not create: a double-submitted form must not fail on the primary key.
    await getDb().cohortMember.upsert({
      where: { cohortId_userId: { cohortId: cohort.id, userId } },
      create: { cohortId: cohort.id, userId, joinedAt: now },
      update: {},
    });
  }
  return { ok: true, cohortId: cohort.id, cohortName: cohort.name, alreadyMember: existing !== null };
}

export interface MyCohort {
  cohortId: string;
  name: string;
  instructor: string;
  joinedAt: Date;
  /** True when the instructor chose the cohort's labs (then `labs` are those, with due dates). */
  labsChosen: boolean;
  labs: CohortLabEntry[];
}

/** The cohorts a learner is in, newest first, each with its labs. */
export async function myCohorts(userId: string): Promise<MyCohort[]> {
  const rows = await getDb().cohortMember.findMany({
    where: { userId },
    orderBy: { joinedAt: 'desc' },
    select: {
      joinedAt: true,
      cohort: { select: { id: true, name: true, owner: { select: { name: true } }, _count: { select: { labs: true } } } },
    },
  });
  return Promise.all(
    rows.map(async (row) => ({
      cohortId: row.cohort.id,
      name: row.cohort.name,
      instructor: row.cohort.owner.name,
      joinedAt: row.joinedAt,
      labsChosen: row.cohort._count.labs > 0,
      labs: await cohortLabs(row.cohort.id),
    })),
  );
}
