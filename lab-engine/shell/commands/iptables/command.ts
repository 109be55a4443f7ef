// Wiring for `iptables` and `iptables-save` once a shell stands on a node. The node's tables come
// from whoever owns the node contexts (a resolver, so this folder does not reach into the session
// or the cluster model); without tables — the workstation, a pod — the command does not exist,
// as bash would say.

import type { NodeTables } from '../../../dataplane/kube-proxy/netfilter/node-tables';
import type { NodeCounters } from '../../../dataplane/kube-proxy/netfilter/counter-store';
import type { CommandContext, CommandOutput, ShellCommand } from '../../command-types';
import { runIptablesSave } from '../iptables-save/iptables-save';
import { runIptables } from './iptables';

export interface NodeNetfilter {
  tables: NodeTables;
  /** The simulation clock, for iptables-save's `# Generated ... on` line. */
  nowMs: number;
  /** The rules' packet and byte counters on this node (`-v`, `-c`, `-Z`). */
  counters?: NodeCounters;
}

export type NodeNetfilterResolver = (ctx: CommandContext) => NodeNetfilter | undefined;

function notFound(name: string): CommandOutput {
  return { stdout: '', stderr: `bash: ${name}: command not found\n`, exitCode: 127 };
}

export function createIptablesCommand(resolve: NodeNetfilterResolver): ShellCommand {
  return {
    name: 'iptables',
    run(ctx) {
      const nf = resolve(ctx);
      return nf ? runIptables(ctx.args, nf.tables, nf.counters) : notFound('iptables');
    },
  };
}

export function createIptablesSaveCommand(resolve: NodeNetfilterResolver): ShellCommand {
  return {
    name: 'iptables-save',
    run(ctx) {
      const nf = resolve(ctx);
      return nf ? runIptablesSave(ctx.args, nf.tables, nf.nowMs, nf.counters) : notFound('iptables-save');
    },
  };
}
