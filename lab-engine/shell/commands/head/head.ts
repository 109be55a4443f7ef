// head and tail from coreutils: `-n N` lines or `-c N` bytes (default 10 lines), `-NUM`, head's
// `-n -N` (all but the last N) and tail's `-n +N` (from line N on, the usual way to drop a
// table's header), `==> FILE <==` headers for several files (-q / -v), coreutils' messages.

import type { CommandContext, ShellCommand } from '../../command-types';
import { OutputBuilder } from '../../command-types';
import { parseOptions } from '../gnu-options';
import { readSources } from '../text-input';

type Tool = 'head' | 'tail';

const HELP: Record<Tool, string> = {
  head: `Usage: head [OPTION]... [FILE]...
Print the first 10 lines of each FILE to standard output.
With more than one FILE, precede each with a header giving the file name.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -c, --bytes=[-]NUM       print the first NUM bytes of each file;
                             with the leading '-', print all but the last
                             NUM bytes of each file
  -n, --lines=[-]NUM       print the first NUM lines instead of the first 10;
                             with the leading '-', print all but the last
                             NUM lines of each file
  -q, --quiet, --silent    never print headers giving file names
  -v, --verbose            always print headers giving file names
      --help        display this help and exit
`,
  tail: `Usage: tail [OPTION]... [FILE]...
Print the last 10 lines of each FILE to standard output.
With more than one FILE, precede each with a header giving the file name.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -c, --bytes=[+]NUM       output the last NUM bytes; or use -c +NUM to
                             output starting with byte NUM of each file
  -n, --lines=[+]NUM       output the last NUM lines, instead of the last 10;
                             or use -n +NUM to skip NUM-1 lines at the start
  -q, --quiet, --silent    never output headers giving file names
  -v, --verbose            always output headers giving file names
      --help        display this help and exit
`,
};

/** How much to keep: the first/last `n` units, all but the last `n` (head -), or from unit `n` on (tail +). */
interface Amount {
  unit: 'lines' | 'bytes';
  n: number;
  sign: '' | '-' | '+';
}

/** Lines with their newline kept, so a last line without one stays without one. */
function pieces(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function pick(tool: Tool, text: string, a: Amount): string {
  const units = a.unit === 'lines' ? pieces(text) : [...text];
  let kept: string[];
  if (tool === 'head') kept = a.sign === '-' ? units.slice(0, Math.max(0, units.length - a.n)) : units.slice(0, a.n);
  else kept = a.sign === '+' ? units.slice(Math.max(0, a.n - 1)) : a.n === 0 ? [] : units.slice(-a.n);
  return kept.join('');
}

function makeLineFilter(tool: Tool): ShellCommand {
  return {
    name: tool,
    run(ctx: CommandContext) {
      const out = new OutputBuilder();
      // `-5` is `-n 5` (the old form both tools still accept).
      const args = ctx.args.map((a, i) => (/^-\d+$/.test(a) && !/^(-[qv]*[nc]|--lines|--bytes)$/.test(ctx.args[i - 1] ?? '') ? `-n${a.slice(1)}` : a));
      const help = args.indexOf('--help');
      const end = args.indexOf('--');
      if (help >= 0 && (end < 0 || help < end)) return out.out(HELP[tool]).done(0);
      const parsed = parseOptions(tool, args, {
        flags: tool === 'tail' ? 'qvfF' : 'qv', values: 'nc',
        long: { 'lines=': 'n', 'bytes=': 'c', quiet: 'q', silent: 'q', verbose: 'v', ...(tool === 'tail' ? { follow: 'f' } : {}) },
      });
      if (!parsed.ok) return out.err(parsed.error).done(1);
      if (parsed.flags.has('f') || parsed.flags.has('F')) return out.err(`${tool}: -f is not simulated in Flatnet: files here never grow (use kubectl logs -f for a container's log)\n`).done(1);
      let amount: Amount = { unit: 'lines', n: 10, sign: '' };
      // The last of -n / -c given wins, as in coreutils.
      const lastOf = (key: 'n' | 'c') => parsed.values.get(key)?.at(-1);
      const chosen: ['n' | 'c', string] | undefined = lastUsed(args, lastOf('n'), lastOf('c'));
      if (chosen) {
        const [key, value] = chosen;
        const m = /^([-+]?)(\d+)$/.exec(value);
        const what = key === 'n' ? 'lines' : 'bytes';
        if (!m) return out.err(`${tool}: invalid number of ${what}: ‘${value}’\n`).done(1);
        const sign = m[1] as Amount['sign'];
        amount = { unit: what, n: Number(m[2]), sign: tool === 'head' ? (sign === '-' ? '-' : '') : sign === '+' ? '+' : '' };
      }
      const errors: string[] = [];
      const sources = readSources(ctx, tool, parsed.operands, errors);
      const headers = parsed.flags.has('v') || (parsed.operands.length > 1 && !parsed.flags.has('q'));
      sources.forEach((source, i) => {
        const name = source.name === '(standard input)' ? 'standard input' : source.name;
        if (headers) out.out(`${i ? '\n' : ''}==> ${name} <==\n`);
        out.out(pick(tool, source.text, amount));
      });
      for (const e of errors) out.err(e.replace(`${tool}: `, `${tool}: cannot open '`).replace(/: (No such|Is a)/, "' for reading: $1"));
      return out.done(errors.length ? 1 : 0);
    },
  };
}

/** Which of -n / -c came last on the command line, with its value. */
function lastUsed(args: readonly string[], n: string | undefined, c: string | undefined): ['n' | 'c', string] | undefined {
  if (n === undefined) return c === undefined ? undefined : ['c', c];
  if (c === undefined) return ['n', n];
  let last: 'n' | 'c' = 'n';
  for (const a of args) {
    if (a === '--') break;
    if (/^-[^-]*n|^--lines/.test(a)) last = 'n';
    if (/^-[^-]*c|^--bytes/.test(a)) last = 'c';
  }
  return [last, last === 'n' ? n : c];
}

export const head = makeLineFilter('head');
export const tail = makeLineFilter('tail');
