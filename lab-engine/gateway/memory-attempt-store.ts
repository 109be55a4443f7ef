// An AttemptStore in memory, for the gateway's tests and the terminal benchmark: the attempts it
// knows are the ones in the array it was given (callers may add to it later). Its recordings are
// capped like the app's (recording-cap.ts), at `recordingMaxBytes` per attempt.

import type { SimulationSnapshot } from '../simulation/contract';
import type { CheckResultMessage } from '../protocol';
import type { AttemptRef, AttemptStore, RecordedOutput } from './ports';
import { fitRecording } from './recording-cap';

/** The memory store's default cap; the app's comes from FLATNET_RECORDING_MAX_BYTES. */
const DEFAULT_RECORDING_MAX_BYTES = 1024 * 1024;

export class MemoryAttemptStore implements AttemptStore {
  readonly snapshots = new Map<string, SimulationSnapshot>();
  readonly checks = new Map<string, CheckResultMessage[]>();
  readonly commands: Array<{ attemptId: string; line: string; exitCode: number }> = [];
  /** Each attempt's recorded output chunks, in order, and the bytes recorded so far. */
  readonly recordings = new Map<string, { chunks: Array<{ data: string; at: Date }>; bytes: number }>();

  constructor(
    private readonly attempts: readonly AttemptRef[] = [],
    private readonly options: { recordingMaxBytes?: number } = {},
  ) {}

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
  /** How many recording writes the gateway made (tests: one per batch, not one per session). */
  recordingWrites = 0;

  async recordOutputs(batch: readonly RecordedOutput[]) {
    this.recordingWrites++;
    const full: string[] = [];
    for (const { attemptId, data, at } of batch) {
      const recording = this.recordings.get(attemptId) ?? { chunks: [], bytes: 0 };
      this.recordings.set(attemptId, recording);
      const fit = fitRecording(recording.bytes, data, this.options.recordingMaxBytes ?? DEFAULT_RECORDING_MAX_BYTES);
      for (const chunk of fit.chunks) recording.chunks.push({ data: chunk, at });
      recording.bytes += fit.addedBytes;
      if (fit.full) full.push(attemptId);
    }
    return full;
  }

  /** An attempt's recorded output as one string (tests). */
  recordedText(attemptId: string): string {
    return (this.recordings.get(attemptId)?.chunks ?? []).map((chunk) => chunk.data).join('');
  }
}
