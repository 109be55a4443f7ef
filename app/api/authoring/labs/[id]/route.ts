// GET /api/authoring/labs/:id → { id, title, module, files, draftUpdatedAt, draftHash, currentVersion,
// audience, selfTest: { filesHash, passed, report, at } | null }: everything the editor opens with.
// `selfTest.filesHash === draftHash` means the last self-test ran on exactly the saved draft.
//
// DELETE /api/authoring/labs/:id[?force=1] → { deleted: true, closedAttempts }: its owner or an
// admin deletes the lab — its draft, self-test, every published version, its authors' trial runs
// and the cohorts' choice of it (due dates included). Learners' attempts are kept (their check
// results, commands and hints stay in their data export; only the pinned version goes), and the
// id stays taken while they exist. While a learner is mid-attempt (an active, unfinished attempt)
// the answer is 409 with how many, unless `force=1`, which ends those attempts as a reset would
// (`closedAttempts` counts them). A finished attempt never blocks.

import { z } from 'zod';
import { deleteAuthoredLab, getAuthoredLab } from '@/app/_server/authored-labs/authored-labs';
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

const DeleteQuery = z.object({ force: z.enum(['0', '1']).optional() });

export async function DELETE(request: Request, context: RouteContext) {
  return answer(async () => {
    const caller = await labEditor(request, context);
    if (caller instanceof Response) return caller;
    const query = DeleteQuery.safeParse({ force: new URL(request.url).searchParams.get('force') ?? undefined });
    if (!query.success) return refuse(400, 'Send force=1 to delete a lab learners are in the middle of, or no force at all.');
    const result = await deleteAuthoredLab(caller.id, { force: query.data.force === '1' });
    if (!result.deleted) return refuse(404, 'No such lab.');
    return Response.json({ deleted: true, closedAttempts: result.closedAttempts }, { headers: { 'cache-control': 'no-store' } });
  });
}
