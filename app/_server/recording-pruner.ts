// Deletes old terminal recordings (FLATNET_RECORDING_RETENTION_DAYS) when the server starts and
// then every RECORDING_PRUNE_INTERVAL_MS, on one timer the server disposes at shutdown.

import { pruneRecordings } from './attempt-recording';
import { RECORDING_PRUNE_INTERVAL_MS } from './recording-settings';

export interface RecordingPrunerOptions {
  retentionDays: number;
  log: (message: string) => void;
  intervalMs?: number;
  now?: () => Date;
}

/** Starts pruning (nothing when retention is 0); returns the way to stop it. */
export function startRecordingPruner(options: RecordingPrunerOptions): { dispose(): void; ran: Promise<void> } {
  if (options.retentionDays <= 0) return { dispose: () => undefined, ran: Promise.resolve() };
  const now = options.now ?? (() => new Date());
  const prune = async () => {
    try {
      const deleted = await pruneRecordings(now(), options.retentionDays);
      if (deleted > 0) options.log(`pruned ${deleted} recorded terminal chunks older than ${options.retentionDays} days`);
    } catch (error) {
      options.log(`pruning recordings failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const ran = prune();
  const timer = setInterval(() => void prune(), options.intervalMs ?? RECORDING_PRUNE_INTERVAL_MS);
  timer.unref();
  return { dispose: () => clearInterval(timer), ran };
}
