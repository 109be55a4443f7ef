// Real waiting for an interactive shell (`sleep 5`, `kubectl rollout status` waiting for the
// next pod), cut short by Ctrl-C. Scripted runs never use this: there the simulation only moves
// its clock.
//
// What it reports decides whether a command was interrupted (shell/interpreter/command-sleep.ts),
// so a timer that ran out always reports the whole wait: the host clock is never asked how long
// it took. A Node timer and Date.now disagree by a fraction of a millisecond (a 300 ms timer was
// seen to fire 299 ms later by Date.now's count), and reading the clock there made
// `kubectl rollout status` exit 130 on its own (issue 13). Only a Ctrl-C (the command's signal,
// or `interrupt()`) ends a wait early.

/** The host's timers and clock; injected so tests run on a fake clock. */
export interface HostTimers {
  /** Milliseconds on a monotonic clock; read only to say how far an interrupted wait got. */
  now(): number;
  setTimeout(fire: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

// Looked up at each call (not bound once), so a test's fake timers apply to a default waiter too.
const NODE_TIMERS: HostTimers = {
  now: () => performance.now(),
  setTimeout: (fire, ms) => setTimeout(fire, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class InterruptibleWait {
  /** The waits in progress; a set, so one wait ending never forgets another (a background job's). */
  private readonly pending = new Set<() => void>();

  constructor(private readonly timers: HostTimers = NODE_TIMERS) {}

  /**
   * Waits `ms`; resolves with `ms` when the time is up, or with how far it got (less than `ms`)
   * when `signal` aborts or `interrupt()` is called first.
   */
  sleep = (ms: number, signal?: AbortSignal): Promise<number> =>
    new Promise((resolve) => {
      if (signal?.aborted) {
        resolve(0);
        return;
      }
      const started = this.timers.now();
      const end = (waited: number) => {
        this.timers.clearTimeout(timer);
        signal?.removeEventListener('abort', cut);
        this.pending.delete(cut);
        resolve(waited);
      };
      const cut = () => end(Math.max(0, Math.min(ms, this.timers.now() - started)));
      const timer = this.timers.setTimeout(() => end(ms), ms);
      signal?.addEventListener('abort', cut, { once: true });
      this.pending.add(cut);
    });

  /** Ends every wait in progress (the REPL's Ctrl-C); returns whether there was one. */
  interrupt(): boolean {
    const cuts = [...this.pending];
    for (const cut of cuts) cut();
    return cuts.length > 0;
  }
}
