// What each kubectl verb file exports: its flags, its help text and a run function that gets the
// parsed command line. The dispatcher (kubectl.ts) does the parsing, `--help` and flag errors.

import type { CommandContext, CommandOutput } from '../../command-types';
import type { FlagSpec, ParsedArgs } from './flags';

export interface VerbInvocation {
  ctx: CommandContext;
  args: ParsedArgs;
  /** The namespace from -n/--namespace, or `default` (the kubeconfig context's namespace). */
  namespace: string;
  /** Whether -n was given explicitly. */
  explicitNamespace: boolean;
}

export interface KubectlVerb {
  name: string;
  flags: FlagSpec[];
  help: string;
  /** The help of a subcommand (`kubectl create ingress --help`), when the verb has its own for it. */
  subcommandHelp?(positionals: readonly string[]): string | undefined;
  run(inv: VerbInvocation): CommandOutput | Promise<CommandOutput>;
}

export const OPTIONS_TRAILER = 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
