// POST /api/attempts/:attemptId/reset → closes the learner's attempt (its history stays for the
// record), stops its live terminal session, and answers with a fresh attempt on the same lab, of
// the same kind (an authored lab's fresh attempt pins its current version; a lesson sandbox's reset never touches the lab's graded attempt, nor the reverse).
// Same-origin only: a cross-site form cannot reset a learner's lab.

import { headers } from 'next/headers';
import { getSessionUser } from '@/app/_server/auth';
import { getOrCreateActiveAttempt, resetAttempt } from '@/app/_server/attempts';
import { describeAttempt } from '@/app/_server/attempt-view';
import { attemptSeedFor } from '@/app/_server/authored-labs/attempt-lab';
import { labToStart } from '@/app/_server/authored-labs/lab-access';
import { stopLiveSession } from '@/app/_server/live-sessions';
import { isCrossSite } from '@/app/_server/same-origin';

export const dynamic = 'force-dynamic';

const ATTEMPT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export async function POST(request: Request, { params }: { params: Promise<{ attemptId: string }> }) {
  const requestHeaders = await headers();
  if (isCrossSite(requestHeaders)) return Response.json({ message: 'Cross-site requests cannot reset a lab.' }, { status: 403 });
  const user = await getSessionUser(requestHeaders);
  if (!user) return Response.json({ message: 'Sign in to use labs.' }, { status: 401 });
  const { attemptId } = await params;
  if (!ATTEMPT_ID.test(attemptId)) return Response.json({ message: 'No such attempt.' }, { status: 404 });
  const closed = await resetAttempt(attemptId, user.id);
  if (!closed) return Response.json({ message: 'No such attempt, or it was already reset.' }, { status: 404 });
  // The old terminal ends here; its last snapshot is saved with the closed attempt.
  await stopLiveSession(attemptId);
  // The fresh attempt runs what a new one would: an authored lab's current version, a trial's saved draft.
  const start = await labToStart(user, closed.labId, closed.kind);
  if (!start) return Response.json({ message: `No lab named "${closed.labId}".` }, { status: 404 });
  const fresh = await getOrCreateActiveAttempt(user.id, closed.labId, attemptSeedFor(start.lab), closed.kind, start.labVersionId);
  return Response.json(await describeAttempt(fresh, start.lab));
}
