// A learner's progress through the lessons: which lessons they opened (and when last, for
// "continue where you left off"), which they read to the end, and their answer to each quiz.
// The only module that reads or writes the lesson_visit and quiz_answer tables; every function
// is scoped by userId. Lessons are named by key, "<module>/<lesson>" (lessonKey below); whether
// a key or quiz exists in the course is the caller's to check (it holds the catalogue).

import { getDb } from './db';

export const LESSON_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function lessonKey(moduleSlug: string, lessonSlug: string): string {
  return `${moduleSlug}/${lessonSlug}`;
}

export interface LessonRecord {
  lessonKey: string;
  lastVisitedAt: Date;
  readAt: Date | null;
}

export interface QuizRecord {
  lessonKey: string;
  quizKey: string;
  /** The option last chosen. */
  choice: number;
  /** Whether that last choice was right. */
  correct: boolean;
  /** When a right answer was first given; stays set after later wrong tries. */
  passedAt: Date | null;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/**
 * Upsert that survives two tabs racing on the unique index: the loser retries as an update.
 * The read-then-write functions below also run in one transaction, which starts with the write
 * lock (BEGIN IMMEDIATE, sqlite-adapter.ts): two tabs cannot both read "not passed yet" or "not
 * read yet" and then overwrite each other.
 */
async function upsertRace<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return run();
  }
}

/** The learner opened a lesson; with `read`, they reached its end. Reading is never undone. */
export async function recordLessonVisit(userId: string, key: string, options: { read?: boolean; now?: Date } = {}): Promise<LessonRecord> {
  const now = options.now ?? new Date();
  const readAt = options.read ? now : undefined;
  const where = { userId_lessonKey: { userId, lessonKey: key } };
  return upsertRace(() =>
    getDb().$transaction(async (tx) => {
      const existing = await tx.lessonVisit.findUnique({ where, select: { readAt: true } });
      return tx.lessonVisit.upsert({
        where,
        create: { userId, lessonKey: key, firstVisitAt: now, lastVisitedAt: now, readAt: readAt ?? null },
        // The first time a lesson was read is the one kept.
        update: { lastVisitedAt: now, ...(readAt && !existing?.readAt ? { readAt } : {}) },
        select: { lessonKey: true, lastVisitedAt: true, readAt: true },
      });
    }),
  );
}

/** Saves the learner's answer to one quiz; a right answer marks the quiz passed for good. */
export async function recordQuizAnswer(
  userId: string,
  answer: { lessonKey: string; quizKey: string; choice: number; correct: boolean },
  now = new Date(),
): Promise<QuizRecord> {
  if (!Number.isInteger(answer.choice) || answer.choice < 0) throw new RangeError(`choice must be an option index, got ${answer.choice}`);
  const where = { userId_lessonKey_quizKey: { userId, lessonKey: answer.lessonKey, quizKey: answer.quizKey } };
  return upsertRace(() =>
    getDb().$transaction(async (tx) => {
      const existing = await tx.quizAnswer.findUnique({ where, select: { passedAt: true } });
      const passedAt = existing?.passedAt ?? (answer.correct ? now : null);
      const data = { choice: answer.choice, correct: answer.correct, passedAt, answeredAt: now };
      return tx.quizAnswer.upsert({
        where,
        create: { userId, lessonKey: answer.lessonKey, quizKey: answer.quizKey, ...data },
        update: data,
        select: { lessonKey: true, quizKey: true, choice: true, correct: true, passedAt: true },
      });
    }),
  );
}

/** Every lesson the learner opened, most recent first. */
export async function getLessonRecords(userId: string): Promise<LessonRecord[]> {
  return getDb().lessonVisit.findMany({
    where: { userId },
    orderBy: { lastVisitedAt: 'desc' },
    select: { lessonKey: true, lastVisitedAt: true, readAt: true },
  });
}

/** The learner's quiz answers, of one lesson or of all. */
export async function getQuizRecords(userId: string, key?: string): Promise<QuizRecord[]> {
  return getDb().quizAnswer.findMany({
    where: { userId, ...(key ? { lessonKey: key } : {}) },
    orderBy: { id: 'asc' },
    select: { lessonKey: true, quizKey: true, choice: true, correct: true, passedAt: true },
  });
}
