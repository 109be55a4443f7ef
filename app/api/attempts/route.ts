// GET  /api/attempts?labId=ID[&kind=sandbox] → the signed-in learner's open attempt of that kind
//      (default `lab`, the graded one) at that lab, or 404.
// POST /api/attempts {labId, kind?}  → that attempt, created when there is none.
// A `sandbox` is the cluster beside a module's lessons: same lab setup, never graded.
// The terminal itself is reached over the WebSocket (lab-engine/gateway/terminal-socket.ts).

import { headers } from 'next/headers';
import { z } from 'zod';
import { getSessionUser } from '@/app/_server/auth';
import { findActiveAttempt, getOrCreateActiveAttempt, type AttemptKind } from '@/app/_server/attempts';
import { describeAttempt } from '@/app/_server/attempt-view';
import { findLab } from '@/app/_server/lab-catalogue';
import { isCrossSite } from '@/app/_server/same-origin';

export const dynamic = 'force-dynamic';

const Kind = z.enum(['lab', 'sandbox'] satisfies AttemptKind[]).default('lab');
const StartRequest = z.object({ labId: z.string().min(1).max(64), kind: Kind });

export async function GET(request: Request) {
  const user = await getSessionUser(await headers());
  if (!user) return Response.json({ message: 'Sign in to use labs.' }, { status: 401 });
  const query = new URL(request.url).searchParams;
  const labId = query.get('labId') ?? '';
  const kind = Kind.safeParse(query.get('kind') ?? undefined);
  if (!kind.success) return Response.json({ message: 'kind is lab or sandbox.' }, { status: 400 });
  const lab = await findLab(labId);
  if (!lab) return Response.json({ message: `No lab named "${labId}".` }, { status: 404 });
  const attempt = await findActiveAttempt(user.id, lab.id, kind.data);
  if (!attempt) return Response.json({ message: 'No attempt yet.' }, { status: 404 });
  return Response.json(await describeAttempt(attempt, lab));
}

export async function POST(request: Request) {
  const requestHeaders = await headers();
  if (isCrossSite(requestHeaders)) return Response.json({ message: 'Cross-site requests cannot start a lab.' }, { status: 403 });
  const user = await getSessionUser(requestHeaders);
  if (!user) return Response.json({ message: 'Sign in to use labs.' }, { status: 401 });
  const parsed = StartRequest.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ message: 'Send {"labId": "...", "kind": "lab" or "sandbox"}.' }, { status: 400 });
  const lab = await findLab(parsed.data.labId);
  if (!lab) return Response.json({ message: `No lab named "${parsed.data.labId}".` }, { status: 404 });
  if (lab.sandbox && parsed.data.kind === 'lab') return Response.json({ message: `"${lab.id}" is a lesson sandbox, not a lab to solve: start it with kind "sandbox".` }, { status: 400 });
  const attempt = await getOrCreateActiveAttempt(user.id, lab.id, lab.seed ?? 1, parsed.data.kind);
  return Response.json(await describeAttempt(attempt, lab));
}
