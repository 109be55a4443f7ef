// `exit` / `logout` inside a nested shell: leaves it, back to where `ssh` or `kubectl exec -it`
// was typed, with the goodbyes each prints (a login shell's `logout`, ssh's "Connection to X
// closed.", kubectl's "command terminated with exit code N" for a non-zero status). On the
// workstation the REPL itself handles `exit`; a script's `exit` there just ends with its status.

import type { CommandContext, CommandOutput, ShellCommand } from '../command-types';
import { OutputBuilder } from '../command-types';
import type { PodLocation } from './location';

function exitCommand(name: 'exit' | 'logout'): ShellCommand {
  return {
    name,
    run(ctx) {
      const out = new OutputBuilder();
      const arg = ctx.args[0];
      if (arg !== undefined && !/^-?\d+$/.test(arg)) return out.err(`bash: ${name}: ${arg}: numeric argument required\n`).done(2);
      const code = arg === undefined ? 0 : ((Number(arg) % 256) + 256) % 256;
      const session = ctx.session;
      // At the bottom, or inside `ssh node CMD` / `kubectl exec -- sh -c`: the caller ends that shell.
      if (!session || session.depth() <= 1 || session.oneShot()) return out.done(code);
      const loc = session.location();
      session.leave();
      if (loc.kind === 'node') out.out('logout\n').err(`Connection to ${loc.node} closed.\n`);
      if (loc.kind === 'pod' && loc.attached) return endAttached(ctx, out, loc, code);
      if (loc.kind === 'pod' && code !== 0) out.err(`command terminated with exit code ${code}\n`);
      return out.done(code);
    },
  };
}

/** Leaving the shell `kubectl run -it` attached to ends the container; `--rm` then deletes the pod. */
function endAttached(ctx: CommandContext, out: OutputBuilder, loc: PodLocation, code: number): CommandOutput {
  ctx.cluster.finishContainer(loc.namespace, loc.pod, code);
  if (loc.attached?.rm && ctx.cluster.get('pods', loc.namespace, loc.pod)) {
    ctx.cluster.api.delete('pods', loc.namespace, loc.pod, { gracePeriodSeconds: 0 });
    out.out(`pod "${loc.pod}" deleted from ${loc.namespace} namespace\n`);
  }
  if (code !== 0) out.err(`pod ${loc.namespace}/${loc.pod} terminated (Error)\n`);
  return out.done(code);
}

export const exit = exitCommand('exit');
export const logout = exitCommand('logout');
