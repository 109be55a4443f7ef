// Runs a parsed script: and-or lists, pipelines (each stage's stdout is the next one's stdin),
// `for`/`while`/`until`/`if`/`{ }`, `$(...)` and `$((...))`, word splitting of unquoted
// expansions, redirections into the virtual filesystem, variables and the builtins that must
// live in the shell itself (cd, export, unset, read, break, continue). Every run is bounded:
// commands per input, loop iterations, output bytes, CPU time, and a cancellation signal
// (Ctrl-C) checked between commands and handed to every command.
//
// Why our own interpreter rather than just-bash 3.4.2 (measured on this 2-core machine, Node
// 20.20, fresh process): a bare node process is ~41 MB RSS; importing just-bash took 90-160 ms
// and its first exec another 70-85 ms; after ~20 small pipelines RSS was ~72-74 MB. That alone is
// over the 60 MB idle budget per lab session before the simulator loads, and half the 300 ms
// ready budget. This tokenizer + interpreter costs a few ms to load and well under 1 MB, and
// covers what the labs use: quoting, `;` `&&` `||` `|`, `$VAR`, redirections, here-docs, and
// text filters as ordinary commands. (shell-quote loaded in ~9 ms but has no here-docs and loses
// the quoted/unquoted distinction `$VAR` needs, so it was not used either.)

import type { CommandResult } from '../core/command-result';
import { MAX_COMMANDS_PER_EXEC, MAX_LOOP_ITERATIONS, MAX_OUTPUT_BYTES } from '../core/limits';
import type { Cluster } from '../cluster/cluster';
import type { AndOrList, Command, ParameterOp, Pipeline, Redirect, Script, SimpleCommand, Word, WordPart } from './syntax';
import { removeAffix, replaceGlob, substring } from './parameter-expansion';

/** An expansion that ends the command before it runs (`${V:?}` on an unset V). */
class ExpansionAbort extends Error {}
import type { CommandContext, CommandOutput, ShellCommand, TerminalIo } from './command-types';
import type { ShellSession } from './contexts/location';
import type { VirtualFs } from './virtual-fs';
import { HOME } from './virtual-fs';
import { evaluateArithmetic } from './arithmetic';
import { parseScript } from './parser';
import { BACKGROUND_COMMANDS, BACKGROUND_DESCRIPTION, canRunInBackground, JobTable, MAX_JOBS } from './jobs';

export interface ShellState {
  env: Record<string, string>;
  lastExitCode: number;
  history: string[];
}

export interface InterpreterServices {
  cluster: Cluster;
  fs: VirtualFs;
  commands: ReadonlyMap<string, ShellCommand>;
  sleep(ms: number): Promise<number>;
  /** CPU time used by this process so far, in ms (injected so tests can fake a runaway). */
  cpuMs?: () => number;
  /** Where the shell stands (workstation, node, pod); handed to every command. */
  session?: ShellSession;
  /** What the current shell prints for an unknown program (bash, dash and BusyBox word it differently). */
  notFound?: (name: string) => string;
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

/** Where a command's output goes: the terminal's sink, a pipe, a `$(...)` capture. */
interface Out {
  write(stream: 'stdout' | 'stderr', text: string): void;
}

/** Collects a run's output, in order, up to MAX_OUTPUT_BYTES; `live` sees each accepted chunk at once. */
export class OutputSink implements Out {
  stdout = '';
  stderr = '';
  combined = '';
  private bytes = 0;
  truncated = false;

  constructor(private readonly live?: (text: string) => void) {}

  write(stream: 'stdout' | 'stderr', text: string): void {
    if (!text || this.truncated) return;
    let chunk = text;
    if (this.bytes + chunk.length > MAX_OUTPUT_BYTES) {
      chunk = chunk.slice(0, MAX_OUTPUT_BYTES - this.bytes);
      this.truncated = true;
    }
    this.bytes += chunk.length;
    this[stream] += chunk;
    this.combined += chunk;
    if (this.truncated) {
      const notice = `\nbash: output truncated after ${MAX_OUTPUT_BYTES} bytes\n`;
      this.stderr += notice;
      this.combined += notice;
      chunk += notice;
    }
    this.live?.(chunk);
  }
}

/** A pipe or `$(...)`: keeps stdout (bounded), passes stderr on. */
class Capture implements Out {
  text = '';
  constructor(private readonly parent: Out) {}
  write(stream: 'stdout' | 'stderr', text: string): void {
    if (stream === 'stderr') this.parent.write('stderr', text);
    else if (this.text.length < MAX_OUTPUT_BYTES) this.text += text.slice(0, MAX_OUTPUT_BYTES - this.text.length);
  }
}

/** Output of a compound command with redirections: every chunk in order, routed afterwards. */
class Recorder implements Out {
  readonly chunks: ['stdout' | 'stderr', string][] = [];
  private bytes = 0;
  write(stream: 'stdout' | 'stderr', text: string): void {
    if (this.bytes >= MAX_OUTPUT_BYTES) return;
    this.bytes += text.length;
    this.chunks.push([stream, text]);
  }
}

/** A loop's stdin: `read` takes one line at a time, other commands see what is left. */
interface Stdin {
  text: string;
  pos: number;
}

const NEVER = new AbortController().signal;
const STOPPED_BY_CTRL_C = 130;
const STOPPED_BY_CPU = 152;

export class Interpreter {
  private commandsRun = 0;
  private jump: { kind: 'break' | 'continue'; levels: number } | null = null;
  private stop: { status: number } | null = null;
  private control: RunControl = {};
  private cpuStart = 0;
  private depth = 0;
  /** Background jobs (`tcpdump ... &`); they outlive the input that started them. */
  readonly jobs = new JobTable();

  constructor(
    private readonly state: ShellState,
    private readonly services: InterpreterServices,
  ) {}

  /** Runs one input from the learner (or a lab script). */
  async run(script: Script, sink: OutputSink, control: RunControl = {}): Promise<number> {
    if (this.depth > 0) return this.runScript(script, { text: '', pos: 0 }, sink);
    this.commandsRun = 0;
    this.jump = null;
    this.stop = null;
    this.control = control;
    this.cpuStart = this.cpuNow();
    this.depth++;
    try {
      const status = await this.runScript(script, { text: '', pos: 0 }, sink);
      // A script's jobs end with it (nothing could reach them afterwards); in a terminal they
      // live on, and bash reports the ones that ended before the next prompt.
      if (!control.terminal) await this.jobs.stopAll();
      else sink.write('stderr', this.jobs.notices());
      const stopped = this.stop as { status: number } | null;
      return stopped ? stopped.status : status;
    } finally {
      this.depth--;
      this.control = {};
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

  private cpuNow(): number {
    if (this.services.cpuMs) return this.services.cpuMs();
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }

  /** True (and the reason written once) when the run must end: Ctrl-C, CPU budget, command limit. */
  private shouldStop(out: Out): boolean {
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

  private async runScript(script: Script, stdin: Stdin, out: Out): Promise<number> {
    let status = this.state.lastExitCode;
    for (const statement of script.statements) {
      if (this.stop || this.jump) break;
      status = statement.background ? await this.startJob(statement, out) : await this.runAndOr(statement, stdin, out);
    }
    return status;
  }

  private async runAndOr(list: AndOrList, stdin: Stdin, out: Out): Promise<number> {
    let status = await this.runPipeline(list.first, stdin, out);
    for (const { op, pipeline } of list.rest) {
      if (this.stop || this.jump) break;
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      status = await this.runPipeline(pipeline, stdin, out);
    }
    return status;
  }

  /** `CMD &`: starts CMD as a job with its own Ctrl-C (kill, fg) and the terminal to write to. */
  private async startJob(list: AndOrList, out: Out): Promise<number> {
    const only = list.rest.length === 0 && list.first.commands.length === 1 ? list.first.commands[0] : undefined;
    const argv: string[] = [];
    if (only?.kind === 'command' && only.redirects.length === 0) for (const w of only.words) argv.push(...(await this.expandFields(w, out)));
    const command = argv[0] ? this.services.commands.get(argv[0]) : undefined;
    if (argv[0] && !command && BACKGROUND_COMMANDS.has(argv[0])) {
      out.write('stderr', this.services.notFound?.(argv[0]) ?? `bash: ${argv[0]}: command not found\n`);
      return 127;
    }
    if (!command || !canRunInBackground(argv)) {
      out.write('stderr', `bash: only ${BACKGROUND_DESCRIPTION} can run in the background (&) in this terminal\n`);
      return 1;
    }
    if (this.jobs.running().length >= MAX_JOBS) {
      out.write('stderr', `bash: fork: retry: Resource temporarily unavailable (at most ${MAX_JOBS} jobs)\n`);
      return 1;
    }
    const live = this.control.terminal;
    const terminal: TerminalIo = live ?? { columns: 80, rows: 24, write: (text) => out.write('stdout', text.replace(/\r\n/g, '\n')) };
    const job = this.jobs.start(argv.join(' '), async (signal) => {
      const result = await command.run({ ...this.commandContext(argv.slice(1), '', this.state.env), signal, terminal });
      if (result.stderr) terminal.write(result.stderr.replace(/\n/g, '\r\n'));
      if (result.stdout) terminal.write(result.stdout.replace(/\n/g, '\r\n'));
      return result.exitCode;
    });
    if (live) out.write('stderr', `[${job.id}] ${job.pid}\n`);
    return 0;
  }

  private async runPipeline(pipeline: Pipeline, stdin: Stdin, out: Out): Promise<number> {
    let input = stdin;
    let status = 0;
    for (let i = 0; i < pipeline.commands.length; i++) {
      const last = i === pipeline.commands.length - 1;
      const target = last ? out : new Capture(out);
      status = await this.runCommand(pipeline.commands[i], input, target);
      if (target instanceof Capture) input = { text: target.text, pos: 0 };
      if (this.stop) break;
    }
    status = pipeline.negated ? (status === 0 ? 1 : 0) : status;
    if (this.stop) status = this.stop.status;
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
      const text = await this.redirectInput(r, out);
      if (text === null) return 1;
      if (text !== undefined) input = { text, pos: 0 };
    }
    if (!cmd.redirects.some((r) => r.kind === 'file' || r.kind === 'dup')) return this.runBody(cmd, input, out);
    const recorder = new Recorder();
    const status = await this.runBody(cmd, input, recorder);
    const recorded: CommandOutput = { stdout: '', stderr: '', exitCode: status, chunks: recorder.chunks };
    return this.route(recorded, cmd.redirects, out);
  }

  private async runBody(cmd: Exclude<Command, SimpleCommand>, stdin: Stdin, out: Out): Promise<number> {
    switch (cmd.kind) {
      case 'group':
        return this.runScript(cmd.body, stdin, out);
      case 'if': {
        for (const branch of cmd.branches) {
          const cond = await this.runScript(branch.condition, stdin, out);
          if (this.stop || this.jump) return cond;
          if (cond === 0) return this.runScript(branch.body, stdin, out);
        }
        return cmd.otherwise ? this.runScript(cmd.otherwise, stdin, out) : 0;
      }
      case 'for': {
        const items: string[] = [];
        for (const w of cmd.items) items.push(...(await this.expandFields(w, out)));
        return this.loop(out, async (i) => {
          if (i >= items.length) return null;
          this.state.env[cmd.variable] = items[i];
          return this.runScript(cmd.body, stdin, out);
        });
      }
      case 'while':
        return this.loop(out, async () => {
          const cond = await this.runScript(cmd.condition, stdin, out);
          if (this.stop || this.jump) return cond;
          if ((cond === 0) === cmd.until) return null;
          return this.runScript(cmd.body, stdin, out);
        });
      default: {
        const never: never = cmd;
        return never;
      }
    }
  }

  /** Drives one loop: `step(i)` runs iteration i (null = done); break/continue, limits and Ctrl-C apply. */
  private async loop(out: Out, step: (i: number) => Promise<number | null>): Promise<number> {
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

  /** Text a redirect feeds to stdin: undefined when it is not an input redirect, null after an error. */
  private async redirectInput(r: Redirect, out: Out): Promise<string | undefined | null> {
    switch (r.kind) {
      case 'heredoc':
        return this.expandJoined(r.body, out);
      case 'herestring':
        return `${await this.expandJoined(r.body, out)}\n`;
      case 'file': {
        if (r.mode !== 'read') {
          await this.expandJoined(r.target, out);
          return undefined;
        }
        const path = await this.expandJoined(r.target, out);
        const text = this.services.fs.read(path);
        if (text === undefined) {
          out.write('stderr', `bash: ${path}: ${this.services.fs.isDirectory(path) ? 'Is a directory' : 'No such file or directory'}\n`);
          return null;
        }
        return text;
      }
      case 'dup':
        return undefined;
      default: {
        const never: never = r;
        return never;
      }
    }
  }

  private async runSimple(cmd: SimpleCommand, stdin: Stdin, out: Out): Promise<number> {
    if (this.shouldStop(out)) return this.stop!.status;
    this.commandsRun++;
    if (this.commandsRun > MAX_COMMANDS_PER_EXEC) {
      out.write('stderr', `bash: more than ${MAX_COMMANDS_PER_EXEC} commands in one input; stopped\n`);
      this.stop = { status: 1 };
      return 1;
    }
    const argv: string[] = [];
    const assignments: [string, string][] = [];
    try {
      for (const w of cmd.words) argv.push(...(await this.expandFields(w, out)));
      for (const a of cmd.assignments) assignments.push([a.name, await this.expandJoined(a.value, out)]);
    } catch (error) {
      // `${V:?message}` on an unset V: bash prints the message and does not run the command.
      if (!(error instanceof ExpansionAbort)) throw error;
      return 1;
    }
    let input: Stdin = stdin;
    for (const r of cmd.redirects) {
      const text = await this.redirectInput(r, out);
      if (text === null) return 1;
      if (text !== undefined) input = { text, pos: 0 };
    }
    if (argv.length === 0) {
      for (const [name, value] of assignments) this.state.env[name] = value;
      const status = this.route({ stdout: '', stderr: '', exitCode: this.state.lastExitCode }, cmd.redirects, out);
      return status;
    }
    const interactive = out instanceof OutputSink && !cmd.redirects.some((r) => r.kind === 'file' && r.mode !== 'read');
    const result = await this.invoke(argv, assignments, input, out, interactive);
    const status = this.route(result, cmd.redirects, out);
    // A command that ended because of Ctrl-C ends the whole input, with 128 + SIGINT.
    return this.shouldStop(out) ? this.stop!.status : status;
  }

  private async invoke(argv: string[], assignments: [string, string][], stdin: Stdin, out: Out, interactive: boolean): Promise<CommandResult> {
    const [name, ...args] = argv;
    const builtin = this.builtin(name, args, stdin) ?? (await this.jobBuiltin(name, args, out));
    if (builtin) return builtin;
    const command = this.services.commands.get(name);
    if (!command) return { stdout: '', stderr: this.services.notFound?.(name) ?? `bash: ${name}: command not found\n`, exitCode: 127 };
    const env = assignments.length ? { ...this.state.env, ...Object.fromEntries(assignments) } : this.state.env;
    const ctx: CommandContext = {
      ...this.commandContext(args, stdin.pos ? stdin.text.slice(stdin.pos) : stdin.text, env),
      terminal: interactive ? this.control.terminal : undefined,
    };
    try {
      return await command.run(ctx);
    } catch (error) {
      // A bug in one command ends that command, never the session.
      return { stdout: '', stderr: `${name}: internal error: ${(error as Error).message}\n`, exitCode: 70 };
    }
  }

  private commandContext(args: string[], stdin: string, env: Readonly<Record<string, string>>): CommandContext {
    return {
      args,
      stdin,
      env,
      cluster: this.services.cluster,
      fs: this.services.fs,
      history: this.state.history,
      session: this.services.session,
      sleep: (ms) => this.services.sleep(ms),
      signal: this.control.signal ?? NEVER,
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

  /** jobs, fg, kill and wait: the builtins that look at background jobs (shell/jobs.ts). */
  private async jobBuiltin(name: string, args: string[], out: Out): Promise<CommandResult | undefined> {
    const done = (exitCode = 0, stderr = '', stdout = ''): CommandResult => ({ stdout, stderr, exitCode });
    switch (name) {
      case 'jobs':
        return done(0, '', this.jobs.list());
      case 'fg': {
        const job = this.jobs.find(args[0]);
        if (!job) return done(1, `bash: fg: ${args[0] ?? 'current'}: no such job\n`);
        out.write('stdout', `${job.text}\n`);
        const signal = this.control.signal;
        const onAbort = () => job.controller.abort();
        signal?.addEventListener('abort', onAbort, { once: true });
        const code = await job.promise;
        signal?.removeEventListener('abort', onAbort);
        this.jobs.drop(job);
        return done(signal?.aborted ? STOPPED_BY_CTRL_C : code);
      }
      case 'kill': {
        const targets = args.filter((a) => !/^-(\d+|[A-Z]+|s)$/.test(a) && !/^(TERM|KILL|INT|HUP)$/.test(a));
        if (targets.length === 0) return done(2, 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n');
        let stderr = '';
        for (const t of targets) {
          const job = this.jobs.find(t);
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
        if (!this.control.terminal) {
          await this.jobs.stopAll();
          return done();
        }
        const signal = this.control.signal;
        await Promise.race([Promise.all(this.jobs.running().map((j) => j.promise)), new Promise((resolve) => signal?.addEventListener('abort', resolve, { once: true }))]);
        return done(signal?.aborted ? STOPPED_BY_CTRL_C : 0);
      }
      default:
        return undefined;
    }
  }

  private builtin(name: string, args: string[], stdin: Stdin): CommandResult | undefined {
    const done = (exitCode = 0, stderr = ''): CommandResult => ({ stdout: '', stderr, exitCode });
    switch (name) {
      case 'export':
        for (const arg of args) {
          const eq = arg.indexOf('=');
          if (eq > 0) this.state.env[arg.slice(0, eq)] = arg.slice(eq + 1);
        }
        return done();
      case 'unset':
        for (const arg of args) delete this.state.env[arg];
        return done();
      case 'cd': {
        const target = args[0] === undefined || args[0] === '~' ? this.state.env.HOME ?? HOME : this.services.fs.resolve(args[0] === '-' ? this.state.env.OLDPWD ?? HOME : args[0]);
        if (!this.services.fs.isDirectory(target)) return done(1, `bash: cd: ${args[0]}: No such file or directory\n`);
        this.state.env.OLDPWD = this.state.env.PWD ?? HOME;
        this.state.env.PWD = target;
        return done();
      }
      case 'pwd':
        return { stdout: `${this.state.env.PWD ?? HOME}\n`, stderr: '', exitCode: 0 };
      case 'break':
      case 'continue': {
        const levels = args[0] === undefined ? 1 : Number(args[0]);
        if (!Number.isInteger(levels) || levels < 1) return done(1, `bash: ${name}: ${args[0]}: loop count out of range\n`);
        this.jump = { kind: name, levels };
        return done();
      }
      case 'read':
        return this.read(args, stdin);
      default:
        return undefined;
    }
  }

  /** `read [-r] NAME...`: one line from stdin, split on whitespace; the last name takes the rest. */
  private read(args: string[], stdin: Stdin): CommandResult {
    const names = args.filter((a) => a !== '-r');
    const bad = args.find((a) => a.startsWith('-') && a !== '-r');
    if (bad) return { stdout: '', stderr: `bash: read: ${bad}: invalid option\nread: usage: read [-r] [name ...]\n`, exitCode: 2 };
    if (stdin.pos >= stdin.text.length) return { stdout: '', stderr: '', exitCode: 1 };
    const end = stdin.text.indexOf('\n', stdin.pos);
    const line = stdin.text.slice(stdin.pos, end < 0 ? undefined : end);
    stdin.pos = end < 0 ? stdin.text.length : end + 1;
    const targets = names.length ? names : ['REPLY'];
    let rest = names.length ? line.replace(/^[ \t]+/, '') : line;
    targets.forEach((name, i) => {
      if (i === targets.length - 1) {
        this.state.env[name] = names.length ? rest.replace(/[ \t]+$/, '') : rest;
        return;
      }
      const m = /^(\S*)[ \t]*/.exec(rest)!;
      this.state.env[name] = m[1];
      rest = rest.slice(m[0].length);
    });
    return { stdout: '', stderr: '', exitCode: end < 0 && !line ? 1 : 0 };
  }

  /** Applies redirections left to right (so `> f 2>&1` and `2>&1 > f` differ as in bash). */
  private route(result: CommandResult, redirects: Redirect[], out: Out): number {
    type Dest = { kind: 'out' } | { kind: 'err' } | { kind: 'null' } | { kind: 'file'; path: string; append: boolean };
    const dest: Record<1 | 2, Dest> = { 1: { kind: 'out' }, 2: { kind: 'err' } };
    let status = result.exitCode;
    for (const r of redirects) {
      if (r.kind === 'dup') dest[r.fd] = dest[r.to];
      if (r.kind === 'file' && r.mode !== 'read') {
        const path = this.joinParts(r.target);
        const target: Dest = path === '/dev/null' ? { kind: 'null' } : { kind: 'file', path, append: r.mode === 'append' };
        if (r.fd === 1 || r.fd === 2) dest[r.fd] = target;
        if (target.kind === 'file' && !target.append) {
          const created = this.services.fs.write(path, '');
          if (!created.ok) {
            out.write('stderr', `bash: ${path}: ${created.reason}\n`);
            return 1;
          }
        }
      }
    }
    const emit = (d: Dest, text: string) => {
      if (!text) return;
      switch (d.kind) {
        case 'out':
          out.write('stdout', text);
          return;
        case 'err':
          out.write('stderr', text);
          return;
        case 'null':
          return;
        case 'file': {
          const written = this.services.fs.write(d.path, text, true);
          if (!written.ok) {
            out.write('stderr', `bash: ${d.path}: ${written.reason}\n`);
            status = 1;
          }
          return;
        }
        default: {
          const never: never = d;
          return never;
        }
      }
    };
    const chunks = (result as CommandOutput).chunks;
    if (chunks) for (const [stream, text] of chunks) emit(dest[stream === 'stdout' ? 1 : 2], text);
    else {
      emit(dest[1], result.stdout);
      emit(dest[2], result.stderr);
    }
    return status;
  }

  /** A redirect target was expanded before the command ran; here only its literal text is needed again. */
  private joinParts(word: Word): string {
    return this.lastTargets.get(word) ?? word.parts.map((p) => (p.kind === 'literal' ? p.text : '')).join('');
  }

  private readonly lastTargets = new WeakMap<Word, string>();

  /** One word's value without field splitting (assignments, redirect targets, here-documents). */
  private async expandJoined(word: Word, out: Out): Promise<string> {
    let text = '';
    for (const part of word.parts) text += await this.partValue(part, out);
    this.lastTargets.set(word, text);
    return text;
  }

  /**
   * One word's fields: unquoted `$VAR`, `$(...)` and `$((...))` split on blanks and newlines; quoted
   * parts and literal text never split; a word made only of empty unquoted expansions disappears.
   */
  private async expandFields(word: Word, out: Out): Promise<string[]> {
    const fields: string[] = [];
    let current = '';
    let started = false;
    for (const part of word.parts) {
      const value = await this.partValue(part, out);
      if (part.kind === 'literal' || part.quoted) {
        current += value;
        started = true;
        continue;
      }
      const pieces = value.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0) {
          if (started) fields.push(current);
          current = '';
          started = false;
        }
        if (piece) {
          current += piece;
          started = true;
        }
      });
    }
    if (started) fields.push(current);
    return fields;
  }

  private async partValue(part: Word['parts'][number], out: Out): Promise<string> {
    switch (part.kind) {
      case 'literal':
        return part.text;
      case 'variable':
        return this.variable(part.name);
      case 'command-sub': {
        const capture = new Capture(out);
        this.state.lastExitCode = await this.runScript(part.script, { text: '', pos: 0 }, capture);
        return capture.text.replace(/\n+$/, '');
      }
      case 'arith': {
        const result = evaluateArithmetic(part.expression, (name) => this.variable(name));
        if (result.ok) return String(result.value);
        out.write('stderr', `${result.message}\n`);
        return '';
      }
      case 'parameter':
        return this.parameter(part.name, part.op, out);
      default: {
        const never: never = part;
        return never;
      }
    }
  }

  /** The text of parts inside an operator's word, without field splitting. */
  private async textOf(parts: readonly WordPart[], out: Out): Promise<string> {
    let text = '';
    for (const p of parts) text += await this.partValue(p, out);
    return text;
  }

  private isSet(name: string): boolean {
    return name === '?' || name === '$' || name === '#' || name === '0' || Object.hasOwn(this.state.env, name);
  }

  private async parameter(name: string, op: ParameterOp, out: Out): Promise<string> {
    const value = this.variable(name);
    const arithmetic = (expression: string) => {
      const r = evaluateArithmetic(expression, (n) => this.variable(n));
      if (!r.ok) out.write('stderr', `${r.message}\n`);
      return r.ok ? r.value : 0;
    };
    switch (op.kind) {
      case 'plain':
        return value;
      case 'length':
        return String([...value].length);
      case 'default':
      case 'assign':
      case 'alternative':
      case 'error': {
        const absent = !this.isSet(name) || (op.colon && value === '');
        if (op.kind === 'alternative') return absent ? '' : this.textOf(op.word, out);
        if (!absent) return value;
        const word = await this.textOf(op.word, out);
        if (op.kind === 'assign') this.state.env[name] = word;
        if (op.kind === 'error') {
          out.write('stderr', `bash: ${name}: ${word || 'parameter null or not set'}\n`);
          throw new ExpansionAbort();
        }
        return word;
      }
      case 'remove-prefix':
      case 'remove-suffix':
        return removeAffix(value, await this.textOf(op.pattern, out), op.kind === 'remove-prefix' ? 'prefix' : 'suffix', op.longest);
      case 'replace':
        return replaceGlob(value, await this.textOf(op.pattern, out), await this.textOf(op.replacement, out), op.mode);
      case 'substring':
        return substring(value, arithmetic(op.offset), op.length === undefined ? undefined : arithmetic(op.length));
      default: {
        const never: never = op;
        return never;
      }
    }
  }

  private variable(name: string): string {
    switch (name) {
      case '?':
        return String(this.state.lastExitCode);
      case '$':
        return '4242';
      case '#':
        return '0';
      case '0':
        return 'bash';
      default:
        return this.state.env[name] ?? '';
    }
  }
}
