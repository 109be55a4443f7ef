// GET /api/attempts/:attemptId/live → server-sent events following the attempt as it happens
// (live-replay-stream.ts): its terminal output, commands and check verdict changes. Read-only:
// there is no way to send anything to the attempt. Same door as the replay (replay-access.ts):
// signed out 401; not viewable or missing alike 404.

import { getSessionUser } from '@/app/_server/auth';
import { liveEventStream } from '@/app/_server/live-replay-stream';
import { canViewAttempt } from '@/app/_server/replay-access';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ attemptId: string }> }) {
  const user = await getSessionUser(request.headers);
  if (!user) return Response.json({ message: 'Sign in to watch attempts.' }, { status: 401 });
  const { attemptId } = await params;
  if (!(await canViewAttempt(user, attemptId))) return Response.json({ message: 'No such attempt.' }, { status: 404 });
  return new Response(liveEventStream(attemptId, request.signal), {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'private, no-store, no-transform',
      // Each event must reach the viewer at once: no compression or proxy buffering holding it back.
      'Content-Encoding': 'none',
      'X-Accel-Buffering': 'no',
    },
  });
}
