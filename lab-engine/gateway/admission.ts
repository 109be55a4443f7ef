// Who may start a lab session: a per-user cap and a global cap on live labsh processes, so that
// unlimited sign-ups cannot exhaust the machine's memory (issue 14, finding 3). A pure decision
// over the sessions' facts, so the rules are tested without processes; SessionManager applies it.

import type { SessionRefusalReason } from '../protocol';

/** What admission needs to know of one live (or starting) session. */
export interface SessionFacts {
  attemptId: string;
  userId: string;
  /** Terminals attached now; 0 means idle (a closed tab, waiting for the idle reaper). */
  clientCount: number;
  /** When a terminal last attached, on the manager's clock: the oldest idle one goes first. */
  lastAttachAt: number;
}

export interface AdmissionLimits {
  maxSessions: number;
  maxSessionsPerUser: number;
}

export type AdmissionRefusalReason = SessionRefusalReason;

export type AdmissionDecision =
  | { kind: 'admit'; reap: string[] }
  | { kind: 'refuse'; reason: AdmissionRefusalReason; running: number; limit: number };

function oldestIdleFirst(sessions: SessionFacts[]): SessionFacts[] {
  return sessions.filter((s) => s.clientCount === 0).sort((a, b) => a.lastAttachAt - b.lastAttachAt);
}

/**
 * Whether `userId` may start one more session given those running. A user at their cap gives up
 * their oldest idle session; a full machine takes one of the user's own idle sessions too, but never
 * another learner's (theirs are reaped by the idle timer, not by someone else's arrival).
 */
export function decideAdmission(userId: string, running: SessionFacts[], limits: AdmissionLimits): AdmissionDecision {
  const own = running.filter((s) => s.userId === userId);
  const spare = oldestIdleFirst(own);
  const reap: string[] = [];
  let ownCount = own.length;
  let total = running.length;
  while (ownCount >= limits.maxSessionsPerUser) {
    const victim = spare.shift();
    if (!victim) return { kind: 'refuse', reason: 'user-limit', running: own.length, limit: limits.maxSessionsPerUser };
    reap.push(victim.attemptId);
    ownCount -= 1;
    total -= 1;
  }
  while (total >= limits.maxSessions) {
    const victim = spare.shift();
    if (!victim) return { kind: 'refuse', reason: 'machine-full', running: running.length, limit: limits.maxSessions };
    reap.push(victim.attemptId);
    total -= 1;
  }
  return { kind: 'admit', reap };
}

/** Thrown by SessionManager.sessionFor when a session may not start; the terminal socket reports it. */
export class AdmissionRefusedError extends Error {
  constructor(
    readonly reason: AdmissionRefusalReason,
    readonly running: number,
    readonly limit: number,
  ) {
    super(`lab session refused: ${reason} (${running} of ${limit})`);
    this.name = 'AdmissionRefusedError';
  }
}
