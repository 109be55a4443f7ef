// sudo: runs a command as root, as articles type it (`sudo iptables -t nat -L`, `sudo ipvsadm
// -Ln`). Shells here are root on nodes and the learner's own machine needs no password in a
// simulation, so it runs the command in the same shell with its stdin (`... | sudo tee FILE`).
// -E -H -k -n -S are accepted and change nothing; only root is a known user for -u; `sudo -i` /
// `-s` without a command would open a login shell, which Flatnet does not model.

import type { CommandContext, CommandOutput, ShellCommand } from '../../command-types';
import { OutputBuilder } from '../../command-types';
import { isNotFound, quoteWords } from '../shell-words';

const USAGE = `usage: sudo -h | -K | -k | -V
usage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user]
            [-u user] [command [arg ...]]
usage: sudo [-ABbEHkNnPS] [-r role] [-t type] [-C num] [-D directory]
            [-g group] [-h host] [-p prompt] [-R directory] [-T timeout]
            [-u user] [VAR=value] [-i | -s] [command [arg ...]]
usage: sudo -e [-ABkNnS] [-r role] [-t type] [-C num] [-D directory]
            [-g group] [-h host] [-p prompt] [-R directory] [-T timeout]
            [-u user] file ...
`;

const IGNORED = 'ABEHkNnPS';
const WITH_VALUE = 'CDghprRtTUu';
const NOT_SIMULATED = 'bKlveV';

async function runSudo(ctx: CommandContext): Promise<CommandOutput> {
  const out = new OutputBuilder();
  const args = ctx.args;
  let i = 0;
  let user = 'root';
  let shell = false;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a === '-') break;
    if (a === '--help' || a === '-h') return out.out(`sudo - execute a command as another user\n\n${USAGE}`).done(0);
    if (a.startsWith('--')) return out.err(`sudo: unrecognized option '${a}'\n${USAGE}`).done(1);
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (IGNORED.includes(c)) continue;
      if (c === 'i' || c === 's') { shell = true; continue; }
      if (WITH_VALUE.includes(c)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (value === undefined) return out.err(`sudo: option requires an argument -- '${c}'\n${USAGE}`).done(1);
        if (c === 'u') user = value;
        break;
      }
      if (NOT_SIMULATED.includes(c)) return out.err(`sudo: -${c} is not simulated in Flatnet; give the command to run, e.g. sudo iptables -t nat -L\n`).done(1);
      return out.err(`sudo: invalid option -- '${c}'\n${USAGE}`).done(1);
    }
  }
  const command = args.slice(i);
  if (user !== 'root' && user !== '#0') return out.err(`sudo: unknown user ${user}\nsudo: error initializing audit plugin sudoers_audit\n`).done(1);
  if (command.length === 0) {
    if (shell) return out.err('sudo: a root login shell is not simulated in Flatnet; run the command with sudo, or ssh to a node (already root)\n').done(1);
    return out.err(USAGE).done(1);
  }
  if (!ctx.exec) return out.err('sudo: cannot run commands here\n').done(1);
  // `sudo -s CMD` hands the words to a shell; without -s they are one command's argv. Either way
  // the words are quoted back so the shell reads them as they were given.
  const r = await ctx.exec(quoteWords(command), ctx.stdin);
  const name = command.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) ?? command[0];
  if (r.exitCode === 127 && !r.stdout && isNotFound(r.stderr, name)) return out.err(`sudo: ${name}: command not found\n`).done(1);
  return out.out(r.stdout).err(r.stderr).done(r.exitCode);
}

export const sudo: ShellCommand = { name: 'sudo', run: runSudo };
