// The builtins that must live in the shell itself because they change the shell, not a file:
// export, unset, cd, pwd, break, continue and read. (The job builtins are in job-control.ts.)
// Each returns a CommandResult like any command, or undefined when the name is not a builtin.

import type { CommandResult } from '../../core/command-result';
import { HOME } from '../virtual-fs';
import type { RunBounds } from './run-bounds';
import type { InterpreterServices, ShellState, Stdin } from './shell-state';

export function shellBuiltin(name: string, args: string[], stdin: Stdin, state: ShellState, services: Pick<InterpreterServices, 'fs'>, bounds: RunBounds): CommandResult | undefined {
  const done = (exitCode = 0, stderr = ''): CommandResult => ({ stdout: '', stderr, exitCode });
  switch (name) {
    case 'export':
      for (const arg of args) {
        const eq = arg.indexOf('=');
        if (eq > 0) state.env[arg.slice(0, eq)] = arg.slice(eq + 1);
      }
      return done();
    case 'unset':
      for (const arg of args) delete state.env[arg];
      return done();
    case 'cd': {
      const target = args[0] === undefined || args[0] === '~' ? state.env.HOME ?? HOME : services.fs.resolve(args[0] === '-' ? state.env.OLDPWD ?? HOME : args[0]);
      if (!services.fs.isDirectory(target)) return done(1, `bash: cd: ${args[0]}: No such file or directory\n`);
      state.env.OLDPWD = state.env.PWD ?? HOME;
      state.env.PWD = target;
      return done();
    }
    case 'pwd':
      return { stdout: `${state.env.PWD ?? HOME}\n`, stderr: '', exitCode: 0 };
    case 'break':
    case 'continue': {
      const levels = args[0] === undefined ? 1 : Number(args[0]);
      if (!Number.isInteger(levels) || levels < 1) return done(1, `bash: ${name}: ${args[0]}: loop count out of range\n`);
      bounds.jump = { kind: name, levels };
      return done();
    }
    case 'read':
      return read(args, stdin, state);
    default:
      return undefined;
  }
}

/** `read [-r] NAME...`: one line from stdin, split on whitespace; the last name takes the rest. */
function read(args: string[], stdin: Stdin, state: ShellState): CommandResult {
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
      state.env[name] = names.length ? rest.replace(/[ \t]+$/, '') : rest;
      return;
    }
    const m = /^(\S*)[ \t]*/.exec(rest)!;
    state.env[name] = m[1];
    rest = rest.slice(m[0].length);
  });
  return { stdout: '', stderr: '', exitCode: end < 0 && !line ? 1 : 0 };
}
