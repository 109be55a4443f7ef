// POST /api/authoring/labs/:id/validate {files} → { issues: [{ file, line?, column?, path, message }] }:
// the editor's check as the author types (lab.yaml through the engine's loader, each steps/*.mdx
// through the safe-MDX check). Nothing is saved.

import { z } from 'zod';
import { answer, labEditor, readBody, type RouteContext } from '@/app/_server/authored-labs/authoring-route';
import { LabFilesSchema } from '@/app/_server/authored-labs/lab-files-data';
import { checkDraft } from '@/app/_server/authored-labs/validate';

export const dynamic = 'force-dynamic';

const ValidateRequest = z.object({ files: LabFilesSchema });

export async function POST(request: Request, context: RouteContext) {
  return answer(async () => {
    const caller = await labEditor(request, context);
    if (caller instanceof Response) return caller;
    const body = await readBody(request, ValidateRequest, '{"files": {"lab.yaml": "...", ...}}');
    if (body instanceof Response) return body;
    const { issues } = await checkDraft(caller.id, body.files);
    return Response.json({ issues });
  });
}
