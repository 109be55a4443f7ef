// basename: the last component of a path, without a trailing SUFFIX. GNU coreutils on the
// workstation, nodes and Debian images (`-a`, `-s SUFFIX`, `-z`, its "missing/extra operand"
// messages); BusyBox's applet in busybox and Alpine images (same semantics, its usage text).

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { parseOptions, tryHelp } from '../gnu-options';
import { busyboxBadOption, busyboxUsage, placeOf } from '../userland';

const HELP = `Usage: basename NAME [SUFFIX]
  or:  basename OPTION... NAME...
Print NAME with any leading directory components removed.
If specified, also remove a trailing SUFFIX.

Mandatory arguments to long options are mandatory for short options too.
  -a, --multiple       support multiple arguments and treat each as a NAME
  -s, --suffix=SUFFIX  remove a trailing SUFFIX; implies -a
  -z, --zero           end each output line with NUL, not newline
      --help        display this help and exit
      --version     output version information and exit

Examples:
  basename /usr/bin/sort          -> "sort"
  basename include/stdio.h .h     -> "stdio"
  basename -s .h include/stdio.h  -> "stdio"
  basename -a any/str1 any/str2   -> "str1" followed by "str2"
`;

const BB_USAGE = busyboxUsage('basename', 'FILE [SUFFIX] | -a FILE... | -s SUFFIX FILE...', 'Strip directory path and SUFFIX from FILE\n\n\t-a\t\tAll arguments are FILEs\n\t-s SUFFIX\tRemove SUFFIX (implies -a)');

/** POSIX basename: trailing slashes go, "/" stays "/", then the suffix unless it is the whole name. */
export function baseName(path: string, suffix?: string): string {
  if (path === '') return '';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  const base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return suffix && base !== suffix && base.endsWith(suffix) ? base.slice(0, -suffix.length) : base;
}

function run(ctx: CommandContext): CommandOutput {
  const out = new OutputBuilder();
  const busybox = placeOf(ctx).userland !== 'gnu';
  if (busybox) {
    if (ctx.args[0] === '--help') return out.err(BB_USAGE).done(0);
    const bad = busyboxBadOption('basename', ctx.args, 'a', 's');
    if (bad) return out.err(bad + BB_USAGE).done(1);
  } else if (ctx.args.includes('--help') && !ctx.args.slice(0, ctx.args.indexOf('--help')).includes('--')) return out.out(HELP).done(0);
  const parsed = parseOptions('basename', ctx.args, { flags: 'az', values: 's', long: { multiple: 'a', 'suffix=': 's', zero: 'z' } });
  if (!parsed.ok) return out.err(parsed.error).done(1);
  const suffix = parsed.values.get('s')?.at(-1);
  const multiple = parsed.flags.has('a') || suffix !== undefined;
  const names = parsed.operands;
  const end = parsed.flags.has('z') ? '\0' : '\n';
  if (names.length === 0) return busybox ? out.err(BB_USAGE).done(1) : out.err(`basename: missing operand\n${tryHelp('basename')}`).done(1);
  if (multiple) return out.out(names.map((n) => baseName(n, suffix) + end).join('')).done(0);
  if (names.length > 2) return busybox ? out.err(BB_USAGE).done(1) : out.err(`basename: extra operand ‘${names[2]}’\n${tryHelp('basename')}`).done(1);
  return out.out(baseName(names[0], names[1]) + end).done(0);
}

export const basename: ShellCommand = { name: 'basename', run };
