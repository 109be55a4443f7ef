// GET /api/authoring/labs/:id/diff?from=N&to=M|draft → { files: [{ path, patch }] }: unified diffs of
// every file that differs between version N and version M (or the saved draft).

import { getAuthoredLab, versionFiles } from '@/app/_server/authored-labs/authored-labs';
import { answer, labEditor, refuse, type RouteContext } from '@/app/_server/authored-labs/authoring-route';
import { diffLabFiles } from '@/app/_server/authored-labs/lab-diff';
import type { LabFiles } from '@/app/_server/authored-labs/lab-files-data';

export const dynamic = 'force-dynamic';

const VERSION = /^[1-9]\d{0,5}$/;

async function side(labId: string, which: string | null): Promise<LabFiles | null> {
  if (which === 'draft') return (await getAuthoredLab(labId))?.files ?? null;
  if (which === null || !VERSION.test(which)) return null;
  return versionFiles(labId, Number(which));
}

export async function GET(request: Request, context: RouteContext) {
  return answer(async () => {
    const caller = await labEditor(request, context);
    if (caller instanceof Response) return caller;
    const query = new URL(request.url).searchParams;
    const from = query.get('from');
    const to = query.get('to') ?? 'draft';
    if (from === null || !VERSION.test(from) || (to !== 'draft' && !VERSION.test(to))) return refuse(400, 'Ask for ?from=N&to=M or ?from=N&to=draft (version numbers).');
    const [before, after] = await Promise.all([side(caller.id, from), side(caller.id, to)]);
    if (!before || !after) return refuse(404, 'No such version.');
    return Response.json({ files: diffLabFiles(before, after, { from: `version ${from}`, to: to === 'draft' ? 'draft' : `version ${to}` }) });
  });
}
