// POST /api/progress/quizzes {lessonKey, quizKey, choice} → saves the learner's answer to one quiz
// of a lesson, graded here against the lesson's own MDX (the browser only says what was chosen).

import { headers } from 'next/headers';
import { z } from 'zod';
import { getSessionUser } from '@/app/_server/auth';
import { getModule } from '@/app/_lessons/catalogue';
import { lessonQuizzes } from '@/app/_lessons/lesson-quizzes';
import { QUIZ_KEY } from '@/app/_lessons/quiz-key';
import { LESSON_KEY, recordQuizAnswer } from '@/app/_server/lesson-progress';
import { isCrossSite } from '@/app/_server/same-origin';

export const dynamic = 'force-dynamic';

const AnswerRequest = z.object({
  lessonKey: z.string().regex(LESSON_KEY),
  quizKey: z.string().regex(QUIZ_KEY),
  choice: z.number().int().min(0).max(99),
});

export async function POST(request: Request) {
  const requestHeaders = await headers();
  if (isCrossSite(requestHeaders)) return Response.json({ message: 'Cross-site requests cannot record answers.' }, { status: 403 });
  const user = await getSessionUser(requestHeaders);
  if (!user) return Response.json({ message: 'Sign in to keep your answers.' }, { status: 401 });
  const parsed = AnswerRequest.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ message: 'Send {"lessonKey": "...", "quizKey": "...", "choice": 0}.' }, { status: 400 });
  const { lessonKey, quizKey, choice } = parsed.data;
  const [moduleSlug, lessonSlug] = lessonKey.split('/');
  const lesson = (await getModule(moduleSlug))?.lessons.find((l) => l.slug === lessonSlug);
  const quiz = lesson ? (await lessonQuizzes(lesson.path)).find((q) => q.key === quizKey) : undefined;
  if (!quiz || choice >= quiz.optionCount) return Response.json({ message: 'No such quiz or option.' }, { status: 404 });
  const record = await recordQuizAnswer(user.id, { lessonKey, quizKey, choice, correct: choice === quiz.answer });
  return Response.json({ correct: record.correct, passed: record.passedAt !== null });
}
