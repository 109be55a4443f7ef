// What an Interpreter is built from and handed per run: the shell's own state (variables, $?,
// history), the services it runs commands with (swapped in place when the learner moves between
// workstation, node and pod, so readers look them up at the moment of use), and the per-run
// controls (Ctrl-C, a live terminal, a CPU budget).

import type { CommandResult } from '../../core/command-result';
import type { Cluster } from '../../cluster/cluster';
import type { ShellCommand, TerminalIo } from '../command-types';
import type { ShellSession } from '../contexts/location';
import type { VirtualFs } from '../virtual-fs';
import type { AnswerSheet } from '../../core/answer-sheet';

export interface ShellState {
  env: Record<string, string>;
  lastExitCode: number;
  history: string[];
}

export interface InterpreterServices {
  cluster: Cluster;
  fs: VirtualFs;
  commands: ReadonlyMap<string, ShellCommand>;
  /**
   * Lets `ms` of simulated time pass (the host may really wait meanwhile); resolves with the ms
   * that passed: all of them, unless `signal` (the learner's Ctrl-C) cut the wait short.
   * Commands reach it only through command-sleep.ts, which makes that promise hold.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<number>;
  /** CPU time used by this process so far, in ms (injected so tests can fake a runaway). */
  cpuMs?: () => number;
  /** Where the shell stands (workstation, node, pod); handed to every command. */
  session?: ShellSession;
  /** What the current shell prints for an unknown program (bash, dash and BusyBox word it differently). */
  notFound?: (name: string) => string;
  /** The lab's questions and the learner's answers, for `answer`. */
  answers?: AnswerSheet;
}

/** What the host hands one run: Ctrl-C, and a live terminal for commands that draw or stream. */
export interface RunControl {
  signal?: AbortSignal;
  terminal?: TerminalIo;
  /**
   * CPU milliseconds this input may use (the REPL passes MAX_EXEC_CPU_MS). Scripts from authors,
   * the self-test and benchmarks run without one: they are bounded by the command and loop limits.
   */
  cpuBudgetMs?: number;
}

export interface ExecResult extends CommandResult {
  /** stdout and stderr in the order they were written: what a terminal shows. */
  combined: string;
}

/** A loop's stdin: `read` takes one line at a time, other commands see what is left. */
export interface Stdin {
  text: string;
  pos: number;
}
