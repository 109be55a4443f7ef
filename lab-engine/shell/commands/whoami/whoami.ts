// whoami: the effective user's name — `learner` on the workstation, root on nodes and in most
// pods, the image's USER where it sets one (curl_user, www-data). GNU or BusyBox wording.

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { parseOptions, tryHelp } from '../gnu-options';
import { busyboxBadOption, busyboxUsage, placeOf } from '../userland';

const HELP = `Usage: whoami [OPTION]...
Print the user name associated with the current effective user ID.
Same as id -un.

      --help        display this help and exit
      --version     output version information and exit
`;

const BB_USAGE = busyboxUsage('whoami', '', 'Print the user name associated with the current effective user id');

function run(ctx: CommandContext): CommandOutput {
  const out = new OutputBuilder();
  const place = placeOf(ctx);
  if (place.userland !== 'gnu') {
    if (ctx.args[0] === '--help') return out.err(BB_USAGE).done(0);
    const bad = busyboxBadOption('whoami', ctx.args, '');
    if (bad) return out.err(bad + BB_USAGE).done(1);
    if (ctx.args.filter((a) => a !== '--').length) return out.err(BB_USAGE).done(1);
    return out.out(`${place.account.name}\n`).done(0);
  }
  if (ctx.args[0] === '--help') return out.out(HELP).done(0);
  const parsed = parseOptions('whoami', ctx.args, {});
  if (!parsed.ok) return out.err(parsed.error).done(1);
  if (parsed.operands.length) return out.err(`whoami: extra operand ‘${parsed.operands[0]}’\n${tryHelp('whoami')}`).done(1);
  return out.out(`${place.account.name}\n`).done(0);
}

export const whoami: ShellCommand = { name: 'whoami', run };
