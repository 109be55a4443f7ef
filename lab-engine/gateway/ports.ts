// What the gateway needs from the program that hosts it, and what it offers back, as interfaces.
// The host (app/_server/server.ts) injects adapters over its database and its sign-in; tests and
// benchmarks inject memory ones (memory-attempt-store.ts, gateway-test-kit.ts). The gateway
// itself never imports the app.

import type { IncomingHttpHeaders } from 'node:http';
import type { SimulationSnapshot } from '../simulation/contract';
import type { CheckResultMessage } from '../protocol';
import type { Lab } from '../labs/loader';

export interface AttemptRef {
  id: string;
  userId: string;
  labId: string;
  seed: number;
  /**
   * The lab itself, when the store has it (a lab written in the browser: the version the attempt
   * pinned, or a trial's draft). Absent, the gateway loads content/labs/<labId>.
   */
  lab?: Lab;
}

/** Who is signed in, asked once per terminal handshake. */
export interface SessionAuth {
  /** The signed-in user for a request's headers (its session cookie), or null. */
  userFor(headers: IncomingHttpHeaders): Promise<{ id: string } | null>;
}

/** An attempt's persistent side: who owns it, its last snapshot, its check results and its history. */
export interface AttemptStore {
  /**
   * The attempt if it exists, belongs to `userId` and is still open; null otherwise, with no hint
   * which. A reset attempt is closed: a stale tab must not bring its terminal back.
   */
  findForUser(attemptId: string, userId: string): Promise<AttemptRef | null>;
  loadSnapshot(attemptId: string): Promise<SimulationSnapshot | null>;
  saveSnapshot(attemptId: string, snapshot: SimulationSnapshot): Promise<void>;
  loadChecks(attemptId: string): Promise<CheckResultMessage[]>;
  recordChecks(attemptId: string, results: CheckResultMessage[]): Promise<void>;
  recordCommand(attemptId: string, line: string, exitCode: number): Promise<void>;
  /**
   * Appends terminal output to recordings (for the replay): one entry per attempt, its output
   * first written at `at`, all in one write. Resolves with the attempts whose recording is now full
   * (its cap reached and the stop marker written) or gone: the gateway records nothing more for them.
   */
  recordOutputs(batch: readonly RecordedOutput[]): Promise<string[]>;
}

/** What one attempt's terminal printed since the gateway's last recording write. */
export interface RecordedOutput {
  attemptId: string;
  data: string;
  at: Date;
}

/** Hears one live session's terminal output, read-only (an instructor watching an attempt). */
export interface OutputWatcher {
  /** What a terminal attaching now would see first: the session's scrollback. */
  start(scrollback: string): void;
  output(data: string): void;
  /** The session ended (reset, reaped, shutdown); nothing more will come. */
  end(): void;
}

/** What the gateway offers its host: ending an attempt's live session (the learner reset the lab) and watching one. */
export interface LiveSessions {
  stop(attemptId: string): Promise<void>;
  /**
   * Follows the live session of an attempt, if one runs: the watcher hears its scrollback at once,
   * then its output. Returns the way to stop watching, or null when no session runs. Watching
   * never starts a session, never keeps one from being reaped, and has no input path.
   */
  watch(attemptId: string, watcher: OutputWatcher): (() => void) | null;
}
