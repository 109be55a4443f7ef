// The kubectl dispatcher: finds the verb among the arguments (global flags may come first),
// parses flags with pflag's rules, answers --help, and turns flag errors and unknown verbs into
// kubectl's own messages. One file per verb; register new verbs in VERBS.

import type { ShellCommand } from '../../command-types';
import { OutputBuilder } from '../../command-types';
import { GLOBAL_FLAGS, parseFlags, str, type FlagSpec } from './flags';
import { flagErrorText, notModelledText } from './kubectl-errors';
import { KUBECTL_COMMANDS, unknownCommandText } from './suggestions';
import type { KubectlVerb } from './verb';
import { annotate } from './annotate';
import { apply } from './apply';
import { label } from './label';
import { edit } from './edit';
import { get } from './get';
import { run } from './run';
import { del } from './delete';
import { describe } from './describe';
import { version } from './version';
import { create } from './create';
import { expose } from './expose';
import { rollout } from './rollout';
import { scale } from './scale';
import { exec } from './exec';
import { explain } from './explain';
import { events } from './events';
import { portForward } from './port-forward';
import { logs } from './logs';
import { ROOT_HELP } from './root-help';
import { contextNamespace } from './kubeconfig';
import { apiResources } from './api-resources';
import { clusterInfo } from './cluster-info';
import { config } from './config';
import { wait } from './wait';
import { patch } from './patch';
import { set } from './set';
import { debug } from './debug';
import { top } from './top';
import { auth } from './auth';

/** Every verb kubectl answers, one per file: add a verb by importing it and adding one line here. */
const VERB_LIST: readonly KubectlVerb[] = [
  annotate,
  apiResources,
  apply,
  auth,
  clusterInfo,
  config,
  create,
  debug,
  del,
  describe,
  edit,
  events,
  exec,
  explain,
  expose,
  get,
  label,
  logs,
  patch,
  portForward,
  rollout,
  run,
  scale,
  set,
  top,
  version,
  wait,
];

export const VERBS: ReadonlyMap<string, KubectlVerb> = new Map(VERB_LIST.map((v) => [v.name, v]));

export const kubectl: ShellCommand = {
  name: 'kubectl',
  async run(ctx) {
    const out = new OutputBuilder();
    const verbIndex = findVerb(ctx.args);
    if (verbIndex < 0) {
      const parsed = parseFlags(ctx.args, GLOBAL_FLAGS);
      if (!parsed.ok) return out.err(flagErrorText(parsed.error, 'kubectl')).done(1);
      return out.out(ROOT_HELP).done(0);
    }
    const verbName = ctx.args[verbIndex];
    const verb = VERBS.get(verbName);
    if (!verb) {
      if (KUBECTL_COMMANDS.includes(verbName)) return out.err(notModelledText(`kubectl ${verbName}`)).done(1);
      return out.err(unknownCommandText(verbName)).done(1);
    }
    const rest = [...ctx.args.slice(0, verbIndex), ...ctx.args.slice(verbIndex + 1)];
    const specs: FlagSpec[] = [...GLOBAL_FLAGS.filter((g) => !verb.flags.some((f) => (f.short === g.short && f.short) || f.name === g.name)), ...verb.flags];
    const parsed = parseFlags(rest, specs);
    if (!parsed.ok) return out.err(flagErrorText(parsed.error, `kubectl ${verb.name}`)).done(1);
    const args = parsed.args;
    if (args.flags.get('help') === true) return out.out(verb.subcommandHelp?.(args.positionals) ?? verb.help).done(0);
    for (const spec of specs) {
      if (spec.unsupported && args.flags.has(spec.name)) return out.err(notModelledText(`the --${spec.name} flag`)).done(1);
    }
    // An empty -n falls back to the context's namespace, as client-go's loader does.
    const namespace = str(args, 'namespace') || undefined;
    return verb.run({ ctx, args, namespace: namespace ?? contextNamespace(ctx.fs), explicitNamespace: namespace !== undefined });
  },
};

/** Index of the first argument that is neither a global flag nor a global flag's value. */
function findVerb(args: readonly string[]): number {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return -1;
    if (!a.startsWith('-') || a === '-') return i;
    if (a.includes('=')) continue;
    const spec = a.startsWith('--') ? GLOBAL_FLAGS.find((g) => g.name === a.slice(2)) : GLOBAL_FLAGS.find((g) => g.short === a.slice(-1) && a.length === 2);
    if (spec && spec.kind !== 'bool') i++;
  }
  return -1;
}
