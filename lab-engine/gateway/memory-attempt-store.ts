// An AttemptStore in memory, for the gateway's tests and the terminal benchmark: the attempts it
// knows are the ones in the array it was given (callers may add to it later).

import type { SimulationSnapshot } from '../simulation/contract';
import type { CheckResultMessage } from '../protocol';
import type { AttemptRef, AttemptStore } from './ports';

export class MemoryAttemptStore implements AttemptStore {
  readonly snapshots = new Map<string, SimulationSnapshot>();
  readonly checks = new Map<string, CheckResultMessage[]>();
  readonly commands: Array<{ attemptId: string; line: string; exitCode: number }> = [];

  constructor(private readonly attempts: readonly AttemptRef[] = []) {}

  async findForUser(attemptId: string, userId: string) {
    return this.attempts.find((a) => a.id === attemptId && a.userId === userId) ?? null;
  }
  async loadSnapshot(attemptId: string) {
    return this.snapshots.get(attemptId) ?? null;
  }
  async saveSnapshot(attemptId: string, snapshot: SimulationSnapshot) {
    this.snapshots.set(attemptId, snapshot);
  }
  async loadChecks(attemptId: string) {
    return this.checks.get(attemptId) ?? [];
  }
  async recordChecks(attemptId: string, results: CheckResultMessage[]) {
    this.checks.set(attemptId, results);
  }
  async recordCommand(attemptId: string, line: string, exitCode: number) {
    this.commands.push({ attemptId, line, exitCode });
  }
}
