// kubectl scale (pkg/cmd/scale/scale.go): sets spec.replicas through the scale subresource of a
// Deployment or ReplicaSet and prints `deployment.apps/web scaled`. --replicas is required
// (Validate's own message), --current-replicas is a precondition.

import { isApiError } from '../../../kube/api-errors';
import { qualifiedSingular } from '../../../cluster/resources';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { str } from './flags';
import { apiErrorText, usageErrorText } from './kubectl-errors';
import { parseTargets } from './resource-args';
import { OPTIONS_TRAILER, type KubectlVerb, type VerbInvocation } from './verb';

export const scale: KubectlVerb = {
  name: 'scale',
  flags: [
    { name: 'replicas', kind: 'int' },
    { name: 'current-replicas', kind: 'int' },
    { name: 'output', short: 'o', kind: 'string' },
    { name: 'timeout', kind: 'string' },
    { name: 'resource-version', kind: 'string' },
    { name: 'all', kind: 'bool', unsupported: true },
    { name: 'selector', short: 'l', kind: 'string', unsupported: true },
    { name: 'filename', short: 'f', kind: 'strings', unsupported: true },
    { name: 'dry-run', kind: 'string', unsupported: true },
  ],
  help: `Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale also allows users to specify one or more preconditions for the scale action.

 If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.

Examples:
  # Scale a replica set named 'foo' to 3
  kubectl scale --replicas=3 rs/foo

  # If the deployment named mysql's current size is 2, scale mysql to 3
  kubectl scale --current-replicas=2 --replicas=3 deployment/mysql

  # Scale multiple replication controllers
  kubectl scale --replicas=5 rc/example1 rc/example2 rc/example3

Options:
    --current-replicas=-1:
\tPrecondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.

    --replicas=0:
\tThe new desired number of replicas. Required.

Usage:
  kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]

${OPTIONS_TRAILER}`,
  run: runScale,
};

function runScale(inv: VerbInvocation): CommandOutput {
  const out = new OutputBuilder();
  const { args, ctx } = inv;
  const replicas = (args.flags.get('replicas') as number | undefined) ?? -1;
  const current = (args.flags.get('current-replicas') as number | undefined) ?? -1;
  if (replicas < 0) return out.err('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n').done(1);
  if (current < -1) return out.err('error: The --current-replicas must specify an integer of -1 or greater\n').done(1);
  const output = str(args, 'output') ?? '';
  if (args.positionals.length === 0) {
    return out.err(usageErrorText('Required resource not specified.', 'kubectl scale')).done(1);
  }
  const parsed = parseTargets(args.positionals);
  if (!parsed.ok) return out.err(parsed.error).done(1);
  let failed = false;
  for (const { info, name } of parsed.targets) {
    if (name === undefined) return out.err(`error: resource(s) were provided, but no name was specified\n`).done(1);
    if (info.resource !== 'deployments' && info.resource !== 'replicasets' && info.resource !== 'statefulsets') {
      const obj = ctx.cluster.get(info.resource, inv.namespace, name);
      out.err(obj ? 'Error from server (NotFound): the server could not find the requested resource\n' : `Error from server (NotFound): ${info.group ? `${info.resource}.${info.group}` : info.resource} "${name}" not found\n`);
      failed = true;
      continue;
    }
    try {
      const obj = ctx.cluster.get(info.resource, inv.namespace, name);
      if (obj && current !== -1 && obj.spec.replicas !== current) {
        out.err(`error: Expected replicas to be ${current}, was ${obj.spec.replicas}\n`);
        failed = true;
        continue;
      }
      ctx.cluster.api.scale(info.resource, inv.namespace, name, replicas);
      out.out(output === 'name' ? `${qualifiedSingular(info)}/${name}\n` : `${qualifiedSingular(info)}/${name} scaled\n`);
    } catch (error) {
      if (!isApiError(error)) throw error;
      out.err(apiErrorText(error));
      failed = true;
    }
  }
  return out.done(failed ? 1 : 0);
}
