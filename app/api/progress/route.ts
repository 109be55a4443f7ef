// GET /api/progress → the signed-in learner's progress through the course (lessons read, quizzes
// passed, labs done, per module and in total; every lab's status and best time; where to
// continue). Pages are static HTML, so their progress bars ask for this after loading.

import { headers } from 'next/headers';
import { getSessionUser } from '@/app/_server/auth';
import { courseProgress } from '@/app/_server/course-progress';

export const dynamic = 'force-dynamic';

export async function GET() {
  const user = await getSessionUser(await headers());
  if (!user) return Response.json({ message: 'Sign in to keep your progress.' }, { status: 401 });
  return Response.json(await courseProgress(user.id), { headers: { 'cache-control': 'no-store' } });
}
