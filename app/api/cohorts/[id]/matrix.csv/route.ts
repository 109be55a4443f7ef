// GET /api/cohorts/[id]/matrix.csv → the class view's matrix as CSV, one row per learner × lab
// (app/_server/matrix-csv.ts). 401 signed out; 404 for anyone who may not manage the cohort.

import { getSessionUser } from '@/app/_server/auth';
import { matrixCsvResponse } from '@/app/_server/matrix-csv';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return matrixCsvResponse(await getSessionUser(request.headers), id);
}
