// Runs a parsed script: and-or lists, pipelines (each stage's stdout is the next one's stdin),
// `for`/`while`/`until`/`if`/`{ }`, and simple commands: expanded (expansion.ts), redirected
// (redirection.ts), then run as a shell builtin (builtins.ts, job-control.ts) or a command from
// the table. Every run is bounded (run-bounds.ts): commands per input, loop iterations, output
// bytes, CPU time, and a cancellation signal (Ctrl-C) checked between commands and handed to
// every command.
//
// Why our own interpreter rather than just-bash 3.4.2 (measured on this 2-core machine, Node
// 20.20, fresh process): a bare node process is ~41 MB RSS; importing just-bash took 90-160 ms
// and its first exec another 70-85 ms; after ~20 small pipelines RSS was ~72-74 MB. That alone is
// over the 60 MB idle budget per lab session before the simulator loads, and half the 300 ms
// ready budget. This tokenizer + interpreter costs a few ms to load and well under 1 MB, and
// covers what the labs use: quoting, `;` `&&` `||` `|`, `$VAR`, redirections, here-docs, and
// text filters as ordinary commands. (shell-quote loaded in ~9 ms but has no here-docs and loses
// the quoted/unquoted distinction `$VAR` needs, so it was not used either.)

import type { CommandResult } from '../../core/command-result';
import type { CommandContext, CommandOutput } from '../command-types';
import { parseScript, type AndOrList, type Command, type Pipeline, type Script, type SimpleCommand } from '../syntax';
import { shellBuiltin } from './builtins';
import { ExpansionAbort, Expander } from './expansion';
import { jobBuiltin, startJob, type JobHost } from './job-control';
import { JobTable } from './job-table';
import { Capture, OutputSink, Recorder, type Out } from './output';
import { redirectInput, route } from './redirection';
import { RunBounds } from './run-bounds';
import { sleepOnClock } from './command-sleep';
import type { InterpreterServices, RunControl, ShellState, Stdin } from './shell-state';

const NEVER = new AbortController().signal;

export class Interpreter {
  private depth = 0;
  private readonly bounds: RunBounds;
  private readonly expander: Expander;
  private readonly jobHost: JobHost;
  /** Background jobs (`tcpdump ... &`); they outlive the input that started them. */
  readonly jobs = new JobTable();

  constructor(
    private readonly state: ShellState,
    private readonly services: InterpreterServices,
  ) {
    this.bounds = new RunBounds(services);
    this.expander = new Expander(state, (script, stdin, out) => this.runScript(script, stdin, out));
    this.jobHost = {
      jobs: this.jobs,
      bounds: this.bounds,
      services,
      state,
      expander: this.expander,
      commandContext: (args, stdin, env, signal) => this.commandContext(args, stdin, env, signal),
    };
  }

  /** Runs one input from the learner (or a lab script). */
  async run(script: Script, sink: OutputSink, control: RunControl = {}): Promise<number> {
    if (this.depth > 0) return this.runScript(script, { text: '', pos: 0 }, sink);
    this.bounds.begin(control);
    this.depth++;
    try {
      const status = await this.runScript(script, { text: '', pos: 0 }, sink);
      // A script's jobs end with it (nothing could reach them afterwards); in a terminal they
      // live on, and bash reports the ones that ended before the next prompt.
      if (!control.terminal) await this.jobs.stopAll();
      else sink.write('stderr', this.jobs.notices());
      const stopped = this.bounds.stop;
      return stopped ? stopped.status : status;
    } finally {
      this.depth--;
      this.bounds.control = {};
    }
  }

  /** Runs a line inside the current run (`watch CMD`), with the same limits and Ctrl-C. */
  private async execNested(line: string, out: Out, stdin = ''): Promise<number> {
    const parsed = parseScript(line);
    if (!parsed.ok) {
      out.write('stderr', `${parsed.message}\n`);
      return 2;
    }
    return this.runScript(parsed.script, { text: stdin, pos: 0 }, out);
  }

  private async runScript(script: Script, stdin: Stdin, out: Out): Promise<number> {
    let status = this.state.lastExitCode;
    for (const statement of script.statements) {
      if (this.bounds.stop || this.bounds.jump) break;
      status = statement.background ? await startJob(this.jobHost, statement, out) : await this.runAndOr(statement, stdin, out);
    }
    return status;
  }

  private async runAndOr(list: AndOrList, stdin: Stdin, out: Out): Promise<number> {
    let status = await this.runPipeline(list.first, stdin, out);
    for (const { op, pipeline } of list.rest) {
      if (this.bounds.stop || this.bounds.jump) break;
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      status = await this.runPipeline(pipeline, stdin, out);
    }
    return status;
  }

  private async runPipeline(pipeline: Pipeline, stdin: Stdin, out: Out): Promise<number> {
    let input = stdin;
    let status = 0;
    for (let i = 0; i < pipeline.commands.length; i++) {
      const last = i === pipeline.commands.length - 1;
      const target = last ? out : new Capture(out);
      status = await this.runCommand(pipeline.commands[i], input, target);
      if (target instanceof Capture) input = { text: target.text, pos: 0 };
      if (this.bounds.stop) break;
    }
    status = pipeline.negated ? (status === 0 ? 1 : 0) : status;
    if (this.bounds.stop) status = this.bounds.stop.status;
    this.state.lastExitCode = status;
    return status;
  }

  private async runCommand(cmd: Command, stdin: Stdin, out: Out): Promise<number> {
    switch (cmd.kind) {
      case 'command':
        return this.runSimple(cmd, stdin, out);
      case 'for':
      case 'while':
      case 'if':
      case 'group':
        return this.runCompound(cmd, stdin, out);
      default: {
        const never: never = cmd;
        return never;
      }
    }
  }

  private async runCompound(cmd: Exclude<Command, SimpleCommand>, stdin: Stdin, out: Out): Promise<number> {
    let input = stdin;
    for (const r of cmd.redirects) {
      const text = await redirectInput(r, out, this.expander, this.services);
      if (text === null) return 1;
      if (text !== undefined) input = { text, pos: 0 };
    }
    if (!cmd.redirects.some((r) => r.kind === 'file' || r.kind === 'dup')) return this.runBody(cmd, input, out);
    const recorder = new Recorder();
    const status = await this.runBody(cmd, input, recorder);
    const recorded: CommandOutput = { stdout: '', stderr: '', exitCode: status, chunks: recorder.chunks };
    return route(recorded, cmd.redirects, out, this.expander, this.services);
  }

  private async runBody(cmd: Exclude<Command, SimpleCommand>, stdin: Stdin, out: Out): Promise<number> {
    const bounds = this.bounds;
    switch (cmd.kind) {
      case 'group':
        return this.runScript(cmd.body, stdin, out);
      case 'if': {
        for (const branch of cmd.branches) {
          const cond = await this.runScript(branch.condition, stdin, out);
          if (bounds.stop || bounds.jump) return cond;
          if (cond === 0) return this.runScript(branch.body, stdin, out);
        }
        return cmd.otherwise ? this.runScript(cmd.otherwise, stdin, out) : 0;
      }
      case 'for': {
        const items: string[] = [];
        // Spread arguments live on the stack: a million fields would overflow it.
        for (const w of cmd.items) for (const f of await this.expander.expandFields(w, out)) items.push(f);
        return bounds.loop(out, async (i) => {
          if (i >= items.length) return null;
          this.state.env[cmd.variable] = items[i];
          return this.runScript(cmd.body, stdin, out);
        });
      }
      case 'while':
        return bounds.loop(out, async () => {
          const cond = await this.runScript(cmd.condition, stdin, out);
          if (bounds.stop || bounds.jump) return cond;
          if ((cond === 0) === cmd.until) return null;
          return this.runScript(cmd.body, stdin, out);
        });
      default: {
        const never: never = cmd;
        return never;
      }
    }
  }

  private async runSimple(cmd: SimpleCommand, stdin: Stdin, out: Out): Promise<number> {
    const bounds = this.bounds;
    if (bounds.shouldStop(out)) return bounds.stop!.status;
    if (!bounds.countCommand(out)) return 1;
    const argv: string[] = [];
    const assignments: [string, string][] = [];
    try {
      for (const w of cmd.words) for (const f of await this.expander.expandFields(w, out)) argv.push(f);
      for (const a of cmd.assignments) assignments.push([a.name, await this.expander.expandJoined(a.value, out)]);
    } catch (error) {
      // `${V:?message}` on an unset V: bash prints the message and does not run the command.
      if (!(error instanceof ExpansionAbort)) throw error;
      if (error.endsRun) bounds.stop = { status: 1 };
      return 1;
    }
    let input: Stdin = stdin;
    for (const r of cmd.redirects) {
      const text = await redirectInput(r, out, this.expander, this.services);
      if (text === null) return 1;
      if (text !== undefined) input = { text, pos: 0 };
    }
    if (argv.length === 0) {
      for (const [name, value] of assignments) this.state.env[name] = value;
      const status = route({ stdout: '', stderr: '', exitCode: this.state.lastExitCode }, cmd.redirects, out, this.expander, this.services);
      return status;
    }
    const interactive = out instanceof OutputSink && !cmd.redirects.some((r) => r.kind === 'file' && r.mode !== 'read');
    const result = await this.invoke(argv, assignments, input, out, interactive);
    const status = route(result, cmd.redirects, out, this.expander, this.services);
    // A command that ended because of Ctrl-C ends the whole input, with 128 + SIGINT.
    return bounds.shouldStop(out) ? bounds.stop!.status : status;
  }

  private async invoke(argv: string[], assignments: [string, string][], stdin: Stdin, out: Out, interactive: boolean): Promise<CommandResult> {
    const [name, ...args] = argv;
    const builtin = shellBuiltin(name, args, stdin, this.state, this.services, this.bounds) ?? (await jobBuiltin(this.jobHost, name, args, out));
    if (builtin) return builtin;
    const command = this.services.commands.get(name);
    if (!command) return { stdout: '', stderr: this.services.notFound?.(name) ?? `bash: ${name}: command not found\n`, exitCode: 127 };
    const env = assignments.length ? { ...this.state.env, ...Object.fromEntries(assignments) } : this.state.env;
    const ctx: CommandContext = {
      ...this.commandContext(args, stdin.pos ? stdin.text.slice(stdin.pos) : stdin.text, env),
      terminal: interactive ? this.bounds.control.terminal : undefined,
    };
    try {
      return await command.run(ctx);
    } catch (error) {
      // A bug in one command ends that command, never the session.
      return { stdout: '', stderr: `${name}: internal error: ${(error as Error).message}\n`, exitCode: 70 };
    }
  }

  /** What a command gets; `signal` is its Ctrl-C (the input's, or a background job's own). */
  private commandContext(args: string[], stdin: string, env: Readonly<Record<string, string>>, signal: AbortSignal = this.bounds.control.signal ?? NEVER): CommandContext {
    return {
      args,
      stdin,
      env,
      cluster: this.services.cluster,
      fs: this.services.fs,
      history: this.state.history,
      session: this.services.session,
      answers: this.services.answers,
      sleep: (ms) => sleepOnClock((wanted, cut) => this.services.sleep(wanted, cut), ms, signal),
      signal,
      exec: async (line, stdin) => {
        const capture = new Recorder();
        const exitCode = await this.execNested(line, capture, stdin);
        let stdout = '';
        let stderr = '';
        let combined = '';
        for (const [stream, text] of capture.chunks) {
          if (stream === 'stdout') stdout += text;
          else stderr += text;
          combined += text;
        }
        return { stdout, stderr, exitCode, combined };
      },
    };
  }
}
