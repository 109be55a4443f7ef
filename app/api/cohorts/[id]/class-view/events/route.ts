// GET /api/cohorts/[id]/class-view/events → the cohort's class view as server-sent events, live
// (app/_server/class-view-events.ts). 401 signed out; 404 for anyone who may not manage the cohort.

import { getSessionUser } from '@/app/_server/auth';
import { classViewEventsResponse } from '@/app/_server/class-view-events';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return classViewEventsResponse(await getSessionUser(request.headers), id, request.signal);
}
