// POST /api/authoring/labs/:id/try → { attemptId }: a fresh trial attempt (kind `trial`) on the saved
// draft, the author's scratch terminal; the previous trial closes and its terminal stops. The
// editor's LabPanel then attaches with labId = id, mode 'trial'. 400 with the issues when the saved
// draft does not load.

import { replaceActiveAttempt } from '@/app/_server/attempts';
import { getAuthoredLab } from '@/app/_server/authored-labs/authored-labs';
import { attemptSeedFor, draftLab } from '@/app/_server/authored-labs/attempt-lab';
import { answer, labEditor, refuse, type RouteContext } from '@/app/_server/authored-labs/authoring-route';
import { checkDraft } from '@/app/_server/authored-labs/validate';
import { stopLiveSession } from '@/app/_server/live-sessions';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, context: RouteContext) {
  return answer(async () => {
    const caller = await labEditor(request, context);
    if (caller instanceof Response) return caller;
    const lab = await draftLab(caller.id);
    if (!lab) {
      const saved = await getAuthoredLab(caller.id);
      const issues = saved ? (await checkDraft(caller.id, saved.files)).issues : [];
      return refuse(400, 'The saved draft does not load yet; fix the issues and save.', { issues });
    }
    const { attempt, closedId } = await replaceActiveAttempt(caller.user.id, caller.id, attemptSeedFor(lab), 'trial');
    if (closedId) await stopLiveSession(closedId);
    return Response.json({ attemptId: attempt.id });
  });
}
