// GET /api/custom-labs → { labs: [{ id, title, module, href }] }: the labs written in the browser that
// the signed-in user may open (their instructors' labs published to their cohorts, labs published
// to everyone, their own; all for an admin), for the course index and dashboards, which are static
// pages that fill in per user after load. Signed out: 401.

import { headers } from 'next/headers';
import { getSessionUser } from '@/app/_server/auth';
import { listVisibleAuthoredLabs } from '@/app/_server/authored-labs/custom-lab-view';

export const dynamic = 'force-dynamic';

export async function GET() {
  const user = await getSessionUser(await headers());
  if (!user) return Response.json({ message: 'Sign in to see labs from your instructors.' }, { status: 401 });
  return Response.json({ labs: await listVisibleAuthoredLabs(user) }, { headers: { 'cache-control': 'no-store' } });
}
