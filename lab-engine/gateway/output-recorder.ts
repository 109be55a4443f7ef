// Records one session's terminal output through the store's recordOutput, in batches: a busy
// terminal (every keystroke echoes) would otherwise write a row per key. A batch is written when
// it reaches GATEWAY_LIMITS.recordingFlushBytes or recordingFlushMs after its first byte,
// whichever comes first, stamped with the time of that first byte. Writes are fire-and-forget:
// the echo path only appends to a string. Once the store says the recording is full, it stops.

import type { AttemptStore } from './ports';

export interface OutputRecorderOptions {
  attemptId: string;
  store: Pick<AttemptStore, 'recordOutput'>;
  log: (message: string) => void;
  flushMs: number;
  /** A batch this long (in UTF-16 units, close enough to bytes for a trigger) is written at once. */
  flushBytes: number;
  now?: () => number;
}

export class OutputRecorder {
  private pending = '';
  private pendingSince = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: OutputRecorderOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Adds output to the current batch; never waits on the store. */
  push(data: string): void {
    if (this.stopped || !data) return;
    if (!this.pending) this.pendingSince = this.now();
    this.pending += data;
    if (this.pending.length >= this.options.flushBytes) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.options.flushMs);
      this.timer.unref();
    }
  }

  /** Writes the current batch, if any. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.pending || this.stopped) return;
    const data = this.pending;
    this.pending = '';
    const { attemptId, store, log } = this.options;
    store.recordOutput(attemptId, data, new Date(this.pendingSince)).then(
      (recording) => {
        if (!recording) this.stopped = true;
      },
      (error) => log(`recordOutput ${attemptId}: ${error}`),
    );
  }

  /** Writes what is pending and records nothing more. */
  dispose(): void {
    this.flush();
    this.stopped = true;
  }
}
