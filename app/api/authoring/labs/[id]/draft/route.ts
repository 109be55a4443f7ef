// PUT /api/authoring/labs/:id/draft {files} → { savedAt, draftHash }: replaces the saved draft. The
// files need not validate (an author saves work in progress), but their paths must be ones a lab
// folder may hold and their sizes within the limits (413 over the size limits, 400 otherwise).

import { z } from 'zod';
import { labFilesIssues } from '@/lab-engine/labs/lab-files';
import { saveDraft } from '@/app/_server/authored-labs/authored-labs';
import { answer, labEditor, readBody, refuse, type RouteContext } from '@/app/_server/authored-labs/authoring-route';
import { LabFilesSchema } from '@/app/_server/authored-labs/lab-files-data';

export const dynamic = 'force-dynamic';

const DraftRequest = z.object({ files: LabFilesSchema });

export async function PUT(request: Request, context: RouteContext) {
  return answer(async () => {
    const caller = await labEditor(request, context);
    if (caller instanceof Response) return caller;
    const body = await readBody(request, DraftRequest, '{"files": {"lab.yaml": "...", "steps/01-x.mdx": "..."}}');
    if (body instanceof Response) return body;
    const unsafe = labFilesIssues(body.files);
    if (unsafe.length > 0) {
      const tooLarge = unsafe.some((issue) => /larger|at most|more than/i.test(issue.message));
      return refuse(tooLarge ? 413 : 400, `${unsafe[0].file}: ${unsafe[0].message}`, { issues: unsafe });
    }
    return Response.json(await saveDraft(caller.id, body.files));
  });
}
