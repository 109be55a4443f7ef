// xargs (GNU findutils): builds command lines from stdin and runs them in the same shell, e.g.
// `kubectl get pods -o name | xargs -n1 kubectl describe`. Options stop at the command (as
// findutils' getopt does); -n, -L, -I/-i, -0, -d, -E, -r, -t, -a; -P and -s are accepted (runs
// are sequential and lines short here). Exit statuses follow findutils: 123 when a run failed
// with 1-125, 124 when one exited 255, 127 when the command does not exist.

import type { CommandContext, CommandOutput, ShellCommand } from '../../command-types';
import { OutputBuilder } from '../../command-types';
import { MAX_LOOP_ITERATIONS } from '../../../core/limits';
import { tryHelp } from '../gnu-options';
import { isNotFound, quoteWords } from '../shell-words';
import { splitInput, type InputMode } from './xargs-input';

const HELP = `Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...
Run COMMAND with arguments INITIAL-ARGS and more arguments read from input.

Mandatory and optional arguments to long options are also
mandatory or optional for the corresponding short option.
  -0, --null                   items are separated by a null, not whitespace
  -a, --arg-file=FILE          read arguments from FILE, not standard input
  -d, --delimiter=CHARACTER    items in input stream are separated by CHARACTER
  -E END                       set logical EOF string
  -I R                         same as --replace=R
  -i, --replace[=R]            replace R in INITIAL-ARGS with names read
                                 from standard input; if R is unspecified,
                                 assume {}
  -L, --max-lines=MAX-LINES    use at most MAX-LINES non-blank input lines per
                                 command line
  -n, --max-args=MAX-ARGS      use at most MAX-ARGS arguments per command line
  -P, --max-procs=MAX-PROCS    run at most MAX-PROCS processes at a time
  -r, --no-run-if-empty        if there are no arguments, then do not run COMMAND
  -s, --max-chars=MAX-CHARS    limit length of command line to MAX-CHARS
  -t, --verbose                print commands before executing them
  -x, --exit                   exit if the size (see -s) is exceeded
      --help                   display this help and exit
`;

interface XargsOptions {
  mode: InputMode;
  replace?: string;
  maxArgs?: number;
  maxLines?: number;
  noRunIfEmpty: boolean;
  verbose: boolean;
  argFile?: string;
  command: string[];
}

const WITH_VALUE: Record<string, string> = { a: 'a', d: 'd', E: 'E', I: 'I', L: 'L', n: 'n', P: 'P', s: 's' };
const LONG: Record<string, string> = {
  'arg-file': 'a', delimiter: 'd', 'max-lines': 'L', 'max-args': 'n', 'max-procs': 'P', 'max-chars': 's',
  null: '0', 'no-run-if-empty': 'r', verbose: 't', exit: 'x', replace: 'i', eof: 'e',
};

function parse(args: readonly string[]): XargsOptions | { help: true } | { error: string } {
  const o: XargsOptions = { mode: { kind: 'words' }, noRunIfEmpty: false, verbose: false, command: [] };
  let eof: string | undefined;
  let delimiter: string | undefined;
  const number = (flag: string, value: string, min: number): number | { error: string } => {
    if (!/^\d+$/.test(value)) return { error: `xargs: invalid number "${value}" for -${flag} option\n${tryHelp('xargs')}` };
    const n = Number(value);
    return n < min ? { error: `xargs: value ${value} for -${flag} option should be >= ${min}\n${tryHelp('xargs')}` } : n;
  };
  const apply = (key: string, value: string | undefined): { error: string } | undefined => {
    switch (key) {
      case '0': delimiter = '\0'; return undefined;
      case 'd': {
        const d = value!.replace(/^\\n$/, '\n').replace(/^\\t$/, '\t').replace(/^\\0$/, '\0');
        if (d.length !== 1) return { error: `xargs: invalid input delimiter specification ${value}: the delimiter must be either a single character or an escape sequence starting with \\.\n` };
        delimiter = d;
        return undefined;
      }
      case 'a': o.argFile = value; return undefined;
      case 'E': case 'e': eof = value || undefined; return undefined;
      case 'I': case 'i': o.replace = value || '{}'; o.maxLines = 1; return undefined;
      case 'L': case 'l': { const n = number(key, value ?? '1', 1); if (typeof n !== 'number') return n; o.maxLines = n; return undefined; }
      case 'n': { const n = number(key, value!, 1); if (typeof n !== 'number') return n; o.maxArgs = n; return undefined; }
      case 'P': case 's': { const n = number(key, value!, key === 's' ? 1 : 0); return typeof n === 'number' ? undefined : n; }
      case 'r': o.noRunIfEmpty = true; return undefined;
      case 't': o.verbose = true; return undefined;
      case 'x': return undefined;
      default: return { error: `xargs: invalid option -- '${key}'\n${tryHelp('xargs')}` };
    }
  };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { i++; break; }
    if (a === '--help') return { help: true };
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const key = LONG[name];
      if (!key) return { error: `xargs: unrecognized option '${a}'\n${tryHelp('xargs')}` };
      const optional = key === 'i' || key === 'e';
      const takes = key in WITH_VALUE || optional;
      if (!takes && eq >= 0) return { error: `xargs: option '--${name}' doesn't allow an argument\n${tryHelp('xargs')}` };
      const value = eq >= 0 ? a.slice(eq + 1) : takes && !optional ? args[++i] : undefined;
      if (takes && !optional && value === undefined) return { error: `xargs: option '--${name}' requires an argument\n${tryHelp('xargs')}` };
      const err = apply(key, value);
      if (err) return err;
      continue;
    }
    if (!a.startsWith('-') || a === '-') break;
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (c in WITH_VALUE) {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (value === undefined) return { error: `xargs: option requires an argument -- '${c}'\n${tryHelp('xargs')}` };
        const err = apply(c, value);
        if (err) return err;
        break;
      }
      if ('ile'.includes(c)) {
        // Optional values are only ever attached: -i{} -l2 -eEND.
        const err = apply(c, a.slice(j + 1) || undefined);
        if (err) return err;
        break;
      }
      if (c === 'p' || c === 'o') return { error: `xargs: -${c} is not simulated in Flatnet (it needs a terminal for each run)\n` };
      const err = apply(c, undefined);
      if (err) return err;
    }
  }
  o.command = args.slice(i);
  o.mode = delimiter !== undefined ? { kind: 'delimiter', delimiter } : o.replace !== undefined ? { kind: 'lines', eof } : { kind: 'words', eof };
  return o;
}

/** The command lines to run, each an argv. */
function batches(o: XargsOptions, lines: string[][]): string[][] {
  const command = o.command.length ? o.command : ['echo'];
  if (o.replace !== undefined) {
    const r = o.replace;
    return lines.map((l) => command.map((w) => w.split(r).join(l.join(' '))));
  }
  const runs: string[][] = [];
  if (o.maxLines !== undefined) {
    for (let k = 0; k < lines.length; k += o.maxLines) runs.push([...command, ...lines.slice(k, k + o.maxLines).flat()]);
  } else {
    const items = lines.flat();
    const size = o.maxArgs ?? Math.max(1, items.length);
    for (let k = 0; k < items.length; k += size) runs.push([...command, ...items.slice(k, k + size)]);
  }
  if (runs.length === 0 && !o.noRunIfEmpty) runs.push(command);
  return runs;
}

async function runXargs(ctx: CommandContext): Promise<CommandOutput> {
  const out = new OutputBuilder();
  const parsed = parse(ctx.args);
  if ('help' in parsed) return out.out(HELP).done(0);
  if ('error' in parsed) return out.err(parsed.error).done(1);
  let input = ctx.stdin;
  if (parsed.argFile !== undefined) {
    const text = ctx.fs.read(parsed.argFile);
    if (text === undefined) return out.err(`xargs: ${parsed.argFile}: No such file or directory\n`).done(1);
    input = text;
  }
  const split = splitInput(input, parsed.mode);
  if (!split.ok) return out.err(split.error).done(1);
  if (!ctx.exec) return out.err('xargs: cannot run commands here\n').done(126);
  let status = 0;
  const runs = batches(parsed, split.lines);
  for (const [n, argv] of runs.entries()) {
    if (n >= MAX_LOOP_ITERATIONS || ctx.signal?.aborted) break;
    if (parsed.verbose) out.err(`${argv.join(' ')}\n`);
    const r = await ctx.exec(quoteWords(argv), '');
    if (r.exitCode === 127 && !r.stdout && isNotFound(r.stderr, argv[0])) {
      return out.err(`xargs: ${argv[0]}: No such file or directory\n`).done(127);
    }
    out.out(r.stdout).err(r.stderr);
    if (r.exitCode === 255) return out.err(`xargs: ${argv[0]}: exited with status 255; aborting\n`).done(124);
    if (r.exitCode !== 0) status = 123;
  }
  return out.done(status);
}

export const xargs: ShellCommand = { name: 'xargs', run: runXargs };
