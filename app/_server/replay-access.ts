// The replay of an attempt for a viewer, or null: the one door the replay and live-watch routes
// go through. Who may look is authz.ts's answer (a learner: their own; an instructor: members of
// their cohorts; an admin: all); a refusal and a missing attempt both come back null (a 404), so
// guessing ids tells nothing.

import { loadReplay, type Replay } from './attempt-replay';
import type { SessionUser } from './auth';
import { viewableAttemptOwner } from './authz';

/** Attempt ids are cuids; anything else is refused before the database is asked. */
export const ATTEMPT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** May `viewer` watch or replay the attempt? */
export async function canViewAttempt(viewer: SessionUser | null, attemptId: string): Promise<boolean> {
  if (!ATTEMPT_ID_PATTERN.test(attemptId)) return false;
  return (await viewableAttemptOwner(viewer, attemptId)) !== null;
}

export async function replayFor(viewer: SessionUser | null, attemptId: string): Promise<Replay | null> {
  if (!(await canViewAttempt(viewer, attemptId))) return null;
  return loadReplay(attemptId);
}
