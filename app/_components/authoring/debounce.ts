// Validation as the author types: the request goes out once typing pauses (VALIDATE_DEBOUNCE_MS),
// and an answer that arrives after a newer request was sent is dropped, so a slow reply never
// paints stale errors over the text. Timers come in through the door so tests drive a fake clock.

/** Quiet time after the last keystroke before the draft is validated. */
export const VALIDATE_DEBOUNCE_MS = 400;

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export interface Debouncer {
  /** Runs `task` after `ms` of quiet, replacing any task still waiting. */
  schedule(task: () => void): void;
  /** Runs the waiting task now, if there is one. */
  flush(): void;
  /** Drops the waiting task (the component unmounts). */
  dispose(): void;
}

export function createDebouncer(ms: number, timers: Timers = realTimers): Debouncer {
  let handle: unknown = null;
  let waiting: (() => void) | null = null;
  const clear = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  };
  const run = () => {
    clear();
    const task = waiting;
    waiting = null;
    task?.();
  };
  return {
    schedule(task) {
      clear();
      waiting = task;
      handle = timers.setTimeout(run, ms);
    },
    flush: run,
    dispose() {
      clear();
      waiting = null;
    },
  };
}

/** Numbers requests; only the answer to the newest one is taken. */
export interface LatestGate {
  next(): number;
  isLatest(ticket: number): boolean;
}

export function createLatestGate(): LatestGate {
  let latest = 0;
  return {
    next: () => (latest += 1),
    isLatest: (ticket) => ticket === latest,
  };
}
