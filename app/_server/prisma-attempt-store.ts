// The gateway's AttemptStore port over the app's attempts module (Prisma on SQLite): the adapter
// the server entry injects into the gateway, so lab-engine never imports the app. Check results
// arrive here from labsh, so this is where a lab attempt becomes complete: when every check of
// its lab has passed (attempt-completion.ts; a lesson sandbox never completes).

import type { AttemptRef, AttemptStore } from '../../lab-engine/gateway';
import type { SimulationSnapshot } from '../../lab-engine/simulation/contract';
import type { CheckResultMessage } from '../../lab-engine/protocol';
import * as attempts from './attempts';
import { findLab, labChecks } from './lab-catalogue';

export class PrismaAttemptStore implements AttemptStore {
  async findForUser(attemptId: string, userId: string): Promise<AttemptRef | null> {
    const attempt = await attempts.getAttemptForUser(attemptId, userId);
    // A reset attempt is closed: a stale tab must not bring its terminal back.
    if (!attempt || attempt.status === 'reset') return null;
    return { id: attempt.id, userId: attempt.userId, labId: attempt.labId, seed: attempt.seed };
  }

  async loadSnapshot(attemptId: string): Promise<SimulationSnapshot | null> {
    const json = await attempts.loadSnapshot(attemptId);
    // Written by saveSnapshot below from a snapshot the control channel's guard let through.
    return json ? (JSON.parse(json) as SimulationSnapshot) : null;
  }

  async saveSnapshot(attemptId: string, snapshot: SimulationSnapshot): Promise<void> {
    await attempts.saveSnapshot(attemptId, JSON.stringify(snapshot));
  }

  async loadChecks(attemptId: string): Promise<CheckResultMessage[]> {
    return attempts.getCheckResults(attemptId);
  }

  async recordChecks(attemptId: string, results: CheckResultMessage[]): Promise<void> {
    await attempts.recordCheckResults(attemptId, results);
    if (!results.some((result) => result.passed)) return;
    const attempt = await attempts.getAttempt(attemptId);
    if (!attempt || attempt.kind !== 'lab' || attempt.status !== 'active') return;
    const lab = await findLab(attempt.labId);
    if (lab) await attempts.completeIfAllPassed(attemptId, labChecks(lab).map((check) => check.id));
  }

  async recordCommand(attemptId: string, line: string, exitCode: number): Promise<void> {
    await attempts.recordCommand(attemptId, line, exitCode);
  }
}
