// test and [: bash's conditional builtin for `if` and `while` — string tests (-z -n = != ==),
// integer comparisons (-eq -ne -lt -le -gt -ge), files in the virtual filesystem (-e -f -d -s),
// `!`, and `-a`/`-o`. Status 0 true, 1 false, 2 on a usage error (with bash's wording).
// Also `:`, the no-op that `while :; do` loops on.

import type { CommandContext, CommandResult, ShellCommand } from '../../command-types';

class TestError extends Error {}

function evaluate(args: string[], ctx: CommandContext, tool: string): boolean {
  let pos = 0;
  const integer = (s: string): number => {
    if (!/^\s*-?\d+\s*$/.test(s)) throw new TestError(`bash: ${tool}: ${s}: integer expression expected`);
    return Number(s);
  };
  const primary = (): boolean => {
    const a = args[pos];
    if (a === undefined) throw new TestError(`bash: ${tool}: argument expected`);
    if (a === '!') { pos++; return !primary(); }
    if (a === '(') {
      pos++;
      const v = or();
      if (args[pos++] !== ')') throw new TestError(`bash: ${tool}: \`)' expected`);
      return v;
    }
    const op = args[pos + 1];
    if (op !== undefined && pos + 2 < args.length + 0 && ['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '<', '>'].includes(op)) {
      const b = args[pos + 2];
      pos += 3;
      switch (op) {
        case '=': case '==': return a === b;
        case '!=': return a !== b;
        case '<': return a < b;
        case '>': return a > b;
        case '-eq': return integer(a) === integer(b);
        case '-ne': return integer(a) !== integer(b);
        case '-lt': return integer(a) < integer(b);
        case '-le': return integer(a) <= integer(b);
        case '-gt': return integer(a) > integer(b);
        default: return integer(a) >= integer(b);
      }
    }
    if (/^-[znefds]$/.test(a) && args[pos + 1] !== undefined) {
      const v = args[pos + 1];
      pos += 2;
      switch (a) {
        case '-z': return v === '';
        case '-n': return v !== '';
        case '-f': return ctx.fs.read(v) !== undefined;
        case '-d': return ctx.fs.isDirectory(v);
        case '-s': return (ctx.fs.read(v) ?? '') !== '';
        default: return ctx.fs.read(v) !== undefined || ctx.fs.isDirectory(v);
      }
    }
    pos++;
    return a !== '';
  };
  const and = (): boolean => {
    let v = primary();
    while (args[pos] === '-a') { pos++; v = primary() && v; }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (args[pos] === '-o') { pos++; v = and() || v; }
    return v;
  };
  if (args.length === 0) return false;
  const v = or();
  if (pos < args.length) throw new TestError(`bash: ${tool}: ${args[pos]}: unary operator expected`);
  return v;
}

function runTest(ctx: CommandContext, tool: string): CommandResult {
  let args = ctx.args;
  if (tool === '[') {
    if (args[args.length - 1] !== ']') return { stdout: '', stderr: "bash: [: missing `]'\n", exitCode: 2 };
    args = args.slice(0, -1);
  }
  try {
    return { stdout: '', stderr: '', exitCode: evaluate([...args], ctx, tool) ? 0 : 1 };
  } catch (error) {
    if (error instanceof TestError) return { stdout: '', stderr: `${error.message}\n`, exitCode: 2 };
    throw error;
  }
}

export const testCommand: ShellCommand = { name: 'test', run: (ctx) => runTest(ctx, 'test') };
export const bracketCommand: ShellCommand = { name: '[', run: (ctx) => runTest(ctx, '[') };
export const colonCommand: ShellCommand = { name: ':', run: () => ({ stdout: '', stderr: '', exitCode: 0 }) };
