// GET /api/authoring/labs/:id/export → application/zip: the saved draft as a content/labs/<id>/
// folder (the engine's packLabArchive), ready for the repository or another Flatnet's import.

import { packLabArchive } from '@/lab-engine/labs/lab-archive';
import { getAuthoredLab } from '@/app/_server/authored-labs/authored-labs';
import { answer, labEditor, refuse, type RouteContext } from '@/app/_server/authored-labs/authoring-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: RouteContext) {
  return answer(async () => {
    const caller = await labEditor(request, context);
    if (caller instanceof Response) return caller;
    const lab = await getAuthoredLab(caller.id);
    if (!lab) return refuse(404, 'No such lab.');
    const bytes = packLabArchive(caller.id, lab.files);
    return new Response(Buffer.from(bytes), {
      headers: {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${caller.id}.zip"`,
        'cache-control': 'no-store',
      },
    });
  });
}
