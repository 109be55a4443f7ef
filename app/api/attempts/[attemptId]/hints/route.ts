// POST /api/attempts/:attemptId/hints {stepId, hintIndex} → records that the learner opened that
// hint of their lab attempt and answers with every hint opened so far. Hints open in order (the
// panel asks for confirmation before the last one, which gives the answer away); the count is
// kept with the attempt when it completes.

import { headers } from 'next/headers';
import { z } from 'zod';
import { getAttemptForUser, revealHint } from '@/app/_server/attempts';
import { getSessionUser } from '@/app/_server/auth';
import { labOfOwnAttempt } from '@/app/_server/authored-labs/lab-access';
import { isCrossSite } from '@/app/_server/same-origin';

export const dynamic = 'force-dynamic';

const ATTEMPT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const RevealRequest = z.object({ stepId: z.string().min(1).max(64), hintIndex: z.number().int().min(0).max(99) });

export async function POST(request: Request, { params }: { params: Promise<{ attemptId: string }> }) {
  const requestHeaders = await headers();
  if (isCrossSite(requestHeaders)) return Response.json({ message: 'Cross-site requests cannot open hints.' }, { status: 403 });
  const user = await getSessionUser(requestHeaders);
  if (!user) return Response.json({ message: 'Sign in to use labs.' }, { status: 401 });
  const { attemptId } = await params;
  const parsed = RevealRequest.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ message: 'Send {"stepId": "...", "hintIndex": 0}.' }, { status: 400 });
  const attempt = ATTEMPT_ID.test(attemptId) ? await getAttemptForUser(attemptId, user.id) : null;
  if (!attempt) return Response.json({ message: 'No such attempt.' }, { status: 404 });
  const lab = await labOfOwnAttempt(user, attempt);
  const step = lab?.steps.find((s) => s.id === parsed.data.stepId);
  if (!step || parsed.data.hintIndex >= step.hints.length) return Response.json({ message: 'No such hint.' }, { status: 404 });
  const result = await revealHint(attempt.id, user.id, step.id, parsed.data.hintIndex);
  if (!result.ok) {
    return result.reason === 'out-of-order'
      ? Response.json({ message: 'Open the hints before this one first.' }, { status: 409 })
      : Response.json({ message: 'This attempt takes no hints (it was reset, or it is a sandbox).' }, { status: 404 });
  }
  return Response.json({ revealedHints: result.revealed });
}
