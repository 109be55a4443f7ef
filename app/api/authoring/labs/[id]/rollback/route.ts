// POST /api/authoring/labs/:id/rollback {number} → { number }: version `number`'s files published
// again as a new version, which becomes the current one. The draft is left as it is.

import { z } from 'zod';
import { rollbackTo } from '@/app/_server/authored-labs/authored-labs';
import { answer, labEditor, readBody, type RouteContext } from '@/app/_server/authored-labs/authoring-route';

export const dynamic = 'force-dynamic';

const RollbackRequest = z.object({ number: z.number().int().min(1).max(1_000_000) });

export async function POST(request: Request, context: RouteContext) {
  return answer(async () => {
    const caller = await labEditor(request, context);
    if (caller instanceof Response) return caller;
    const body = await readBody(request, RollbackRequest, '{"number": 2}');
    if (body instanceof Response) return body;
    return Response.json(await rollbackTo(caller.id, caller.user, body.number));
  });
}
