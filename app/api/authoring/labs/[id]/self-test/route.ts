// POST /api/authoring/labs/:id/self-test → { passed, filesHash, report }: the saved draft proved by
// `labctl test --json` in a child process (authored-labs/self-test-runner.ts; 429 when too many are
// queued). Step texts must also be in the safe subset: a draft whose texts are refused fails here
// without running. The outcome is remembered with the hash of the files it ran on; publishing asks for it.

import { getAuthoredLab, recordSelfTest } from '@/app/_server/authored-labs/authored-labs';
import { answer, labEditor, refuse, type RouteContext } from '@/app/_server/authored-labs/authoring-route';
import { runSelfTest } from '@/app/_server/authored-labs/self-test-runner';
import { checkDraft } from '@/app/_server/authored-labs/validate';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, context: RouteContext) {
  return answer(async () => {
    const caller = await labEditor(request, context);
    if (caller instanceof Response) return caller;
    const lab = await getAuthoredLab(caller.id);
    if (!lab) return refuse(404, 'No such lab.');
    const filesHash = lab.draftHash;
    const { issues } = await checkDraft(caller.id, lab.files);
    const outcome = issues.length > 0
      ? { passed: false, report: { id: caller.id, passed: false, error: 'The draft has problems to fix first (see the issues).', issues } }
      : await runSelfTest(caller.id, lab.files);
    await recordSelfTest(caller.id, { filesHash, ...outcome });
    return Response.json({ passed: outcome.passed, filesHash, report: outcome.report });
  });
}
