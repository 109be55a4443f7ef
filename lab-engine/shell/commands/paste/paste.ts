// paste: lines of files side by side (or, with -s, each file's lines on one line), joined by the
// delimiters of -d LIST used in turn (`\n`, `\t`, `\\`, `\0` escapes as coreutils reads them).
// Repeated `-` share standard input, so `kubectl get pods -o name | paste - -` pairs lines.
// GNU coreutils' messages; BusyBox's usage where its applet answers.

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { parseOptions } from '../gnu-options';
import { linesOf } from '../text-input';
import { busyboxBadOption, busyboxUsage, placeOf } from '../userland';

const HELP = `Usage: paste [OPTION]... [FILE]...
Write lines consisting of the sequentially corresponding lines from
each FILE, separated by TABs, to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -d, --delimiters=LIST   reuse characters from LIST instead of TABs
  -s, --serial            paste one file at a time instead of in parallel
  -z, --zero-terminated    line delimiter is NUL, not newline
      --help        display this help and exit
      --version     output version information and exit
`;

const BB_USAGE = busyboxUsage('paste', '[-d LIST] [-s] [FILE]...', 'Paste lines from each input file, separated with tab\n\n\t-d LIST\tUse delimiters from LIST, not tab\n\t-s      Serial: one file at a time');

/** The delimiter list with coreutils' escapes; `\0` is "no delimiter". */
function delimiters(list: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    if (list[i] !== '\\' || i === list.length - 1) { out.push(list[i]); continue; }
    const c = list[++i];
    out.push(c === 'n' ? '\n' : c === 't' ? '\t' : c === '0' ? '' : c === '\\' ? '\\' : c);
  }
  return out;
}

function run(ctx: CommandContext): CommandOutput {
  const out = new OutputBuilder();
  const busybox = placeOf(ctx).userland !== 'gnu';
  if (busybox) {
    if (ctx.args[0] === '--help') return out.err(BB_USAGE).done(0);
    const bad = busyboxBadOption('paste', ctx.args, 's', 'd');
    if (bad) return out.err(bad + BB_USAGE).done(1);
  } else if (ctx.args.includes('--help')) return out.out(HELP).done(0);
  const parsed = parseOptions('paste', ctx.args, { flags: 'sz', values: 'd', long: { 'delimiters=': 'd', serial: 's', 'zero-terminated': 'z' } });
  if (!parsed.ok) return out.err(parsed.error).done(1);
  const list = parsed.values.get('d')?.at(-1) ?? '\t';
  // coreutils reads an empty list as "\0": no delimiter at all.
  const delims = list === '' ? [''] : delimiters(list);
  const files = parsed.operands.length ? parsed.operands : ['-'];
  const stdinLines = linesOf(ctx.stdin);
  let stdinAt = 0;
  const inputs: string[][] = [];
  const dashes = files.filter((f) => f === '-').length;
  for (const f of files) {
    if (f === '-') { inputs.push([]); continue; }
    const text = ctx.fs.read(f);
    if (text === undefined) return out.err(`paste: ${f}: ${ctx.fs.isDirectory(f) ? 'Is a directory' : 'No such file or directory'}\n`).done(1);
    inputs.push(linesOf(text));
  }
  const delim = (i: number) => delims[i % delims.length];
  if (parsed.flags.has('s')) {
    files.forEach((f, k) => {
      const lines = f === '-' ? stdinLines.slice(stdinAt) : inputs[k];
      if (f === '-') stdinAt = stdinLines.length;
      out.out(`${lines.map((l, i) => (i ? delim(i - 1) : '') + l).join('')}\n`);
    });
    return out.done(0);
  }
  // Parallel: `-` given n times takes every n-th stdin line in turn.
  const rows = Math.max(0, ...inputs.map((l, k) => (files[k] === '-' ? Math.ceil(stdinLines.length / dashes) : l.length)));
  for (let r = 0; r < rows; r++) {
    let line = '';
    files.forEach((f, k) => {
      if (k) line += delim(k - 1);
      line += f === '-' ? (stdinLines[stdinAt++] ?? '') : (inputs[k][r] ?? '');
    });
    out.out(`${line}\n`);
  }
  return out.done(0);
}

export const paste: ShellCommand = { name: 'paste', run };
