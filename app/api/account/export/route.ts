// GET /api/account/export → everything Flatnet keeps about the signed-in learner's learning, as a
// JSON download (app/_server/account-data.ts decides what is in it; no secrets). Never cached.

import { headers } from 'next/headers';
import { exportAccountData } from '@/app/_server/account-data';
import { getSessionUser } from '@/app/_server/auth';

export const dynamic = 'force-dynamic';

export async function GET() {
  const user = await getSessionUser(await headers());
  if (!user) return Response.json({ message: 'Sign in to download your data.' }, { status: 401 });
  const data = await exportAccountData(user.id);
  if (!data) return Response.json({ message: 'No such account.' }, { status: 404 });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="flatnet-data-${day}.json"`,
      'cache-control': 'no-store',
    },
  });
}
