// GET  /api/attempts?labId=ID[&kind=sandbox|trial] → the signed-in user's open attempt of that
//      kind (default `lab`, the graded one) at that lab, or 404.
// POST /api/attempts {labId, kind?}  → that attempt, created when there is none.
// A `sandbox` is the cluster beside a module's lessons: same lab setup, never graded. A `trial` is
// an author's run at the saved draft of a lab they write in the browser (authored-labs/lab-access.ts
// says who may start what). An authored lab's attempt pins the version current when it started.
// The terminal itself is reached over the WebSocket (lab-engine/gateway/terminal-socket.ts).

import { headers } from 'next/headers';
import { z } from 'zod';
import { getSessionUser } from '@/app/_server/auth';
import { findActiveAttempt, getOrCreateActiveAttempt, type AttemptKind } from '@/app/_server/attempts';
import { describeAttempt } from '@/app/_server/attempt-view';
import { attemptSeedFor } from '@/app/_server/authored-labs/attempt-lab';
import { labOfOwnAttempt, labToStart } from '@/app/_server/authored-labs/lab-access';
import { isCrossSite } from '@/app/_server/same-origin';

export const dynamic = 'force-dynamic';

const Kind = z.enum(['lab', 'sandbox', 'trial'] satisfies AttemptKind[]).default('lab');
const LabId = z.string().min(1).max(64);
const StartRequest = z.object({ labId: LabId, kind: Kind });

export async function GET(request: Request) {
  const user = await getSessionUser(await headers());
  if (!user) return Response.json({ message: 'Sign in to use labs.' }, { status: 401 });
  const query = new URL(request.url).searchParams;
  const labId = LabId.safeParse(query.get('labId') ?? '');
  const kind = Kind.safeParse(query.get('kind') ?? undefined);
  if (!kind.success) return Response.json({ message: 'kind is lab, sandbox or trial.' }, { status: 400 });
  if (!labId.success) return Response.json({ message: 'No such lab.' }, { status: 404 });
  const attempt = await findActiveAttempt(user.id, labId.data, kind.data);
  const lab = attempt ? await labOfOwnAttempt(user, attempt) : (await labToStart(user, labId.data, kind.data))?.lab;
  if (!lab) return Response.json({ message: `No lab named "${labId.data}".` }, { status: 404 });
  if (!attempt) return Response.json({ message: 'No attempt yet.' }, { status: 404 });
  return Response.json(await describeAttempt(attempt, lab));
}

export async function POST(request: Request) {
  const requestHeaders = await headers();
  if (isCrossSite(requestHeaders)) return Response.json({ message: 'Cross-site requests cannot start a lab.' }, { status: 403 });
  const user = await getSessionUser(requestHeaders);
  if (!user) return Response.json({ message: 'Sign in to use labs.' }, { status: 401 });
  const parsed = StartRequest.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ message: 'Send {"labId": "...", "kind": "lab", "sandbox" or "trial"}.' }, { status: 400 });
  const { labId, kind } = parsed.data;
  const existing = await findActiveAttempt(user.id, labId, kind);
  if (existing) {
    const lab = await labOfOwnAttempt(user, existing);
    if (!lab) return Response.json({ message: `No lab named "${labId}".` }, { status: 404 });
    return Response.json(await describeAttempt(existing, lab));
  }
  const start = await labToStart(user, labId, kind);
  if (!start) return Response.json({ message: `No lab named "${labId}".` }, { status: 404 });
  if (start.lab.sandbox && kind === 'lab') return Response.json({ message: `"${labId}" is a lesson sandbox, not a lab to solve: start it with kind "sandbox".` }, { status: 400 });
  const attempt = await getOrCreateActiveAttempt(user.id, labId, attemptSeedFor(start.lab), kind, start.labVersionId);
  return Response.json(await describeAttempt(attempt, start.lab));
}
