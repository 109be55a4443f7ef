// GET /api/authoring/labs/:id/versions → { versions: [{ number, note, createdAt, createdBy, current }] },
// newest first; the current one is the highest number.

import { listVersions } from '@/app/_server/authored-labs/authored-labs';
import { answer, labEditor, type RouteContext } from '@/app/_server/authored-labs/authoring-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: RouteContext) {
  return answer(async () => {
    const caller = await labEditor(request, context);
    if (caller instanceof Response) return caller;
    return Response.json({ versions: await listVersions(caller.id) }, { headers: { 'cache-control': 'no-store' } });
  });
}
