// GET  /api/attempts?labId=ID → the signed-in learner's active attempt for that lab, or 404.
// POST /api/attempts {labId}  → that attempt, created when there is none.
// The terminal itself is reached over the WebSocket (lab-engine/gateway/terminal-socket.ts).

import { headers } from 'next/headers';
import { z } from 'zod';
import { getSessionUser } from '@/app/_server/auth';
import { findActiveAttempt, getCheckResults, getOrCreateActiveAttempt } from '@/app/_server/attempts';
import { findLab, labChecks } from '@/app/_server/lab-catalogue';

export const dynamic = 'force-dynamic';

const StartRequest = z.object({ labId: z.string().min(1).max(64) });

async function describe(attempt: { id: string; labId: string }, labId: string) {
  const lab = await findLab(labId);
  if (!lab) return null;
  return {
    attemptId: attempt.id,
    labId: lab.id,
    title: lab.title,
    checks: labChecks(lab),
    results: await getCheckResults(attempt.id),
  };
}

export async function GET(request: Request) {
  const user = await getSessionUser(await headers());
  if (!user) return Response.json({ message: 'Sign in to use labs.' }, { status: 401 });
  const labId = new URL(request.url).searchParams.get('labId') ?? '';
  const lab = await findLab(labId);
  if (!lab) return Response.json({ message: `No lab named "${labId}".` }, { status: 404 });
  const attempt = await findActiveAttempt(user.id, lab.id);
  if (!attempt) return Response.json({ message: 'No attempt yet.' }, { status: 404 });
  return Response.json(await describe(attempt, lab.id));
}

export async function POST(request: Request) {
  const user = await getSessionUser(await headers());
  if (!user) return Response.json({ message: 'Sign in to use labs.' }, { status: 401 });
  const parsed = StartRequest.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ message: 'Send {"labId": "..."}.' }, { status: 400 });
  const lab = await findLab(parsed.data.labId);
  if (!lab) return Response.json({ message: `No lab named "${parsed.data.labId}".` }, { status: 404 });
  const attempt = await getOrCreateActiveAttempt(user.id, lab.id, lab.seed ?? 1);
  return Response.json(await describe(attempt, lab.id));
}
