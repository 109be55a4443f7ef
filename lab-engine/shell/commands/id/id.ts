// id: user and group IDs of the shell's user (or of a named one this place's /etc/passwd has):
// `uid=0(root) gid=0(root) groups=0(root)` on the nodes, the learner on the workstation, the
// image's own users and groups in busybox/Alpine pods; -u -g -G with -n/-r. GNU coreutils'
// messages, or BusyBox's usage where its applet answers.

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { parseOptions } from '../gnu-options';
import { accountsOf, busyboxBadOption, busyboxUsage, placeOf, type Account } from '../userland';

const HELP = `Usage: id [OPTION]... [USER]...
Print user and group information for each specified USER,
or (when USER omitted) for the current process.

  -a             ignore, for compatibility with other versions
  -Z, --context  print only the security context of the process
  -g, --group    print only the effective group ID
  -G, --groups   print all group IDs
  -n, --name     print a name instead of a number, for -ugG
  -r, --real     print the real ID instead of the effective ID, with -ugG
  -u, --user     print only the effective user ID
  -z, --zero     delimit entries with NUL characters, not whitespace;
                   not permitted in default format
      --help        display this help and exit
      --version     output version information and exit

Without any OPTION, print some useful set of identified information.
`;

const BB_USAGE = busyboxUsage('id', '[-ugGnr] [USER]', 'Print information about USER or the current user\n\n\t-u\tUser ID\n\t-g\tGroup ID\n\t-G\tSupplementary group IDs\n\t-n\tPrint names instead of numbers\n\t-r\tPrint real ID instead of effective ID');

function groupsOf(a: Account): [number, string][] {
  return [[a.gid, a.group], ...a.extra];
}

function describe(a: Account, flags: Set<string>): string {
  const names = flags.has('n');
  const sep = flags.has('z') ? '\0' : ' ';
  const end = flags.has('z') ? '\0' : '\n';
  if (flags.has('u')) return `${names ? a.name : a.uid}${end}`;
  if (flags.has('g')) return `${names ? a.group : a.gid}${end}`;
  if (flags.has('G')) return groupsOf(a).map(([id, name]) => (names ? name : String(id))).join(sep) + end;
  return `uid=${a.uid}(${a.name}) gid=${a.gid}(${a.group}) groups=${groupsOf(a).map(([id, name]) => `${id}(${name})`).join(',')}\n`;
}

function run(ctx: CommandContext): CommandOutput {
  const out = new OutputBuilder();
  const place = placeOf(ctx);
  const busybox = place.userland !== 'gnu';
  let flags: Set<string>;
  let users: string[];
  if (busybox) {
    if (ctx.args[0] === '--help') return out.err(BB_USAGE).done(0);
    const bad = busyboxBadOption('id', ctx.args, 'ugGnr');
    if (bad) return out.err(bad + BB_USAGE).done(1);
    const parsed = parseOptions('id', ctx.args, { flags: 'ugGnr' });
    if (!parsed.ok) return out.err(BB_USAGE).done(1);
    flags = parsed.flags;
    users = parsed.operands;
    const only = ['u', 'g', 'G'].filter((f) => flags.has(f)).length;
    if (only > 1 || users.length > 1 || ((flags.has('n') || flags.has('r')) && only === 0)) return out.err(BB_USAGE).done(1);
  } else {
    if (ctx.args.includes('--help')) return out.out(HELP).done(0);
    const parsed = parseOptions('id', ctx.args, { flags: 'aZgGnruz', long: { context: 'Z', group: 'g', groups: 'G', name: 'n', real: 'r', user: 'u', zero: 'z' } });
    if (!parsed.ok) return out.err(parsed.error).done(1);
    flags = parsed.flags;
    users = parsed.operands;
    const only = ['u', 'g', 'G'].filter((f) => flags.has(f)).length;
    if (flags.has('Z')) return out.err('id: --context (-Z) works only on an SELinux-enabled kernel\n').done(1);
    if (only > 1) return out.err(`id: cannot print "only" of more than one choice\n`).done(1);
    if ((flags.has('n') || flags.has('r')) && only === 0) return out.err(`id: printing only names or real IDs requires -u, -g, or -G\n`).done(1);
    if (flags.has('z') && only === 0) return out.err(`id: option --zero not permitted in default format\n`).done(1);
  }
  if (users.length === 0) return out.out(describe(place.account, flags)).done(0);
  const known = accountsOf(place);
  let status = 0;
  for (const name of users) {
    const account = known.find((a) => a.name === name || String(a.uid) === name);
    if (account) out.out(describe(account, flags));
    else {
      out.err(busybox ? `id: unknown user ${name}\n` : `id: ‘${name}’: no such user\n`);
      status = 1;
    }
  }
  return out.done(status);
}

export const id: ShellCommand = { name: 'id', run };
