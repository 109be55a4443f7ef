// GET /api/authoring/labs/:id → { id, title, module, files, draftUpdatedAt, draftHash, currentVersion,
// audience, selfTest: { filesHash, passed, report, at } | null }: everything the editor opens with.
// `selfTest.filesHash === draftHash` means the last self-test ran on exactly the saved draft.

import { getAuthoredLab } from '@/app/_server/authored-labs/authored-labs';
import { answer, labEditor, refuse, type RouteContext } from '@/app/_server/authored-labs/authoring-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: RouteContext) {
  return answer(async () => {
    const caller = await labEditor(request, context);
    if (caller instanceof Response) return caller;
    const lab = await getAuthoredLab(caller.id);
    if (!lab) return refuse(404, 'No such lab.');
    const { ownerId: _owner, ...view } = lab;
    return Response.json(view, { headers: { 'cache-control': 'no-store' } });
  });
}
