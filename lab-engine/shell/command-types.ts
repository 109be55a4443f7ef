// The contract between the interpreter and every command: a command gets its arguments, stdin
// and the session's services, and returns what it printed and its exit status. A learner's
// mistake is output with a non-zero status, never a thrown exception.

import type { CommandResult } from '../core/simulation-types';
import type { Cluster } from '../cluster/cluster';
import type { VirtualFs } from './virtual-fs';

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
   * either way the cluster's clock moves on and due lifecycle rules fire. Returns the ms slept.
   */
  sleep(ms: number): Promise<number>;
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
}

export function ok(stdout = ''): CommandResult {
  return { stdout, stderr: '', exitCode: 0 };
}

export function fail(stderr: string, exitCode = 1, stdout = ''): CommandResult {
  return { stdout, stderr, exitCode };
}
