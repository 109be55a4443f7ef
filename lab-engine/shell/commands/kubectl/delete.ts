// kubectl delete for pods (pkg/cmd/delete/delete.go, v1.34): prints `pod "web" deleted from
// default namespace` as each delete is accepted, then by default waits until the pods are really
// gone (graceful termination runs on the simulated clock), like the real command does.
// --force (grace 0) warns and removes at once; --grace-period=0 without --force means 1 s.

import { deleteNamespaces } from './delete-namespace';
import { readManifests } from './apply';
import { waitForPods } from './pod-wait';
import { isApiError } from '../../../kube/api-errors';
import { qualifiedSingular, resolveResource, resolveServedResource, type ResourceInfo } from '../../../cluster/resources';
import { registryOf } from '../../../cluster/registry/index';
import type { Pod } from '../../../kube/types';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { bool, str } from './flags';
import { apiErrorText, notModelledText } from './kubectl-errors';
import { matchesSelector, parseSelector } from '../../../kube/label-selector';
import { fieldSelectorError, matchesFields, parseFieldSelector, unsupportedField } from './field-selector';
import { resourceTypeError } from './resource-args';
import { OPTIONS_TRAILER, type KubectlVerb, type VerbInvocation } from './verb';

const MUST_PROVIDE = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
`;

export const del: KubectlVerb = {
  name: 'delete',
  flags: [
    { name: 'grace-period', kind: 'int' },
    { name: 'force', kind: 'bool' },
    { name: 'now', kind: 'bool' },
    { name: 'wait', kind: 'bool' },
    { name: 'ignore-not-found', kind: 'bool' },
    { name: 'all', kind: 'bool' },
    { name: 'selector', short: 'l', kind: 'string' },
    { name: 'output', short: 'o', kind: 'string' },
    { name: 'timeout', kind: 'string' },
    { name: 'all-namespaces', short: 'A', kind: 'bool', unsupported: true },
    { name: 'filename', short: 'f', kind: 'strings' },
    { name: 'recursive', short: 'R', kind: 'bool' },
    { name: 'cascade', kind: 'string' },
    { name: 'interactive', short: 'i', kind: 'bool', unsupported: true },
    { name: 'field-selector', kind: 'string' },
  ],
  help: `Delete resources by file names, stdin, resources and names, or by resources and label selector.

 Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately.

Examples:
  # Delete a pod with minimal delay
  kubectl delete pod foo --now

  # Force delete a pod on a dead node
  kubectl delete pod foo --force

  # Delete pods with the label name=myLabel
  kubectl delete pods -l name=myLabel

  # Delete all pods
  kubectl delete pods --all

Options:
    --all=false:
\tDelete all resources, in the namespace of the specified resource types.

    --field-selector='':
\tSelector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.

    --force=false:
\tIf true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.

    --grace-period=-1:
\tPeriod of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).

    --ignore-not-found=false:
\tTreat "resource not found" as a successful delete. Defaults to "true" when --all is specified.

    --now=false:
\tIf true, resources are signaled for immediate shutdown (same as --grace-period=1).

    -o, --output='':
\tOutput mode. Use "-o name" for shorter output (resource/name).

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

    --timeout=0s:
\tThe length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object

    --wait=true:
\tIf true, wait for resources to be gone before returning. This waits for finalizers.

Usage:
  kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]

${OPTIONS_TRAILER}`,
  run: runDelete,
};

async function runDelete(inv: VerbInvocation): Promise<CommandOutput> {
  const out = new OutputBuilder();
  const { args, ctx } = inv;
  const files = (args.flags.get('filename') as string[] | undefined) ?? [];
  if (files.length > 0) {
    if (args.positionals.length > 0) return out.err('error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. \'kubectl get resource/<resource_name>\' instead of \'kubectl get resource resource/<resource_name>\'\n').done(1);
    return deleteFromFiles(inv, out, files);
  }
  if (args.positionals.length === 0) return out.err(MUST_PROVIDE).done(1);
  let grace = (args.flags.get('grace-period') as number | undefined) ?? -1;
  const force = bool(args, 'force');
  if (bool(args, 'now')) {
    if (grace !== -1) return out.err('error: --now and --grace-period cannot be specified together\n').done(1);
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  if (force && grace > 0) return out.err('error: --force and --grace-period greater than 0 cannot be specified together\n').done(1);
  const output = str(args, 'output') ?? '';
  if (output && output !== 'name') return out.err(`error: unexpected -o output mode: ${output}. We only support '-o name'\n`).done(1);
  const selectorText = str(args, 'selector');
  const fieldText = str(args, 'field-selector');
  const all = bool(args, 'all');
  if (all && selectorText !== undefined) return out.err('error: cannot set --all and --selector at the same time\n').done(1);
  const timeoutMs = parseTimeout(str(args, 'timeout') ?? '0s');
  if (timeoutMs === undefined) return out.err(`error: invalid argument "${str(args, 'timeout')}" for "--timeout" flag: time: invalid duration "${str(args, 'timeout')}"\n`).done(1);

  // TYPE NAME... or TYPE/NAME...
  const targets: { type: string; name?: string }[] = [];
  if (args.positionals[0].includes('/')) {
    for (const p of args.positionals) {
      const [type, name] = p.split('/', 2);
      targets.push({ type, name });
    }
  } else {
    const [type, ...names] = args.positionals;
    if (names.length === 0) targets.push({ type });
    for (const name of names) targets.push({ type, name });
  }
  let kind: ResourceInfo | undefined;
  for (const t of targets) {
    const info = resolveServedResource(t.type, ctx.cluster);
    if (!info) return out.err(resourceTypeError(t.type)).done(1);
    if (registryOf(info.resource).undeletable) return out.err(notModelledText(`deleting ${info.resource}`)).done(1);
    if (kind && kind !== info) return out.err(notModelledText('deleting several resource types at once')).done(1);
    kind = info;
  }
  if (kind?.resource === 'namespaces' && targets.every((t) => t.name !== undefined)) return deleteNamespaces(inv, out, targets.map((t) => t.name!), { output, timeoutMs });
  const selecting = { all, selectorText, fieldText };
  if (kind && kind.resource !== 'pods') return deleteWorkloads(inv, out, kind, targets.filter((t) => t.name !== undefined).map((t) => t.name!), { ...selecting, output });
  const byName = targets.filter((t) => t.name !== undefined).map((t) => t.name!);
  if (byName.length > 0 && (all || selectorText !== undefined || fieldText !== undefined)) {
    return out.err(`error: name cannot be provided when a selector is specified\n`).done(1);
  }
  let names = byName;
  let ignoreNotFound = bool(args, 'ignore-not-found');
  if (byName.length === 0) {
    if (!all && selectorText === undefined && fieldText === undefined) return out.err('error: resource(s) were provided, but no name was specified\n').done(1);
    const pods = selected(ctx.cluster.list('pods', inv.namespace) as Pod[], resolveResource('pods')!, selecting);
    if ('error' in pods) return out.err(pods.error).done(1);
    names = pods.map((p) => p.metadata.name);
    if (!args.flags.has('ignore-not-found')) ignoreNotFound = true;
  }

  if (force) out.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  const errors: string[] = [];
  const deleted: string[] = [];
  const uids = new Map<string, string>();
  for (const name of names) {
    try {
      uids.set(name, ctx.cluster.api.delete('pods', inv.namespace, name, grace >= 0 ? { gracePeriodSeconds: grace } : {}).metadata.uid);
      deleted.push(name);
      if (output === 'name') out.out(`pod/${name}\n`);
      else out.out(`pod "${name}" ${grace === 0 ? 'force deleted' : 'deleted'} from ${inv.namespace} namespace\n`);
    } catch (error) {
      if (!isApiError(error)) throw error;
      if (error.reason === 'NotFound' && ignoreNotFound) continue;
      errors.push(apiErrorText(error));
    }
  }
  if (deleted.length === 0 && errors.length === 0) {
    out.out('No resources found\n');
    return out.done(0);
  }
  const wait = args.flags.has('wait') ? bool(args, 'wait') : true;
  if (wait && deleted.length > 0) {
    const timedOut = await waitUntilGone(inv, deleted, uids, timeoutMs || 168 * 3600_000);
    if (timedOut) errors.push(`error: timed out waiting for the condition on pods/${timedOut}\n`);
  }
  for (const e of errors) out.err(e);
  return out.done(errors.length ? 1 : 0);
}

/** How `delete` picks objects when no name is given: everything (--all), by labels (-l), by fields (--field-selector). */
interface Selecting {
  all: boolean;
  selectorText: string | undefined;
  fieldText: string | undefined;
}

/** The objects the selectors match, or the error kubectl prints (a field the API server does not index for the kind). */
function selected<T extends { metadata: { labels?: Record<string, string> } }>(objects: T[], info: ResourceInfo, o: Selecting): T[] | { error: string } {
  let picked = objects;
  if (o.selectorText !== undefined) {
    const sel = parseSelector(o.selectorText);
    if (!sel.ok) return { error: `error: ${sel.error}\n` };
    picked = picked.filter((x) => matchesSelector(x.metadata.labels, sel.requirements));
  }
  if (o.fieldText !== undefined) {
    const fields = parseFieldSelector(o.fieldText);
    if (!fields.ok) return { error: fields.error };
    const bad = unsupportedField(info, fields.requirements);
    if (bad) return { error: fieldSelectorError(info, o.selectorText ?? '', o.fieldText, bad) };
    picked = picked.filter((x) => matchesFields(x, fields.requirements));
  }
  return picked;
}

/** Objects other than pods have no grace period: the object goes at once (the garbage collector removes what a workload owned). */
function deleteWorkloads(
  inv: VerbInvocation,
  out: OutputBuilder,
  info: ResourceInfo,
  byName: string[],
  o: Selecting & { output: string },
): CommandOutput {
  const resource = info.resource;
  let names = byName;
  let ignoreNotFound = inv.args.flags.get('ignore-not-found') === true;
  if (byName.length === 0) {
    if (!o.all && o.selectorText === undefined && o.fieldText === undefined) return out.err('error: resource(s) were provided, but no name was specified\n').done(1);
    const objects = selected(inv.ctx.cluster.list(resource, inv.namespace), info, o);
    if ('error' in objects) return out.err(objects.error).done(1);
    names = objects.map((x) => x.metadata.name);
    if (!inv.args.flags.has('ignore-not-found')) ignoreNotFound = true;
  }
  let errors = 0;
  let deleted = 0;
  for (const name of names) {
    try {
      inv.ctx.cluster.api.delete(resource, inv.namespace, name);
      deleted++;
      out.out(o.output === 'name' ? `${qualifiedSingular(info)}/${name}\n` : `${qualifiedSingular(info)} "${name}" deleted${info.namespaced ? ` from ${inv.namespace} namespace` : ''}\n`);
    } catch (error) {
      if (!isApiError(error)) throw error;
      if (error.reason === 'NotFound' && ignoreNotFound) continue;
      out.err(apiErrorText(error));
      errors++;
    }
  }
  if (deleted === 0 && errors === 0) out.out('No resources found\n');
  return out.done(errors ? 1 : 0);
}

/** `kubectl delete -f`: each object the files name, by kind, namespace and name, with the file in NotFound errors. */
async function deleteFromFiles(inv: VerbInvocation, out: OutputBuilder, files: string[]): Promise<CommandOutput> {
  const read = await readManifests(inv.ctx, files, bool(inv.args, 'recursive'));
  if (!read.ok) return out.err(read.error).done(1);
  let failed = false;
  for (const m of read.objects) {
    const info = resolveResource(String(m.object.kind ?? '').toLowerCase());
    const meta = (m.object.metadata ?? {}) as { name?: string; namespace?: string };
    const name = meta.name ?? '';
    if (!info || registryOf(info.resource).undeletable) {
      out.err(notModelledText(`deleting ${String(m.object.kind)} objects`));
      failed = true;
      continue;
    }
    const namespace = info.namespaced ? (meta.namespace ?? inv.namespace) : '';
    try {
      inv.ctx.cluster.api.delete(info.resource, namespace || undefined, name);
      out.out(str(inv.args, 'output') === 'name' ? `${qualifiedSingular(info)}/${name}\n` : `${qualifiedSingular(info)} "${name}" deleted${info.namespaced ? ` from ${namespace} namespace` : ''}\n`);
    } catch (error) {
      if (!isApiError(error)) throw error;
      if (error.reason === 'NotFound' && bool(inv.args, 'ignore-not-found')) continue;
      out.err(`Error from server (${error.reason}): error when deleting "${m.source}": ${error.message}\n`);
      failed = true;
    }
  }
  return out.done(failed ? 1 : 0);
}

/** Sleeps from one lifecycle event to the next until every pod is gone; returns a pod still there at the deadline. */
async function waitUntilGone(inv: VerbInvocation, names: string[], uids: ReadonlyMap<string, string>, timeoutMs: number): Promise<string | undefined> {
  // kubectl waits for the objects it deleted (by uid): a new pod of the same name (a StatefulSet's replacement) ends the wait.
  const remaining = () => names.filter((n) => inv.ctx.cluster.get('pods', inv.namespace, n)?.metadata.uid === uids.get(n));
  // An interrupted wait (Ctrl-C in the terminal) stops waiting; the deletes stand.
  await waitForPods(inv.ctx, inv.namespace, new Set(names), () => remaining().length === 0, timeoutMs);
  return remaining()[0];
}

/** Go durations as --timeout takes them: `0`, `30s`, `1m30s`, `500ms`, `2h`. */
export function parseTimeout(text: string): number | undefined {
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
    consumed += m[0].length;
  }
  return consumed === text.length && text.length > 0 ? total : undefined;
}
