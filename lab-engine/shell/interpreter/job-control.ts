// `CMD &` and the builtins that look at background jobs: jobs, fg, kill and wait. The job table
// and which commands may run in the background are in job-table.ts; here a job is started with
// its own Ctrl-C and the terminal to write to, and the builtins wait on or stop it.

import type { CommandResult } from '../../core/command-result';
import type { CommandContext, TerminalIo } from '../command-types';
import type { AndOrList } from '../syntax';
import type { Expander } from './expansion';
import { BACKGROUND_COMMANDS, BACKGROUND_DESCRIPTION, canRunInBackground, MAX_JOBS, type JobTable } from './job-table';
import type { Out } from './output';
import { STOPPED_BY_CTRL_C, type RunBounds } from './run-bounds';
import type { InterpreterServices, ShellState } from './shell-state';

/** What job control needs from the interpreter that owns the jobs. */
export interface JobHost {
  readonly jobs: JobTable;
  readonly bounds: RunBounds;
  readonly services: InterpreterServices;
  readonly state: ShellState;
  readonly expander: Expander;
  /** A command's context; `signal` (default: the input's Ctrl-C) also ends its waits (`ctx.sleep`). */
  commandContext(args: string[], stdin: string, env: Readonly<Record<string, string>>, signal?: AbortSignal): CommandContext;
}

/** `CMD &`: starts CMD as a job with its own Ctrl-C (kill, fg) and the terminal to write to. */
export async function startJob(host: JobHost, list: AndOrList, out: Out): Promise<number> {
  const only = list.rest.length === 0 && list.first.commands.length === 1 ? list.first.commands[0] : undefined;
  const argv: string[] = [];
  if (only?.kind === 'command' && only.redirects.length === 0) for (const w of only.words) argv.push(...(await host.expander.expandFields(w, out)));
  const command = argv[0] ? host.services.commands.get(argv[0]) : undefined;
  if (argv[0] && !command && BACKGROUND_COMMANDS.has(argv[0])) {
    out.write('stderr', host.services.notFound?.(argv[0]) ?? `bash: ${argv[0]}: command not found\n`);
    return 127;
  }
  if (!command || !canRunInBackground(argv)) {
    out.write('stderr', `bash: only ${BACKGROUND_DESCRIPTION} can run in the background (&) in this terminal\n`);
    return 1;
  }
  if (host.jobs.running().length >= MAX_JOBS) {
    out.write('stderr', `bash: fork: retry: Resource temporarily unavailable (at most ${MAX_JOBS} jobs)\n`);
    return 1;
  }
  // Commands load on first use (command-registry.ts): a capture must be listening before the next command runs.
  await command.preload?.();
  const live = host.bounds.control.terminal;
  const terminal: TerminalIo = live ?? { columns: 80, rows: 24, write: (text) => out.write('stdout', text.replace(/\r\n/g, '\n')) };
  const job = host.jobs.start(argv.join(' '), async (signal) => {
    const result = await command.run({ ...host.commandContext(argv.slice(1), '', host.state.env, signal), terminal });
    if (result.stderr) terminal.write(result.stderr.replace(/\n/g, '\r\n'));
    if (result.stdout) terminal.write(result.stdout.replace(/\n/g, '\r\n'));
    return result.exitCode;
  });
  if (live) out.write('stderr', `[${job.id}] ${job.pid}\n`);
  return 0;
}

/** jobs, fg, kill and wait: the builtins that look at background jobs (job-table.ts). */
export async function jobBuiltin(host: JobHost, name: string, args: string[], out: Out): Promise<CommandResult | undefined> {
  const done = (exitCode = 0, stderr = '', stdout = ''): CommandResult => ({ stdout, stderr, exitCode });
  const jobs = host.jobs;
  switch (name) {
    case 'jobs':
      return done(0, '', jobs.list());
    case 'fg': {
      const job = jobs.find(args[0]);
      if (!job) return done(1, `bash: fg: ${args[0] ?? 'current'}: no such job\n`);
      out.write('stdout', `${job.text}\n`);
      const signal = host.bounds.control.signal;
      const onAbort = () => job.controller.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      const code = await job.promise;
      signal?.removeEventListener('abort', onAbort);
      jobs.drop(job);
      return done(signal?.aborted ? STOPPED_BY_CTRL_C : code);
    }
    case 'kill': {
      const targets = args.filter((a) => !/^-(\d+|[A-Z]+|s)$/.test(a) && !/^(TERM|KILL|INT|HUP)$/.test(a));
      if (targets.length === 0) return done(2, 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n');
      let stderr = '';
      for (const t of targets) {
        const job = jobs.find(t);
        if (!job) {
          stderr += t.startsWith('%') ? `bash: kill: ${t}: no such job\n` : /^\d+$/.test(t) ? `bash: kill: (${t}) - No such process\n` : `bash: kill: ${t}: arguments must be process or job IDs\n`;
          continue;
        }
        job.controller.abort();
        await job.promise;
      }
      return done(stderr ? 1 : 0, stderr);
    }
    case 'wait': {
      // Nothing else runs while a script waits, so a capture there could never end: stop it
      // as the script's end would. In a terminal, wait until the jobs end or Ctrl-C.
      if (!host.bounds.control.terminal) {
        await jobs.stopAll();
        return done();
      }
      const signal = host.bounds.control.signal;
      await Promise.race([Promise.all(jobs.running().map((j) => j.promise)), new Promise((resolve) => signal?.addEventListener('abort', resolve, { once: true }))]);
      return done(signal?.aborted ? STOPPED_BY_CTRL_C : 0);
    }
    default:
      return undefined;
  }
}
