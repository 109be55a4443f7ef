// The interactive loop on the learner's pty: a prompt, line editing and history from
// node:readline, one command at a time through the simulation, and a ticker that maps wall time
// onto the simulated clock so pods come up while the learner watches.

import { createInterface } from 'node:readline';
import type { LabRuntime } from './lab-runtime';
import type { CheckResultMessage } from './control-messages';

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
  let busy = false;
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
    rl.on('line', async (line) => {
      const trimmed = line.trim();
      if (trimmed === 'exit' || trimmed.startsWith('exit ')) {
        rl.close();
        return;
      }
      busy = true;
      rl.pause();
      try {
        sim.advanceTo(simNow());
        const result = trimmed ? await sim.exec(line) : { stdout: '', stderr: '', exitCode: 0 };
        if (result.stdout) output.write(result.stdout);
        if (result.stderr) output.write(result.stderr);
        if (trimmed) hooks.onCommand?.(line, result.exitCode);
        publish();
      } catch (error) {
        // A crash inside one command must not take the session down.
        output.write(`labsh: internal error: ${(error as Error).message}\n`);
      } finally {
        busy = false;
        rl.setPrompt(sim.prompt());
        rl.resume();
        rl.prompt();
      }
    });
    rl.on('SIGINT', () => {
      output.write('^C\n');
      rl.write(null, { ctrl: true, name: 'u' });
      rl.prompt();
    });
    rl.on('close', () => {
      clearInterval(ticker);
      output.write('exit\n');
      resolve(0);
    });
    publish();
    rl.prompt();
  });
}
