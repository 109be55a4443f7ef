// GET  /api/authoring/labs → { labs: [{ id, title, module, draftUpdatedAt, currentVersion, audience }] }
//      the labs the caller may edit (an instructor's own, an admin's all).
// POST /api/authoring/labs {id, title, module} → { id }: a new draft, from the scaffold `labctl new`
//      writes (a small lab that passes the self-test). 409 when the id is taken (content/labs or
//      another authored lab). Instructors and admins only (authoring-route.ts).

import { z } from 'zod';
import { scaffoldLab } from '@/lab-engine/labs/lab-scaffold';
import { createAuthoredLab, listAuthoredLabs } from '@/app/_server/authored-labs/authored-labs';
import { answer, readBody, staffCaller } from '@/app/_server/authored-labs/authoring-route';
import { MAX_MODULE_CHARS, MAX_TITLE_CHARS } from '@/app/_server/authored-labs/limits';

export const dynamic = 'force-dynamic';

const CreateRequest = z.object({
  id: z.string().min(1).max(64),
  title: z.string().min(1).max(MAX_TITLE_CHARS),
  module: z.string().min(1).max(MAX_MODULE_CHARS),
});

export async function GET(request: Request) {
  return answer(async () => {
    const user = await staffCaller(request);
    if (user instanceof Response) return user;
    return Response.json({ labs: await listAuthoredLabs(user) });
  });
}

export async function POST(request: Request) {
  return answer(async () => {
    const user = await staffCaller(request);
    if (user instanceof Response) return user;
    const body = await readBody(request, CreateRequest, '{"id": "my-lab", "title": "...", "module": "services"}');
    if (body instanceof Response) return body;
    const files = scaffoldLab({ id: body.id, title: body.title.trim(), module: body.module });
    return Response.json(await createAuthoredLab(user, { ...body, files }), { status: 201 });
  });
}
