// Wiring for `ipvsadm` once a shell stands on a node whose kube-proxy runs in IPVS mode; the
// node's IPVS state comes from a resolver owned by the node contexts. Elsewhere (workstation,
// pods, iptables-mode nodes without the tool) bash answers command not found.

import type { IpvsState } from '../../../dataplane/kube-proxy/ipvs';
import type { CommandContext, ShellCommand } from '../../command-types';
import { runIpvsadm, type IpvsStatsView } from './ipvsadm';

export function createIpvsadmCommand(resolve: (ctx: CommandContext) => IpvsState | undefined, resolveStats?: (ctx: CommandContext) => IpvsStatsView | undefined): ShellCommand {
  return {
    name: 'ipvsadm',
    run(ctx) {
      const state = resolve(ctx);
      return state ? runIpvsadm(ctx.args, state, resolveStats?.(ctx)) : { stdout: '', stderr: 'bash: ipvsadm: command not found\n', exitCode: 127 };
    },
  };
}
