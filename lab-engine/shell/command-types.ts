// The contract between the interpreter and every command: a command gets its arguments, stdin
// and the session's services, and returns what it printed and its exit status. A learner's
// mistake is output with a non-zero status, never a thrown exception.

import type { CommandResult } from '../core/command-result';
import type { Cluster } from '../cluster/cluster';
import type { VirtualFs } from './virtual-fs';
import type { ShellSession } from './contexts/location';
import type { AnswerSheet } from '../core/answer-sheet';

export type { CommandResult };

export interface CommandContext {
  /** Arguments after the command name, already expanded. */
  args: string[];
  stdin: string;
  env: Readonly<Record<string, string>>;
  cluster: Cluster;
  fs: VirtualFs;
  history: readonly string[];
  /**
   * Lets `ms` of simulated time pass: the host may really wait (interactive) or not (scripts);
   * either way the cluster's clock moves on and due lifecycle rules fire. Resolves with `ms`, or
   * with less only when this command's Ctrl-C (`signal`) ended the wait, including a Ctrl-C
   * pressed before it began: `(await ctx.sleep(want)) < want` means "interrupted", and nothing
   * else (not the host's timing) makes it so. See interpreter/command-sleep.ts.
   */
  sleep(ms: number): Promise<number>;
  /**
   * The learner's Ctrl-C. Anything that runs until interrupted or waits (`watch`, `ping`,
   * `kubectl get -w`, `tcpdump`) polls `signal.aborted` between steps, or listens for 'abort',
   * and then returns what it printed so far (status 130 is the shell's business: it sets it).
   * `ctx.sleep` already returns early on Ctrl-C. Scripts get a signal that never fires, and
   * every such command must still end by itself there (a frame count, MAX_LOOP_ITERATIONS).
   */
  signal?: AbortSignal;
  /**
   * The live terminal, only for the last command of an interactive line whose stdout is not
   * redirected. Commands that stream (`ping`, `kubectl get -w`) write each line here as it comes
   * instead of returning it all at the end; full-screen ones (`watch`, `vi`) draw here and read
   * keys. Absent in scripts and pipes: fall back to returning output (or refuse, as `watch` does).
   */
  terminal?: TerminalIo;
  /** Runs a command line in the same shell (same variables, limits and Ctrl-C), e.g. for `watch`; `stdin` feeds it (`sudo tee`). */
  exec?(line: string, stdin?: string): Promise<CommandResult & { combined: string }>;
  /** Where this shell runs (workstation, node, pod) and the network model behind it; see contexts/location.ts. */
  session?: ShellSession;
  /** The lab's questions and the learner's answers (`answer`); absent where nothing is asked. */
  answers?: AnswerSheet;
}

/** A live terminal (the pty behind labsh's REPL). */
export interface TerminalIo {
  readonly columns: number;
  readonly rows: number;
  write(text: string): void;
  /**
   * Takes the keyboard until the returned function is called: every keypress arrives as the raw
   * bytes the terminal sent (`\x1b[A` for the up arrow, `\x03` for Ctrl-C). For editors.
   */
  takeInput?(onData: (data: string) => void): () => void;
}

/** A result that also knows the order its stdout and stderr were written in (a warning before a table). */
export interface CommandOutput extends CommandResult {
  chunks?: ['stdout' | 'stderr', string][];
}

/** Builds a CommandOutput while remembering the order of writes. */
export class OutputBuilder {
  readonly chunks: ['stdout' | 'stderr', string][] = [];
  out(text: string): this {
    if (text) this.chunks.push(['stdout', text]);
    return this;
  }
  err(text: string): this {
    if (text) this.chunks.push(['stderr', text]);
    return this;
  }
  done(exitCode: number): CommandOutput {
    let stdout = '';
    let stderr = '';
    for (const [stream, text] of this.chunks) {
      if (stream === 'stdout') stdout += text;
      else stderr += text;
    }
    return { stdout, stderr, exitCode, chunks: this.chunks };
  }
}

export interface ShellCommand {
  name: string;
  run(ctx: CommandContext): CommandOutput | Promise<CommandOutput>;
  /**
   * Loads the implementation ahead of the first run (the registry's commands load on first use).
   * A background job awaits it, so a capture is listening before the next command sends anything.
   */
  preload?(): Promise<void>;
}

export function ok(stdout = ''): CommandResult {
  return { stdout, stderr: '', exitCode: 0 };
}

export function fail(stderr: string, exitCode = 1, stdout = ''): CommandResult {
  return { stdout, stderr, exitCode };
}
