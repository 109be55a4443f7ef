// kubectl config (pkg/cmd/config): current-context, view (data omitted unless --raw; --minify),
// get-contexts, use-context and set-context --current --namespace, over ~/.kube/config
// (kubeconfig.ts). The namespace set here is what every later command uses without -n.

import { OutputBuilder } from '../../command-types';
import { bool, str } from './flags';
import { CLUSTER_NAME, CONTEXT_NAME, readKubeconfig, renderKubeconfig, USER_NAME, writeKubeconfig } from './kubeconfig';
import { usageErrorText } from './kubectl-errors';
import { formatTable } from './printers/table-writer';
import { OPTIONS_TRAILER, type KubectlVerb } from './verb';

const SUBCOMMANDS = ['current-context', 'delete-cluster', 'delete-context', 'delete-user', 'get-clusters', 'get-contexts', 'get-users', 'rename-context', 'set', 'set-cluster', 'set-context', 'set-credentials', 'unset', 'use-context', 'view'];

export const config: KubectlVerb = {
  name: 'config',
  flags: [
    { name: 'raw', kind: 'bool' },
    { name: 'minify', kind: 'bool' },
    { name: 'current', kind: 'bool' },
    { name: 'output', short: 'o', kind: 'string' },
    { name: 'no-headers', kind: 'bool' },
    { name: 'cluster', kind: 'string' },
    { name: 'user', kind: 'string' },
    { name: 'flatten', kind: 'bool' },
  ],
  help: `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

Available Commands:
  current-context   Display the current-context
  get-contexts      Describe one or many contexts
  set-context       Set a context entry in kubeconfig
  use-context       Set the current-context in a kubeconfig file
  view              Display merged kubeconfig settings or a specified kubeconfig file

Usage:
  kubectl config SUBCOMMAND [options]

${OPTIONS_TRAILER}`,
  run(inv) {
    const out = new OutputBuilder();
    const { args, ctx } = inv;
    const [sub, ...rest] = args.positionals;
    const kubeconfig = readKubeconfig(ctx.fs);
    switch (sub) {
      case 'current-context':
        if (!kubeconfig.currentContext) return out.err('error: current-context is not set\n').done(1);
        return out.out(`${kubeconfig.currentContext}\n`).done(0);
      case 'view':
        return out.out(renderKubeconfig(kubeconfig, bool(args, 'raw'))).done(0);
      case 'get-contexts': {
        if (rest.length && !rest.includes(CONTEXT_NAME)) return out.err(`error: context ${rest.find((r) => r !== CONTEXT_NAME)} not found\n`).done(1);
        if (str(args, 'output') === 'name') return out.out(`${CONTEXT_NAME}\n`).done(0);
        const row = [kubeconfig.currentContext === CONTEXT_NAME ? '*' : '', CONTEXT_NAME, CLUSTER_NAME, USER_NAME, kubeconfig.namespace ?? ''];
        const rows = bool(args, 'no-headers') ? [row] : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], row];
        return out.out(formatTable(rows)).done(0);
      }
      case 'use-context': {
        if (rest.length !== 1) return out.err(usageErrorText('Unexpected args: []', 'kubectl config use-context')).done(1);
        if (rest[0] !== CONTEXT_NAME) return out.err(`error: no context exists with the name: "${rest[0]}"\n`).done(1);
        writeKubeconfig(ctx.fs, { ...kubeconfig, currentContext: CONTEXT_NAME });
        return out.out(`Switched to context "${CONTEXT_NAME}".\n`).done(0);
      }
      case 'set-context': {
        const current = bool(args, 'current');
        const name = current ? kubeconfig.currentContext : rest[0];
        if (!current && !name) return out.err('error: you must specify a non-empty context name or --current\n').done(1);
        if (current && rest.length) return out.err('error: you cannot specify both a context name and --current\n').done(1);
        if (name !== CONTEXT_NAME) return out.err(`error: Flatnet's kubeconfig holds one context, ${CONTEXT_NAME}; creating others is not simulated\n`).done(1);
        if (args.flags.has('cluster') || args.flags.has('user')) return out.err('error: changing the cluster or user of a context is not simulated in Flatnet\n').done(1);
        const namespace = str(args, 'namespace');
        writeKubeconfig(ctx.fs, { ...kubeconfig, ...(namespace !== undefined ? { namespace: namespace || undefined } : {}) });
        return out.out(`Context "${name}" modified.\n`).done(0);
      }
      case undefined:
        return out.out(config.help).done(0);
      default:
        if (SUBCOMMANDS.includes(sub)) return out.err(`error: kubectl config ${sub} is not simulated in Flatnet: the lab's kubeconfig has one cluster, one user and one context\n`).done(1);
        return out.err(`error: unknown command "${sub}" for "kubectl config"\n`).done(1);
    }
  },
};
