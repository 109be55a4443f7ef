// Wiring for `ipset` once a shell stands on a node: the node's sets and tables come from whoever
// owns the node contexts (a resolver, as for iptables). An iptables-mode node has no kube-proxy
// sets and lists nothing; off a node the program does not exist.

import type { CommandContext, ShellCommand } from '../../command-types';
import { runIpset } from './ipset';
import type { SetListing } from './list-sets';

export type NodeIpsetResolver = (ctx: CommandContext) => SetListing | undefined;

export function createIpsetCommand(resolve: NodeIpsetResolver): ShellCommand {
  return {
    name: 'ipset',
    run(ctx) {
      const listing = resolve(ctx);
      return listing ? runIpset(ctx.args, listing) : { stdout: '', stderr: 'bash: ipset: command not found\n', exitCode: 127 };
    },
  };
}
