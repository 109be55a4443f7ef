// POST /api/authoring/labs/:id/publish {note?, audience?: 'cohorts'|'everyone'} → { number }: the saved
// draft becomes the next version, the one learners start from now on (attempts already running keep
// theirs). 409 unless the last self-test passed on exactly the saved draft; 403 for `everyone`
// unless the caller is an admin.

import { z } from 'zod';
import { publishDraft } from '@/app/_server/authored-labs/authored-labs';
import { answer, labEditor, readBody, type RouteContext } from '@/app/_server/authored-labs/authoring-route';
import { MAX_NOTE_CHARS } from '@/app/_server/authored-labs/limits';

export const dynamic = 'force-dynamic';

const PublishRequest = z.object({ note: z.string().max(MAX_NOTE_CHARS).optional(), audience: z.enum(['cohorts', 'everyone']).optional() });

export async function POST(request: Request, context: RouteContext) {
  return answer(async () => {
    const caller = await labEditor(request, context);
    if (caller instanceof Response) return caller;
    const body = await readBody(request, PublishRequest, '{"note": "...", "audience": "cohorts" or "everyone"}');
    if (body instanceof Response) return body;
    return Response.json(await publishDraft(caller.id, caller.user, body));
  });
}
