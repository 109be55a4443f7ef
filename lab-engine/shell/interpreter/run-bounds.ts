// What ends or redirects the flow of one input: Ctrl-C (the run's signal), the CPU budget, the
// commands-per-input and loop-iteration limits, and `break N` / `continue N` travelling out of
// loops. Nothing a learner types can hang the process: every command and every loop iteration
// passes through here, and a loop yields to the event loop so Ctrl-C and the terminal are served.

import { MAX_COMMANDS_PER_EXEC, MAX_LOOP_ITERATIONS } from '../../core/limits';
import { sessionCpuMs } from '../../core/cpu-clock';
import type { Out } from './output';
import type { InterpreterServices, RunControl } from './shell-state';

/** 128 + SIGINT, as bash reports a command stopped by Ctrl-C. */
export const STOPPED_BY_CTRL_C = 130;
const STOPPED_BY_CPU = 152;

export class RunBounds {
  commandsRun = 0;
  /** A `break`/`continue` on its way out of `levels` loops. */
  jump: { kind: 'break' | 'continue'; levels: number } | null = null;
  /** Set once the run must end; every level unwinds with this status. */
  stop: { status: number } | null = null;
  control: RunControl = {};
  private cpuStart = 0;

  constructor(private readonly services: Pick<InterpreterServices, 'cpuMs'>) {}

  /** Starts a new input from the learner: fresh counters and this input's controls. */
  begin(control: RunControl): void {
    this.commandsRun = 0;
    this.jump = null;
    this.stop = null;
    this.control = control;
    this.cpuStart = this.cpuNow();
  }

  private cpuNow(): number {
    return this.services.cpuMs ? this.services.cpuMs() : sessionCpuMs();
  }

  /** True (and the reason written once) when the run must end: Ctrl-C, CPU budget, command limit. */
  shouldStop(out: Out): boolean {
    if (this.stop) return true;
    if (this.control.signal?.aborted) {
      this.stop = { status: STOPPED_BY_CTRL_C };
      return true;
    }
    const budget = this.control.cpuBudgetMs;
    if (budget !== undefined && this.cpuNow() - this.cpuStart > budget) {
      out.write('stderr', `bash: stopped: this input used more than ${budget / 1000} s of CPU\n`);
      this.stop = { status: STOPPED_BY_CPU };
      return true;
    }
    return false;
  }

  /** Counts one simple command; false (and the run stopped) past MAX_COMMANDS_PER_EXEC. */
  countCommand(out: Out): boolean {
    this.commandsRun++;
    if (this.commandsRun > MAX_COMMANDS_PER_EXEC) {
      out.write('stderr', `bash: more than ${MAX_COMMANDS_PER_EXEC} commands in one input; stopped\n`);
      this.stop = { status: 1 };
      return false;
    }
    return true;
  }

  /** Drives one loop: `step(i)` runs iteration i (null = done); break/continue, limits and Ctrl-C apply. */
  async loop(out: Out, step: (i: number) => Promise<number | null>): Promise<number> {
    let status = 0;
    for (let i = 0; ; i++) {
      if (i >= MAX_LOOP_ITERATIONS) {
        out.write('stderr', `bash: loop stopped after ${MAX_LOOP_ITERATIONS} iterations\n`);
        return 1;
      }
      // Let the event loop breathe, so Ctrl-C and the terminal are served during a long loop.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.shouldStop(out)) return this.stop!.status;
      const result = await step(i);
      if (result === null) return status;
      status = result;
      if (this.jump) {
        const { kind, levels } = this.jump;
        this.jump = levels > 1 ? { kind, levels: levels - 1 } : null;
        if (kind === 'break' || levels > 1) return status;
      }
    }
  }
}
