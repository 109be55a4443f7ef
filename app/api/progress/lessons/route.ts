// GET  /api/progress/lessons?lesson=<module>/<lesson> → whether the learner read that lesson, and
//      their saved quiz answers in it.
// POST /api/progress/lessons {lessonKey, read?} → the learner opened the lesson (read: reached its end).

import { headers } from 'next/headers';
import { z } from 'zod';
import { getSessionUser } from '@/app/_server/auth';
import { getModule } from '@/app/_lessons/catalogue';
import { getLessonRecords, getQuizRecords, LESSON_KEY, recordLessonVisit } from '@/app/_server/lesson-progress';
import { isCrossSite } from '@/app/_server/same-origin';

export const dynamic = 'force-dynamic';

const VisitRequest = z.object({ lessonKey: z.string().regex(LESSON_KEY), read: z.boolean().default(false) });

async function lessonExists(key: string): Promise<boolean> {
  const [moduleSlug, lessonSlug] = key.split('/');
  return (await getModule(moduleSlug))?.lessons.some((l) => l.slug === lessonSlug) ?? false;
}

export async function GET(request: Request) {
  const user = await getSessionUser(await headers());
  if (!user) return Response.json({ message: 'Sign in to keep your progress.' }, { status: 401 });
  const key = new URL(request.url).searchParams.get('lesson') ?? '';
  if (!LESSON_KEY.test(key) || !(await lessonExists(key))) return Response.json({ message: 'No such lesson.' }, { status: 404 });
  const [visits, quizzes] = await Promise.all([getLessonRecords(user.id), getQuizRecords(user.id, key)]);
  const visit = visits.find((v) => v.lessonKey === key);
  return Response.json(
    {
      read: Boolean(visit?.readAt),
      quizzes: quizzes.map((q) => ({ quizKey: q.quizKey, choice: q.choice, correct: q.correct, passed: q.passedAt !== null })),
    },
    { headers: { 'cache-control': 'no-store' } },
  );
}

export async function POST(request: Request) {
  const requestHeaders = await headers();
  if (isCrossSite(requestHeaders)) return Response.json({ message: 'Cross-site requests cannot record progress.' }, { status: 403 });
  const user = await getSessionUser(requestHeaders);
  if (!user) return Response.json({ message: 'Sign in to keep your progress.' }, { status: 401 });
  const parsed = VisitRequest.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ message: 'Send {"lessonKey": "<module>/<lesson>", "read": true|false}.' }, { status: 400 });
  if (!(await lessonExists(parsed.data.lessonKey))) return Response.json({ message: 'No such lesson.' }, { status: 404 });
  const record = await recordLessonVisit(user.id, parsed.data.lessonKey, { read: parsed.data.read });
  return Response.json({ read: record.readAt !== null });
}
