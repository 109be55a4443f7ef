// How often one attempt's labsh has stopped lately (a crash, an exit, a CPU-watchdog kill all
// count): past the limit within the window, the session stops respawning it on its own, so a
// learner's input that kills labsh every time cannot keep a core busy restarting it.

export class CrashWindow {
  private stops: number[] = [];

  constructor(
    private readonly windowMs: number,
    private readonly maxStops: number,
  ) {}

  /** Records a stop at `now`; true when that makes too many within the window. */
  record(now: number): boolean {
    this.stops = this.stops.filter((t) => now - t < this.windowMs);
    this.stops.push(now);
    return this.stops.length > this.maxStops;
  }

  get count(): number {
    return this.stops.length;
  }

  clear(): void {
    this.stops = [];
  }
}
