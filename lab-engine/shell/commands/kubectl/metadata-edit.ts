// What `kubectl label` and `kubectl annotate` share (pkg/cmd/label/label.go, annotate/annotate.go):
// split the arguments into resources and changes (`k=v` sets, `k-` removes), refuse to change
// an existing key without --overwrite, apply the change to every object named or selected, and
// print `<kind>/<name> labeled|unlabeled|not labeled` (annotated likewise).

import { isApiError } from '../../../kube/api-errors';
import { qualifiedSingular, type ResourceInfo } from '../../../cluster/resources';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { bool, str, type FlagSpec } from './flags';
import { apiErrorText } from './kubectl-errors';
import { parseTargets } from './resource-args';
import { matchesSelector, parseSelector } from '../../../kube/label-selector';
import type { VerbInvocation } from './verb';

export type MetadataField = 'labels' | 'annotations';

/** label and annotate take the same flags (pkg/cmd/label, pkg/cmd/annotate). */
export const METADATA_EDIT_FLAGS: FlagSpec[] = [
  { name: 'overwrite', kind: 'bool' },
  { name: 'all', kind: 'bool' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'list', kind: 'bool', unsupported: true },
  { name: 'local', kind: 'bool', unsupported: true },
  { name: 'dry-run', kind: 'string', unsupported: true },
  { name: 'output', short: 'o', kind: 'string', unsupported: true },
  { name: 'resource-version', kind: 'string', unsupported: true },
  { name: 'filename', short: 'f', kind: 'strings', unsupported: true },
  { name: 'all-namespaces', short: 'A', kind: 'bool', unsupported: true },
];

interface Changes {
  set: [string, string][];
  remove: string[];
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function parseChanges(args: readonly string[], field: MetadataField): { ok: true; changes: Changes } | { ok: false; error: string } {
  const changes: Changes = { set: [], remove: [] };
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq > 0) {
      const key = arg.slice(0, eq);
      const value = arg.slice(eq + 1);
      if (field === 'labels' && (value.length > 63 || !LABEL_VALUE.test(value))) {
        return { ok: false, error: `error: invalid label value: "${arg}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n` };
      }
      changes.set.push([key, value]);
    } else if (arg.endsWith('-') && arg.length > 1) {
      changes.remove.push(arg.slice(0, -1));
    } else {
      return { ok: false, error: `error: invalid ${field === 'labels' ? 'label' : 'annotation'} format: ${arg}\n` };
    }
  }
  return { ok: true, changes };
}

/** Runs `kubectl label` or `kubectl annotate`. */
export function editMetadata(inv: VerbInvocation, field: MetadataField): CommandOutput {
  const out = new OutputBuilder();
  const { args, ctx } = inv;
  const verb = field === 'labels' ? 'label' : 'annotate';
  const split = args.positionals.findIndex((a) => a.includes('=') || (a.endsWith('-') && !a.includes('/')));
  const resourceArgs = split < 0 ? args.positionals : args.positionals.slice(0, split);
  const changeArgs = split < 0 ? [] : args.positionals.slice(split);
  if (resourceArgs.length === 0) return out.err(`error: one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee 'kubectl ${verb} -h' for help and examples\n`).done(1);
  if (changeArgs.length === 0) return out.err(`error: at least one ${field === 'labels' ? 'label' : 'annotation'} update is required\nSee 'kubectl ${verb} -h' for help and examples\n`).done(1);
  const parsed = parseChanges(changeArgs, field);
  if (!parsed.ok) return out.err(parsed.error).done(1);
  const targets = parseTargets(resourceArgs);
  if (!targets.ok) return out.err(targets.error).done(1);

  const selectorText = str(args, 'selector');
  const all = bool(args, 'all');
  const objects: { info: ResourceInfo; name: string }[] = [];
  for (const t of targets.targets) {
    if (t.name !== undefined) {
      objects.push({ info: t.info, name: t.name });
      continue;
    }
    if (!all && selectorText === undefined) return out.err(`error: resource(s) were provided, but no name was specified\n`).done(1);
    const sel = selectorText === undefined ? undefined : parseSelector(selectorText);
    if (sel && !sel.ok) return out.err(`error: ${sel.error}\n`).done(1);
    for (const o of ctx.cluster.list(t.info.resource, t.info.namespaced ? inv.namespace : undefined)) {
      if (!sel || matchesSelector(o.metadata.labels, sel.requirements)) objects.push({ info: t.info, name: o.metadata.name });
    }
  }

  let failed = false;
  const past = field === 'labels' ? 'labeled' : 'annotated';
  for (const { info, name } of objects) {
    const namespace = info.namespaced ? inv.namespace : undefined;
    const obj = ctx.cluster.get(info.resource, namespace, name);
    if (!obj) {
      out.err(`Error from server (NotFound): ${info.group ? `${info.resource}.${info.group}` : info.resource} "${name}" not found\n`);
      failed = true;
      continue;
    }
    const current = { ...((obj.metadata as unknown as Record<string, unknown>)[field] as Record<string, string> | undefined) };
    if (!bool(args, 'overwrite')) {
      const clash = parsed.changes.set.filter(([k, v]) => k in current && current[k] !== v);
      if (clash.length) {
        out.err(field === 'labels' ? `error: '${clash[0][0]}' already has a value (${current[clash[0][0]]}), and --overwrite is false\n` : `error: --overwrite is false but found the following declared annotation(s): '${clash[0][0]}' already has a value (${current[clash[0][0]]})\n`);
        failed = true;
        continue;
      }
    }
    const next = { ...current };
    for (const key of parsed.changes.remove) {
      if (!(key in next)) out.out(`${field === 'labels' ? 'label' : 'annotation'} "${key}" not found.\n`);
      delete next[key];
    }
    for (const [k, v] of parsed.changes.set) next[k] = v;
    const changed = JSON.stringify(Object.entries(current).sort()) !== JSON.stringify(Object.entries(next).sort());
    let message = `not ${past}`;
    if (changed) message = field === 'labels' && !bool(args, 'overwrite') && Object.keys(next).length < Object.keys(current).length ? 'unlabeled' : past;
    try {
      if (changed) {
        const meta = obj.metadata as { labels?: Record<string, string>; annotations?: Record<string, string> };
        ctx.cluster.api.setMetadata(info.resource, namespace, name, field === 'labels' ? next : meta.labels, field === 'annotations' ? next : meta.annotations);
      }
      out.out(`${qualifiedSingular(info)}/${name} ${message}\n`);
    } catch (error) {
      if (!isApiError(error)) throw error;
      out.err(apiErrorText(error));
      failed = true;
    }
  }
  return out.done(failed ? 1 : 0);
}
