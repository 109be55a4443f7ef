// The interactive loop on the learner's pty: a prompt, line editing and history from
// node:readline, one command at a time through the simulation, and a ticker that maps wall time
// onto the simulated clock so pods come up while the learner watches. Lines typed while a
// command runs wait their turn, as typeahead does in a real terminal; Ctrl-C ends a wait.

import { createInterface } from 'node:readline';
import type { LabRuntime } from './lab-runtime';
import type { CheckResultMessage } from './control-messages';
import { InterruptibleWait } from './interruptible-wait';

export interface ReplHooks {
  /** Called after every command with its exit code. */
  onCommand?(line: string, exitCode: number): void;
  /** Called when the check results changed. */
  onChecks?(results: CheckResultMessage[]): void;
  /** Called when the model changed and a snapshot is worth keeping. */
  onChanged?(): void;
}

export interface ReplOptions {
  runtime: LabRuntime;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Wall-clock milliseconds (the host's Date.now). */
  wallNow: () => number;
  /** The waiter the simulation's sleep hook uses, so Ctrl-C can cut it short. */
  wait?: InterruptibleWait;
  hooks?: ReplHooks;
  tickMs?: number;
}

export function runRepl(options: ReplOptions): Promise<number> {
  const { runtime, input, output, wallNow, hooks = {} } = options;
  const sim = runtime.sim;
  const simBase = sim.now();
  const wallBase = wallNow();
  const simNow = () => Math.max(sim.now(), simBase + (wallNow() - wallBase));

  const rl = createInterface({ input, output, terminal: true, historySize: 1000, prompt: sim.prompt() });
  const queue: string[] = [];
  let busy = false;
  let closed = false;
  let lastGeneration = sim.generation();

  const publish = () => {
    const results = runtime.gradeIfChanged();
    if (results) hooks.onChecks?.(results);
    if (sim.generation() !== lastGeneration) {
      lastGeneration = sim.generation();
      hooks.onChanged?.();
    }
  };

  const ticker = setInterval(() => {
    if (busy) return;
    sim.advanceTo(simNow());
    publish();
  }, options.tickMs ?? 200);

  return new Promise((resolve) => {
    const finish = () => {
      if (closed) return;
      closed = true;
      clearInterval(ticker);
      resolve(0);
    };

    const runOne = async (line: string) => {
      const trimmed = line.trim();
      if (trimmed === 'exit' || trimmed.startsWith('exit ')) {
        rl.close();
        return;
      }
      busy = true;
      try {
        sim.advanceTo(simNow());
        if (trimmed) {
          const result = await sim.exec(line);
          if (result.combined) output.write(result.combined);
          hooks.onCommand?.(line, result.exitCode);
        }
        publish();
      } catch (error) {
        // A crash inside one command must not take the session down.
        output.write(`labsh: internal error: ${(error as Error).message}\n`);
      } finally {
        busy = false;
      }
    };

    const drain = async () => {
      while (queue.length && !closed) await runOne(queue.shift()!);
      if (closed) return;
      rl.setPrompt(sim.prompt());
      rl.prompt();
    };

    rl.on('line', (line) => {
      queue.push(line);
      if (!busy && queue.length === 1) void drain();
    });
    rl.on('SIGINT', () => {
      if (busy) {
        options.wait?.interrupt();
        queue.length = 0;
        output.write('^C\n');
        return;
      }
      output.write('^C\n');
      rl.write(null, { ctrl: true, name: 'u' });
      rl.prompt();
    });
    rl.on('close', () => {
      output.write('exit\n');
      finish();
    });
    publish();
    rl.prompt();
  });
}
