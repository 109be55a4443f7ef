// The gateway's AttemptStore port over the app's attempts module (Prisma on SQLite): the adapter
// the server entry injects into the gateway, so lab-engine never imports the app. Check results
// arrive here from labsh, so this is where a lab attempt becomes complete: when every check of
// its lab has passed (attempt-completion.ts; a lesson sandbox never completes).
// Its writes come from labsh with no one waiting to try again, so each is retried while SQLite is
// busy (sqlite-retry.ts) and an attempt's writes land in the order they were made: a retried old
// snapshot must not overwrite a newer one, and commands keep their order. Terminal output comes
// as the gateway's one batch for all its sessions, one transaction, capped at the recording
// limit it was given (the gateway keeps one such write in flight, which orders them). An authored lab's
// attempt carries its Lab (the pinned version, or a trial's draft) to the gateway.

import type { AttemptRef, AttemptStore, RecordedOutput } from '../../lab-engine/gateway';
import type { SimulationSnapshot } from '../../lab-engine/simulation/contract';
import type { CheckResultMessage } from '../../lab-engine/protocol';
import * as attempts from './attempts';
import { recordTerminalOutputs } from './attempt-recording';
import { DEFAULT_RECORDING_MAX_BYTES } from './recording-settings';
import { labChecks } from './lab-catalogue';
import { labForAttempt } from './authored-labs/attempt-lab';
import { withSqliteRetry, type SqliteRetryOptions } from './sqlite-retry';

export class PrismaAttemptStore implements AttemptStore {
  // The tail of each attempt's queue of writes; removed when it drains.
  private readonly writes = new Map<string, Promise<unknown>>();

  constructor(
    private readonly retry: SqliteRetryOptions = { log: (message) => console.warn(message) },
    private readonly recording: { maxBytes: number } = { maxBytes: DEFAULT_RECORDING_MAX_BYTES },
  ) {}

  /** Runs an attempt's write after its earlier ones, retried while the database is busy. */
  private write<T>(attemptId: string, what: string, run: () => Promise<T>): Promise<T> {
    const previous = this.writes.get(attemptId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => withSqliteRetry(`${what} ${attemptId}`, run, this.retry));
    this.writes.set(attemptId, next);
    const forget = () => {
      if (this.writes.get(attemptId) === next) this.writes.delete(attemptId);
    };
    next.then(forget, forget);
    return next;
  }

  async findForUser(attemptId: string, userId: string): Promise<AttemptRef | null> {
    const attempt = await attempts.getAttemptForUser(attemptId, userId);
    // A reset attempt is closed: a stale tab must not bring its terminal back.
    if (!attempt || attempt.status === 'reset') return null;
    const ref: AttemptRef = { id: attempt.id, userId: attempt.userId, labId: attempt.labId, seed: attempt.seed };
    // A content lab the gateway loads from its folder; an authored one (pinned version, trial draft) comes from here.
    if (attempt.labVersionId === null && attempt.kind !== 'trial') return ref;
    const lab = await labForAttempt(attempt);
    return lab ? { ...ref, lab } : null;
  }

  async loadSnapshot(attemptId: string): Promise<SimulationSnapshot | null> {
    const json = await attempts.loadSnapshot(attemptId);
    // Written by saveSnapshot below from a snapshot the control channel's guard let through.
    return json ? (JSON.parse(json) as SimulationSnapshot) : null;
  }

  async saveSnapshot(attemptId: string, snapshot: SimulationSnapshot): Promise<void> {
    const json = JSON.stringify(snapshot);
    await this.write(attemptId, 'saveSnapshot', () => attempts.saveSnapshot(attemptId, json));
  }

  async loadChecks(attemptId: string): Promise<CheckResultMessage[]> {
    return attempts.getCheckResults(attemptId);
  }

  async recordChecks(attemptId: string, results: CheckResultMessage[]): Promise<void> {
    await this.write(attemptId, 'recordChecks', () => attempts.recordCheckResults(attemptId, results));
    if (!results.some((result) => result.passed)) return;
    const attempt = await attempts.getAttempt(attemptId);
    if (!attempt || attempt.kind !== 'lab' || attempt.status !== 'active') return;
    const lab = await labForAttempt(attempt);
    if (!lab) return;
    const checkIds = labChecks(lab).map((check) => check.id);
    await this.write(attemptId, 'completeIfAllPassed', () => attempts.completeIfAllPassed(attemptId, checkIds));
  }

  async recordCommand(attemptId: string, line: string, exitCode: number): Promise<void> {
    await this.write(attemptId, 'recordCommand', () => attempts.recordCommand(attemptId, line, exitCode));
  }

  /** Every attempt's output in one transaction, retried while SQLite is busy; the gateway keeps one in flight. */
  async recordOutputs(batch: readonly RecordedOutput[]): Promise<string[]> {
    return withSqliteRetry(`recordOutputs (${batch.length} attempts)`, () => recordTerminalOutputs(batch, this.recording.maxBytes), this.retry);
  }
}
