// The gateway's persistence through the app's attempts module (Prisma on SQLite). Kept apart so
// the gateway's logic can be tested with MemoryAttemptStore.

import type { AttemptStore } from './attempt-store';
import type { SimulationSnapshot } from '../simulation/contract';
import type { CheckResultMessage } from '../labsh/control-messages';
import * as attempts from '../../app/_server/attempts';

export class PrismaAttemptStore implements AttemptStore {
  async loadSnapshot(attemptId: string): Promise<SimulationSnapshot | null> {
    const json = await attempts.loadSnapshot(attemptId);
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
  }

  async recordCommand(attemptId: string, line: string, exitCode: number): Promise<void> {
    await attempts.recordCommand(attemptId, line, exitCode);
  }
}
