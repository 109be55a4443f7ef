// The simulated world's sense of time. Everything that ages, waits or expires reads a Clock
// passed in from outside, so tests and `labsh -c` scripts are exact and repeatable.

export interface Clock {
  /** Milliseconds since the Unix epoch, as the simulated cluster sees it. */
  now(): number;
}

/** A clock that only moves when told to: tests, scripts, self-tests. */
export class ManualClock implements Clock {
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    if (ms < 0) throw new RangeError(`cannot move a clock backwards (${ms} ms)`);
    this.current += ms;
  }

  set(ms: number): void {
    if (ms < this.current) throw new RangeError('cannot move a clock backwards');
    this.current = ms;
  }
}

/** The instant every fresh simulated cluster is created at, so golden outputs never drift. */
export const SIMULATION_EPOCH_MS = Date.UTC(2026, 0, 5, 9, 0, 0);
