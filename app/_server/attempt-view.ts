// What the lab panel is told about an attempt, the one shape the attempt routes answer with:
// the lab's checks (grouped by step in the panel), their latest results, the hints opened so far
// and, once the lab is complete, when, how long it took and how many hints it used.

import type { Lab } from '../../lab-engine/labs/loader';
import { getCheckResults, getRevealedHints, type AttemptRecord } from './attempts';
import { labChecks } from './lab-catalogue';

export async function describeAttempt(attempt: AttemptRecord, lab: Lab) {
  return {
    attemptId: attempt.id,
    labId: lab.id,
    kind: attempt.kind,
    title: lab.title,
    status: attempt.status,
    completedAt: attempt.completedAt?.toISOString() ?? null,
    timeSpentSeconds: attempt.timeSpentSeconds,
    hintsUsed: attempt.hintsUsed,
    checks: labChecks(lab),
    results: await getCheckResults(attempt.id),
    revealedHints: attempt.kind === 'lab' ? await getRevealedHints(attempt.id) : [],
  };
}

export type AttemptView = Awaited<ReturnType<typeof describeAttempt>>;
