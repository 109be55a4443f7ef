// lesson-progress.ts against a real SQLite file made by scripts/db-setup.mjs, like attempts.test.ts.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'flatnet-lessons-'));
process.env.DATABASE_URL = `file:${join(scratch, 'test.db')}`;

const lessons = await import('./lesson-progress');
const { getDb, disconnectDb } = await import('./db');

let alice: string;
let bob: string;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/db-setup.mjs'], {
    env: { ...process.env, FLATNET_INSTRUCTOR_EMAIL: '', FLATNET_INSTRUCTOR_PASSWORD: '' },
    stdio: 'pipe',
  });
  alice = (await getDb().user.create({ data: { id: 'u-alice', name: 'alice', email: 'alice@example.com' } })).id;
  bob = (await getDb().user.create({ data: { id: 'u-bob', name: 'bob', email: 'bob@example.com' } })).id;
});

afterAll(async () => {
  await disconnectDb();
  rmSync(scratch, { recursive: true, force: true });
});

const t = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 10, minutes));

describe('quiz answers', () => {
  it('saves each learner’s answer per quiz; a right answer stays passed', async () => {
    const quiz = { lessonKey: 'pod-network/pod-network-model', quizKey: '0123abcd' };
    expect(await lessons.recordQuizAnswer(alice, { ...quiz, choice: 0, correct: false }, t(1))).toMatchObject({ choice: 0, correct: false, passedAt: null });
    expect(await lessons.recordQuizAnswer(alice, { ...quiz, choice: 1, correct: true }, t(2))).toMatchObject({ choice: 1, correct: true, passedAt: t(2) });
    // Trying another option afterwards is recorded, but the quiz was passed.
    expect(await lessons.recordQuizAnswer(alice, { ...quiz, choice: 2, correct: false }, t(3))).toMatchObject({ choice: 2, correct: false, passedAt: t(2) });
    await lessons.recordQuizAnswer(alice, { lessonKey: 'dns/coredns', quizKey: 'ffff0000', choice: 0, correct: true }, t(4));

    expect(await lessons.getQuizRecords(alice, quiz.lessonKey)).toEqual([{ ...quiz, choice: 2, correct: false, passedAt: t(2) }]);
    expect(await lessons.getQuizRecords(alice)).toHaveLength(2);
    expect(await lessons.getQuizRecords(bob)).toEqual([]);
    await expect(lessons.recordQuizAnswer(bob, { ...quiz, choice: -1, correct: false })).rejects.toThrow(RangeError);
  });

  it('settles two tabs answering at once on one row', async () => {
    const quiz = { lessonKey: 'services/services', quizKey: 'aaaa0001', correct: true };
    await Promise.all([0, 1, 2].map((choice) => lessons.recordQuizAnswer(bob, { ...quiz, choice })));
    expect(await lessons.getQuizRecords(bob, quiz.lessonKey)).toHaveLength(1);
  });
});

describe('answers and visits arriving at once (two tabs)', () => {
  it('keeps a right answer passed when a wrong one lands at the same moment', async () => {
    const quiz = { lessonKey: 'dns/coredns', quizKey: 'bbbb0002' };
    await Promise.all([
      lessons.recordQuizAnswer(alice, { ...quiz, choice: 1, correct: true }, t(10)),
      lessons.recordQuizAnswer(alice, { ...quiz, choice: 0, correct: false }, t(11)),
    ]);
    const [answer] = (await lessons.getQuizRecords(alice, quiz.lessonKey)).filter((q) => q.quizKey === quiz.quizKey);
    expect(answer.passedAt).toEqual(t(10));
  });

  it('keeps the first time a lesson was read when two reads land at once', async () => {
    const carol = (await getDb().user.create({ data: { id: 'u-carol', name: 'carol', email: 'carol@example.com' } })).id;
    await Promise.all([
      lessons.recordLessonVisit(carol, 'dns/coredns', { read: true, now: t(20) }),
      lessons.recordLessonVisit(carol, 'dns/coredns', { read: true, now: t(21) }),
    ]);
    expect((await lessons.getLessonRecords(carol)).find((r) => r.lessonKey === 'dns/coredns')?.readAt).toEqual(t(20));
  });
});

describe('lesson visits', () => {
  it('records visits, keeps the first time a lesson was read, and orders by the latest visit', async () => {
    await lessons.recordLessonVisit(alice, 'pod-network/pod-network-model', { now: t(1) });
    expect((await lessons.getLessonRecords(alice))[0]).toEqual({ lessonKey: 'pod-network/pod-network-model', lastVisitedAt: t(1), readAt: null });
    await lessons.recordLessonVisit(alice, 'pod-network/pod-network-model', { read: true, now: t(5) });
    await lessons.recordLessonVisit(alice, 'network-policies/network-policies', { now: t(6) });
    await lessons.recordLessonVisit(alice, 'pod-network/pod-network-model', { read: true, now: t(9) });
    expect(await lessons.getLessonRecords(alice)).toEqual([
      { lessonKey: 'pod-network/pod-network-model', lastVisitedAt: t(9), readAt: t(5) },
      { lessonKey: 'network-policies/network-policies', lastVisitedAt: t(6), readAt: null },
    ]);
    expect(await lessons.getLessonRecords(bob)).toEqual([]);
  });

  it('names lessons by module and slug', () => {
    expect(lessons.lessonKey('pod-network', 'pod-network-model')).toBe('pod-network/pod-network-model');
    expect(lessons.LESSON_KEY.test('pod-network/pod-network-model')).toBe(true);
    expect(lessons.LESSON_KEY.test('../etc/passwd')).toBe(false);
  });
});
