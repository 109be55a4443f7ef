// POST /api/authoring/labs/:id/record-solution {attemptId} → { solution }: the commands the author
// typed in a trial of this lab that succeeded (exit 0), in order, one a line: a starting point for
// lab.yaml's `solution:`, which the editor fills in and the self-test then proves.

import { z } from 'zod';
import { getAttemptForUser, getRecentCommands } from '@/app/_server/attempts';
import { answer, labEditor, readBody, refuse, type RouteContext } from '@/app/_server/authored-labs/authoring-route';
import { MAX_RECORDED_COMMANDS } from '@/app/_server/authored-labs/limits';

export const dynamic = 'force-dynamic';

const RecordRequest = z.object({ attemptId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

export async function POST(request: Request, context: RouteContext) {
  return answer(async () => {
    const caller = await labEditor(request, context);
    if (caller instanceof Response) return caller;
    const body = await readBody(request, RecordRequest, '{"attemptId": "..."}');
    if (body instanceof Response) return body;
    const attempt = await getAttemptForUser(body.attemptId, caller.user.id);
    if (!attempt || attempt.kind !== 'trial' || attempt.labId !== caller.id) return refuse(404, 'No such trial of this lab.');
    const commands = await getRecentCommands(attempt.id, MAX_RECORDED_COMMANDS);
    const lines = commands.filter((command) => command.exitCode === 0 && command.line.trim() !== '').map((command) => command.line.trim());
    return Response.json({ solution: lines.length > 0 ? `${lines.join('\n')}\n` : '' });
  });
}
