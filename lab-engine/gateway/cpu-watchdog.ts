// Watches one labsh's CPU time (utime + stime from /proc/<pid>/stat, or a session worker's own
// thread, /proc/<pid>/task/<tid>/stat) and calls `onRunaway`
// when it has spun above `busyFraction` of one core for `limitMs` in a row. labsh stops its own
// runaway inputs between commands (MAX_EXEC_CPU_MS); this catches what it cannot: a command stuck
// in synchronous code (a pathological regex, an engine bug). The session then kills the child and
// respawns it from its snapshot. On a system without /proc it does nothing.

import { readFileSync } from 'node:fs';

export interface CpuWatchdogOptions {
  /** The stat file to read; null while not yet known (a worker that has not said its thread id). */
  statPath(): string | null;
  sampleMs: number;
  limitMs: number;
  /** Share of one core that counts as spinning, e.g. 0.9. */
  busyFraction: number;
  onRunaway(): void;
}

const TICKS_PER_SECOND = 100;

/** CPU milliseconds used by a process or thread so far (its `stat` file), or undefined when it is gone. */
export function statCpuMs(path: string | null): number | undefined {
  if (!path) return undefined;
  try {
    const stat = readFileSync(path, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

export class CpuWatchdog {
  private readonly timer: NodeJS.Timeout;
  private lastCpu: number | undefined;
  private lastAt = Date.now();
  private busySince: number | null = null;

  constructor(private readonly options: CpuWatchdogOptions) {
    this.lastCpu = statCpuMs(options.statPath());
    this.timer = setInterval(() => this.sample(), options.sampleMs);
    this.timer.unref();
  }

  private sample(): void {
    const cpu = statCpuMs(this.options.statPath());
    const now = Date.now();
    if (cpu === undefined || this.lastCpu === undefined) {
      this.lastCpu = cpu;
      this.lastAt = now;
      return;
    }
    const fraction = (cpu - this.lastCpu) / Math.max(1, now - this.lastAt);
    this.lastCpu = cpu;
    this.lastAt = now;
    if (fraction < this.options.busyFraction) {
      this.busySince = null;
      return;
    }
    this.busySince ??= now - this.options.sampleMs;
    if (now - this.busySince >= this.options.limitMs) {
      this.dispose();
      this.options.onRunaway();
    }
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
