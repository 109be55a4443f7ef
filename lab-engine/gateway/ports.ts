// What the gateway needs from persistence, as an interface: the Prisma-backed implementation
// lives in prisma-attempt-store.ts, tests use an in-memory one.

import type { SimulationSnapshot } from '../simulation/contract';
import type { CheckResultMessage } from '../labsh/control-messages';

export interface AttemptRef {
  id: string;
  userId: string;
  labId: string;
  seed: number;
}

export interface AttemptStore {
  loadSnapshot(attemptId: string): Promise<SimulationSnapshot | null>;
  saveSnapshot(attemptId: string, snapshot: SimulationSnapshot): Promise<void>;
  loadChecks(attemptId: string): Promise<CheckResultMessage[]>;
  recordChecks(attemptId: string, results: CheckResultMessage[]): Promise<void>;
  recordCommand(attemptId: string, line: string, exitCode: number): Promise<void>;
}

export class MemoryAttemptStore implements AttemptStore {
  readonly snapshots = new Map<string, SimulationSnapshot>();
  readonly checks = new Map<string, CheckResultMessage[]>();
  readonly commands: Array<{ attemptId: string; line: string; exitCode: number }> = [];

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
