// Wiring for `nft` on a node (or in a hostNetwork pod): the node's nftables state comes from a
// resolver owned by the node contexts; elsewhere bash answers command not found.

import type { CommandContext, ShellCommand } from '../../command-types';
import { runNft, type NodeNftables } from './nft';

export function createNftCommand(resolve: (ctx: CommandContext) => NodeNftables | undefined): ShellCommand {
  return {
    name: 'nft',
    run(ctx) {
      const state = resolve(ctx);
      return state ? runNft(ctx.args, state) : { stdout: '', stderr: 'bash: nft: command not found\n', exitCode: 127 };
    },
  };
}
