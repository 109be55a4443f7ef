// kubectl set (pkg/cmd/set/set.go, set_image.go): `set image TYPE/NAME c=img ...` patches the
// container images of a pod or a workload's pod template; a Deployment's changed template then
// rolls out through the deployment controller. Errors are set_image.go's (aggregated, one per
// line), an unchanged image prints nothing, as kubectl skips an empty patch. `set env` is
// set-env.ts; the other `set` subcommands are not modelled yet.

import { isApiError } from '../../../kube/api-errors';
import { qualifiedSingular, type ResourceInfo } from '../../../cluster/resources';
import type { Container, PodSpec, PodTemplateSpec } from '../../../kube/types';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { bool, str } from './flags';
import { apiErrorText, notModelledText, usageErrorText } from './kubectl-errors';
import { parseTargets } from './resource-args';
import { setEnv } from './set-env';
import { OPTIONS_TRAILER, type KubectlVerb, type VerbInvocation } from './verb';

const SET_HELP = `Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates
  selector         Set the selector on a resource
  serviceaccount   Update the service account of a resource
  subject          Update the user, group, or service account in a role binding or cluster role binding

Usage:
  kubectl set SUBCOMMAND [options]

Use "kubectl set <command> --help" for more information about a given command.
${OPTIONS_TRAILER}`;

const IMAGE_HELP = `Update existing container image(s) of resources.

 Possible resources include (case insensitive):

  pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)

Examples:
  # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
  kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1

  # Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'
  kubectl set image deployments,rc nginx=nginx:1.9.1 --all

  # Update image of all containers of daemonset abc to 'nginx:1.9.1'
  kubectl set image daemonset abc *=nginx:1.9.1

  # Print result (in yaml format) of updating nginx container image from local file, without hitting the server
  kubectl set image -f path/to/file.yaml nginx=nginx:1.9.1 --local -o yaml

Options:
    --all=false:
\tSelect all resources, in the namespace of the specified resource types

    --dry-run='none':
\tMust be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    -f, --filename=[]:
\tFilename, directory, or URL to files identifying the resource to get from a server.

    --local=false:
\tIf true, set image will NOT contact api-server but run locally.

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

Usage:
  kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]

${OPTIONS_TRAILER}`;

const SUBCOMMANDS = ['env', 'image', 'resources', 'selector', 'serviceaccount', 'subject'];

export const set: KubectlVerb = {
  name: 'set',
  flags: [
    { name: 'all', kind: 'bool', unsupported: true },
    { name: 'selector', short: 'l', kind: 'string', unsupported: true },
    { name: 'filename', short: 'f', kind: 'strings', unsupported: true },
    { name: 'local', kind: 'bool', unsupported: true },
    { name: 'dry-run', kind: 'string', unsupported: true },
    { name: 'output', short: 'o', kind: 'string' },
    { name: 'record', kind: 'bool' },
    // set env's own (set-env.ts).
    { name: 'containers', short: 'c', kind: 'string' },
    { name: 'list', kind: 'bool' },
    { name: 'overwrite', kind: 'bool' },
    { name: 'env', short: 'e', kind: 'string' },
    { name: 'from', kind: 'string' },
    { name: 'keys', kind: 'string' },
    { name: 'prefix', kind: 'string' },
  ],
  help: SET_HELP,
  subcommandHelp: (positionals) => (positionals[0] === 'image' ? IMAGE_HELP : undefined),
  run: runSet,
};

function runSet(inv: VerbInvocation): CommandOutput {
  const out = new OutputBuilder();
  const [sub, ...rest] = inv.args.positionals;
  // cmdutil.DefaultSubCommandRun: the help on stderr and exit 1, or an unknown-command usage error.
  if (!sub) return out.err(SET_HELP).done(1);
  if (!SUBCOMMANDS.includes(sub)) return out.err(usageErrorText(`unknown command "${[sub, ...rest].join(' ')}"`, 'kubectl set')).done(1);
  if (sub === 'env') return setEnv(inv, out, rest);
  if (sub !== 'image') return out.err(notModelledText(`kubectl set ${sub}`)).done(1);
  return setImage(inv, out, rest);
}

/** cmdutil.GetResourcesAndPairs then ParsePairs: resources first, then NAME=IMAGE pairs. */
function splitArgs(args: readonly string[]): { ok: true; resources: string[]; images: Map<string, string> } | { ok: false; error: string } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const a of args) {
    const pair = (a.includes('=') && a[0] !== '=') || (a.endsWith('-') && a !== '-');
    if (pair) pairs.push(a);
    else if (pairs.length) return { ok: false, error: `error: all resources must be specified before image changes: ${a}\n` };
    else resources.push(a);
  }
  const images = new Map<string, string>();
  const invalid: string[] = [];
  for (const p of pairs) {
    if (p.includes('=') && p[0] !== '=') images.set(p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1));
    else invalid.push(p);
  }
  if (invalid.length) return { ok: false, error: `error: invalid image format: ${invalid.join(', ')}\n` };
  return { ok: true, resources, images };
}

type WithPodSpec = { kind: string; spec: PodSpec | { template: PodTemplateSpec }; metadata: { name: string; generation?: number } };

function podSpecOf(obj: WithPodSpec): PodSpec {
  return 'template' in obj.spec ? obj.spec.template.spec : obj.spec;
}

/** The kinds polymorphichelpers.UpdatePodSpecForObjectFn reaches that Flatnet serves. */
const WITH_POD_SPEC = new Set(['pods', 'deployments', 'daemonsets', 'statefulsets', 'replicasets', 'jobs']);

function setImage(inv: VerbInvocation, out: OutputBuilder, rest: readonly string[]): CommandOutput {
  const split = splitArgs(rest);
  if (!split.ok) return out.err(split.error).done(1);
  const { resources, images } = split;
  const output = str(inv.args, 'output');
  if (output !== undefined && output !== 'name') return out.err(notModelledText(`-o ${output} with kubectl set image`)).done(1);
  if (resources.length === 0) {
    return out.err('error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'\n').done(1);
  }
  const parsed = parseTargets(resources);
  if (!parsed.ok) return out.err(parsed.error).done(1);
  if (parsed.targets.some((t) => t.name === undefined)) return out.err('error: resource(s) were provided, but no name was specified\n').done(1);
  // Validate() aggregates its complaints.
  const problems: string[] = [];
  if (images.size < 1) problems.push('at least one image update is required');
  else if (images.size > 1 && images.has('*')) problems.push('all containers are already specified by *, but saw more than one container_name=container_image pairs');
  if (problems.length) return out.err(problems.map((p) => `error: ${p}\n`).join('')).done(1);
  if (bool(inv.args, 'record')) out.err('Flag --record has been deprecated, --record will be removed in the future\n');

  const errors: string[] = [];
  const { cluster } = inv.ctx;
  // The builder fetches every object first (Complete); a missing one fails the command before any patch.
  const found: { info: ResourceInfo; name: string }[] = [];
  for (const t of parsed.targets) {
    const name = t.name!;
    if (!cluster.get(t.info.resource, inv.namespace, name)) {
      errors.push(`Error from server (NotFound): ${t.info.group ? `${t.info.resource}.${t.info.group}` : t.info.resource} "${name}" not found\n`);
    } else found.push({ info: t.info, name });
  }
  if (errors.length) return out.err(errors.join('')).done(1);
  for (const { info, name } of found) {
    if (!WITH_POD_SPEC.has(info.resource)) {
      errors.push(`error: ${info.resource}/${name} the object is not a pod or does not have a pod template: *v1.${info.kind}\n`);
      continue;
    }
    const obj = cluster.get(info.resource, inv.namespace, name) as unknown as WithPodSpec;
    const containers = podSpecOf(obj).containers;
    const next = new Map<number, string>();
    for (const [container, image] of images) {
      let hit = false;
      containers.forEach((c: Container, i) => {
        if (c.name === container || container === '*') {
          hit = true;
          next.set(i, image);
        }
      });
      if (!hit) errors.push(`error: unable to find container named "${container}"\n`);
    }
    const changes = [...next].filter(([i, image]) => containers[i].image !== image);
    if (changes.length === 0) continue;
    try {
      cluster.api.patch(info.resource as 'deployments', inv.namespace, name, (o) => {
        const spec = podSpecOf(o as unknown as WithPodSpec);
        for (const [i, image] of changes) spec.containers[i].image = image;
        if ('template' in o.spec) o.metadata.generation += 1;
      });
    } catch (error) {
      if (!isApiError(error)) throw error;
      errors.push(`failed to patch image update to pod template: ${apiErrorText(error).replace(/^Error from server \([A-Za-z]+\): /, '')}`);
      continue;
    }
    out.out(output === 'name' ? `${qualifiedSingular(info)}/${name}\n` : `${qualifiedSingular(info)}/${name} image updated\n`);
  }
  for (const e of errors) out.err(e);
  return out.done(errors.length ? 1 : 0);
}
