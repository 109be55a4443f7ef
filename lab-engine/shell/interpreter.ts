// Runs a parsed script: and-or lists, pipelines (each stage's stdout is the next one's stdin),
// redirections into the virtual filesystem, variables and a few builtins (cd, export, unset).
//
// Why our own interpreter rather than just-bash 3.4.2 (measured on this 2-core machine, Node
// 20.20, fresh process): a bare node process is ~41 MB RSS; importing just-bash took 90-160 ms
// and its first exec another 70-85 ms; after ~20 small pipelines RSS was ~72-74 MB. That alone is
// over the 60 MB idle budget per lab session before the simulator loads, and half the 300 ms
// ready budget. This tokenizer + interpreter costs a few ms to load and well under 1 MB, and
// covers what the labs use: quoting, `;` `&&` `||` `|`, `$VAR`, redirections, here-docs, and
// text filters as ordinary commands. (shell-quote loaded in ~9 ms but has no here-docs and loses
// the quoted/unquoted distinction `$VAR` needs, so it was not used either.)

import type { CommandResult } from '../core/simulation-types';
import { MAX_COMMANDS_PER_EXEC, MAX_OUTPUT_BYTES } from '../core/limits';
import type { Cluster } from '../cluster/cluster';
import type { AndOrList, Pipeline, Redirect, Script, SimpleCommand, Word } from './syntax';
import type { CommandContext, CommandOutput, ShellCommand } from './command-types';
import type { VirtualFs } from './virtual-fs';
import { HOME } from './virtual-fs';

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
}

export interface ExecResult extends CommandResult {
  /** stdout and stderr in the order they were written: what a terminal shows. */
  combined: string;
}

/** Collects a run's output, in order, up to MAX_OUTPUT_BYTES. */
export class OutputSink {
  stdout = '';
  stderr = '';
  combined = '';
  private bytes = 0;
  truncated = false;

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
    }
  }
}

export class Interpreter {
  private commandsRun = 0;

  constructor(
    private readonly state: ShellState,
    private readonly services: InterpreterServices,
  ) {}

  async run(script: Script, sink: OutputSink): Promise<number> {
    let status = this.state.lastExitCode;
    for (const statement of script.statements) {
      status = await this.runAndOr(statement, sink);
      if (this.commandsRun > MAX_COMMANDS_PER_EXEC) break;
    }
    return status;
  }

  private async runAndOr(list: AndOrList, sink: OutputSink): Promise<number> {
    let status = await this.runPipeline(list.first, sink);
    for (const { op, pipeline } of list.rest) {
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      status = await this.runPipeline(pipeline, sink);
    }
    return status;
  }

  private async runPipeline(pipeline: Pipeline, sink: OutputSink): Promise<number> {
    let input = '';
    let status = 0;
    for (let i = 0; i < pipeline.commands.length; i++) {
      const last = i === pipeline.commands.length - 1;
      const result = await this.runCommand(pipeline.commands[i], input, sink, last);
      input = result.piped;
      status = result.status;
    }
    status = pipeline.negated ? (status === 0 ? 1 : 0) : status;
    this.state.lastExitCode = status;
    return status;
  }

  /** Runs one command; its stdout goes to the next stage (`piped`) or, for the last stage, to the sink. */
  private async runCommand(cmd: SimpleCommand, stdin: string, sink: OutputSink, last: boolean): Promise<{ piped: string; status: number }> {
    this.commandsRun++;
    if (this.commandsRun > MAX_COMMANDS_PER_EXEC) {
      sink.write('stderr', `bash: more than ${MAX_COMMANDS_PER_EXEC} commands in one input; stopped\n`);
      return { piped: '', status: 1 };
    }
    const argv = cmd.words.map((w) => this.expand(w));
    const assignments = cmd.assignments.map((a) => [a.name, this.expand(a.value)] as const);
    let input = stdin;
    for (const r of cmd.redirects) {
      if (r.kind === 'heredoc') input = this.expand(r.body);
      if (r.kind === 'file' && r.mode === 'read') {
        const path = this.expand(r.target);
        const text = this.services.fs.read(path);
        if (text === undefined) {
          sink.write('stderr', `bash: ${path}: ${this.services.fs.isDirectory(path) ? 'Is a directory' : 'No such file or directory'}\n`);
          return { piped: '', status: 1 };
        }
        input = text;
      }
    }
    let result: CommandResult;
    if (argv.length === 0) {
      for (const [name, value] of assignments) this.state.env[name] = value;
      result = { stdout: '', stderr: '', exitCode: 0 };
    } else {
      result = await this.invoke(argv, assignments, input);
    }
    return this.route(result, cmd.redirects, sink, last);
  }

  private async invoke(argv: string[], assignments: readonly (readonly [string, string])[], stdin: string): Promise<CommandResult> {
    const [name, ...args] = argv;
    const builtin = this.builtin(name, args);
    if (builtin) return builtin;
    const command = this.services.commands.get(name);
    if (!command) return { stdout: '', stderr: `bash: ${name}: command not found\n`, exitCode: 127 };
    const env = assignments.length ? { ...this.state.env, ...Object.fromEntries(assignments) } : this.state.env;
    const ctx: CommandContext = {
      args,
      stdin,
      env,
      cluster: this.services.cluster,
      fs: this.services.fs,
      history: this.state.history,
      sleep: (ms) => this.services.sleep(ms),
    };
    try {
      return await command.run(ctx);
    } catch (error) {
      // A bug in one command ends that command, never the session.
      return { stdout: '', stderr: `${name}: internal error: ${(error as Error).message}\n`, exitCode: 70 };
    }
  }

  private builtin(name: string, args: string[]): CommandResult | undefined {
    switch (name) {
      case 'export':
        for (const arg of args) {
          const eq = arg.indexOf('=');
          if (eq > 0) this.state.env[arg.slice(0, eq)] = arg.slice(eq + 1);
        }
        return { stdout: '', stderr: '', exitCode: 0 };
      case 'unset':
        for (const arg of args) delete this.state.env[arg];
        return { stdout: '', stderr: '', exitCode: 0 };
      case 'cd': {
        const target = args[0] === undefined || args[0] === '~' ? HOME : this.services.fs.resolve(args[0] === '-' ? this.state.env.OLDPWD ?? HOME : args[0]);
        if (!this.services.fs.isDirectory(target)) {
          return { stdout: '', stderr: `bash: cd: ${args[0]}: No such file or directory\n`, exitCode: 1 };
        }
        this.state.env.OLDPWD = this.state.env.PWD ?? HOME;
        this.state.env.PWD = target;
        return { stdout: '', stderr: '', exitCode: 0 };
      }
      case 'pwd':
        return { stdout: `${this.state.env.PWD ?? HOME}\n`, stderr: '', exitCode: 0 };
      default:
        return undefined;
    }
  }

  /** Applies redirections left to right (so `> f 2>&1` and `2>&1 > f` differ as in bash). */
  private route(result: CommandResult, redirects: Redirect[], sink: OutputSink, last: boolean): { piped: string; status: number } {
    type Dest = { kind: 'out' } | { kind: 'err' } | { kind: 'null' } | { kind: 'file'; path: string; append: boolean };
    const dest: Record<1 | 2, Dest> = { 1: { kind: 'out' }, 2: { kind: 'err' } };
    for (const r of redirects) {
      if (r.kind === 'dup') dest[r.fd] = dest[r.to];
      if (r.kind === 'file' && r.mode !== 'read') {
        const path = this.expand(r.target);
        const target: Dest = path === '/dev/null' ? { kind: 'null' } : { kind: 'file', path, append: r.mode === 'append' };
        if (r.fd === 1 || r.fd === 2) dest[r.fd] = target;
        if (target.kind === 'file' && !target.append) this.services.fs.write(path, '');
      }
    }
    let piped = '';
    let status = result.exitCode;
    const emit = (d: Dest, text: string) => {
      if (!text) return;
      switch (d.kind) {
        case 'out':
          if (last) sink.write('stdout', text);
          else piped += text;
          return;
        case 'err':
          sink.write('stderr', text);
          return;
        case 'null':
          return;
        case 'file': {
          const written = this.services.fs.write(d.path, text, true);
          if (!written.ok) {
            sink.write('stderr', `bash: ${d.path}: ${written.reason}\n`);
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
    return { piped, status };
  }

  private expand(word: Word): string {
    let out = '';
    for (const part of word.parts) {
      if (part.kind === 'literal') out += part.text;
      else out += this.variable(part.name);
    }
    return out;
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
