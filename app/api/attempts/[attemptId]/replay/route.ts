// GET /api/attempts/:attemptId/replay → the attempt's replay (lab, learner, recorded terminal
// chunks, commands and check verdict changes, each with its time from the start), for whoever may
// see that attempt (replay-access.ts). Signed out: 401; not theirs or missing alike: 404.

import { getSessionUser } from '@/app/_server/auth';
import { replayFor } from '@/app/_server/replay-access';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ attemptId: string }> }) {
  const user = await getSessionUser(request.headers);
  if (!user) return Response.json({ message: 'Sign in to see replays.' }, { status: 401 });
  const { attemptId } = await params;
  const replay = await replayFor(user, attemptId);
  if (!replay) return Response.json({ message: 'No such attempt.' }, { status: 404 });
  return Response.json(replay, { headers: { 'Cache-Control': 'private, no-store' } });
}
