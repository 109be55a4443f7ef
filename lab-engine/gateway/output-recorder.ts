// Records every live session's terminal output for the replay, in one write for the whole gateway:
// what all sessions printed since the last write goes to the store's recordOutputs as one batch,
// recordingFlushMs after the first byte or at once when recordingFlushBytes are waiting, and only
// one write is ever in flight (the next batch waits for it, so order is kept per attempt). A write
// per session was a database transaction per typing learner every 300 ms on the gateway's event
// loop: at 20 learners it held the loop for 30–70 ms at a time, and every echo waited (issue 21).
// The echo path only appends to a string. Once the store says an attempt's recording is full, its
// output is dropped until its session ends.

import type { AttemptStore, RecordedOutput } from './ports';

export interface OutputRecorderOptions {
  store: Pick<AttemptStore, 'recordOutputs'>;
  log: (message: string) => void;
  flushMs: number;
  /** This much waiting (in UTF-16 units, close enough to bytes for a trigger), all sessions together, is written at once. */
  flushBytes: number;
  now?: () => number;
}

export class OutputRecorder {
  /** Each attempt's output since the last write, stamped with the time of its first byte; insertion order. */
  private pending = new Map<string, RecordedOutput>();
  private pendingChars = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  /** Attempts whose recording the store said is full: nothing more is sent for them. */
  private readonly full = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly options: OutputRecorderOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Adds an attempt's output to the next write; never waits on the store. */
  push(attemptId: string, data: string): void {
    if (!data || this.full.has(attemptId)) return;
    const entry = this.pending.get(attemptId);
    if (entry) entry.data += data;
    else this.pending.set(attemptId, { attemptId, data, at: new Date(this.now()) });
    this.pendingChars += data.length;
    this.schedule();
  }

  /** The attempt's session ended: what it printed is still written; a new session for it starts afresh. */
  end(attemptId: string): void {
    this.full.delete(attemptId);
  }

  /** Writes everything waiting now (after a write in flight) and resolves when it is stored. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.writing || this.pending.size) {
      if (this.writing) await this.writing;
      else this.write();
    }
  }

  private schedule(): void {
    if (this.writing) return; // the write in flight takes this on when it ends
    if (this.pendingChars >= this.options.flushBytes) {
      this.write();
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => this.write(), this.options.flushMs);
    this.timer.unref();
  }

  private write(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.writing || !this.pending.size) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.pendingChars = 0;
    this.writing = this.options.store.recordOutputs(batch).then(
      (full) => {
        for (const attemptId of full) this.full.add(attemptId);
      },
      (error) => this.options.log(`recordOutputs (${batch.length} attempts): ${error}`),
    ).finally(() => {
      this.writing = null;
      for (const attemptId of this.full) {
        const dropped = this.pending.get(attemptId);
        if (!dropped) continue;
        this.pending.delete(attemptId);
        this.pendingChars -= dropped.data.length;
      }
      if (this.pending.size) this.schedule();
    });
  }
}
