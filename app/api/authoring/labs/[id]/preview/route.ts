// POST /api/authoring/labs/:id/preview {source} → { code } (mdx-bundler's function body, rendered like
// a lesson) or 400 { issues: [{ line, message }] } when the text leaves the safe subset or does not
// compile. Variables are shown with the draw of the preview seed from the saved draft's lab.yaml.

import { z } from 'zod';
import { getAuthoredLab } from '@/app/_server/authored-labs/authored-labs';
import { answer, labEditor, readBody, refuse, type RouteContext } from '@/app/_server/authored-labs/authoring-route';
import { compileAuthoredMdx } from '@/app/_server/authored-labs/mdx';
import { previewValues } from '@/app/_server/authored-labs/validate';
import { MAX_AUTHORED_MDX_CHARS } from '@/app/_lessons/safe-mdx';

export const dynamic = 'force-dynamic';

const PreviewRequest = z.object({ source: z.string().max(MAX_AUTHORED_MDX_CHARS) });

export async function POST(request: Request, context: RouteContext) {
  return answer(async () => {
    const caller = await labEditor(request, context);
    if (caller instanceof Response) return caller;
    const body = await readBody(request, PreviewRequest, `{"source": "..."} (at most ${MAX_AUTHORED_MDX_CHARS} characters)`);
    if (body instanceof Response) return body;
    const lab = await getAuthoredLab(caller.id);
    const values = lab ? await previewValues(caller.id, lab.files) : {};
    const compiled = await compileAuthoredMdx(body.source, values);
    if (!compiled.ok) return refuse(400, compiled.issues[0]?.message ?? 'The text is not allowed.', { issues: compiled.issues });
    return Response.json({ code: compiled.code });
  });
}
