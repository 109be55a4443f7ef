// dirname: a path without its last component. GNU coreutils (several NAMEs, `-z`, "missing
// operand") on the workstation, nodes and Debian images; BusyBox's applet (exactly one FILENAME,
// otherwise its usage) in busybox and Alpine images.

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { parseOptions, tryHelp } from '../gnu-options';
import { busyboxBadOption, busyboxUsage, placeOf } from '../userland';

const HELP = `Usage: dirname [OPTION] NAME...
Output each NAME with its last non-slash component and trailing slashes
removed; if NAME contains no /'s, output '.' (meaning the current directory).

  -z, --zero     end each output line with NUL, not newline
      --help        display this help and exit
      --version     output version information and exit

Examples:
  dirname /usr/bin/          -> "/usr"
  dirname dir1/str dir2/str  -> "dir1" followed by "dir2"
  dirname stdio.h            -> "."
`;

const BB_USAGE = busyboxUsage('dirname', 'FILENAME', 'Strip non-directory suffix from FILENAME');

/** POSIX dirname: "." without a slash, "/" when only the root is left. */
export function dirName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '.';
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  const parent = trimmed.slice(0, slash).replace(/\/+$/, '');
  return parent === '' ? '/' : parent;
}

function run(ctx: CommandContext): CommandOutput {
  const out = new OutputBuilder();
  if (placeOf(ctx).userland !== 'gnu') {
    if (ctx.args[0] === '--help') return out.err(BB_USAGE).done(0);
    const bad = busyboxBadOption('dirname', ctx.args, '');
    if (bad) return out.err(bad + BB_USAGE).done(1);
    const operands = ctx.args[0] === '--' ? ctx.args.slice(1) : ctx.args;
    if (operands.length !== 1) return out.err(BB_USAGE).done(1);
    return out.out(`${dirName(operands[0])}\n`).done(0);
  }
  if (ctx.args.includes('--help') && !ctx.args.slice(0, ctx.args.indexOf('--help')).includes('--')) return out.out(HELP).done(0);
  const parsed = parseOptions('dirname', ctx.args, { flags: 'z', long: { zero: 'z' } });
  if (!parsed.ok) return out.err(parsed.error).done(1);
  if (parsed.operands.length === 0) return out.err(`dirname: missing operand\n${tryHelp('dirname')}`).done(1);
  const end = parsed.flags.has('z') ? '\0' : '\n';
  return out.out(parsed.operands.map((n) => dirName(n) + end).join('')).done(0);
}

export const dirname: ShellCommand = { name: 'dirname', run };
