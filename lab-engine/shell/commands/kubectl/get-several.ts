// `kubectl get pods,svc`, `kubectl get all` and `kubectl get pod/a svc/b`: several kinds in one invocation.

import type { CrdReader } from '../../../cluster/crd-served';
import { qualifiedResource, qualifiedSingular, resolveServedResource, RESOURCES, type ResourceInfo, type ResourceName } from '../../../cluster/resources';
import type { ApiObject } from '../../../kube/types';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { fieldSelectorError, matchesFields, unsupportedField, type FieldRequirement } from './field-selector';
import { bool } from './flags';
import { buildTable, plainJson } from './get-output';
import { apiErrorText, notModelledText } from './kubectl-errors';
import { asList, toJson, toYaml } from './printers/object-output';
import { formatTable } from './printers/table-writer';
import { printWithTemplate, type TemplatePrinter } from './printers/template-output';
import { resourceTypeError } from './resource-args';
import { matchesSelector } from '../../../kube/label-selector';
import { notFound } from '../../../kube/api-errors';
import { sortObjects } from './get-sort';
import type { VerbInvocation } from './verb';

type AnyObject = ApiObject;

/** What `kubectl get all` expands to, in the order kubectl prints the tables (the kinds Flatnet serves). */
const ALL_CATEGORY: readonly ResourceName[] = ['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'jobs'];

export interface SeveralOptions {
  output: string;
  allNamespaces: boolean;
  requirements: Parameters<typeof matchesSelector>[1] | undefined;
  fields: { text: string; requirements: FieldRequirement[] } | undefined;
  labelText: string;
  printer: TemplatePrinter | undefined;
  sortBy: string | undefined;
  ignoreNotFound: boolean;
}

/** One TYPE of the command line with the names typed after it (none: list it). */
export interface SeveralRequest {
  info: ResourceInfo;
  names: string[] | undefined;
}

/** `pods,svc,all` to the resources it names, in order, each once. */
export function expandTypes(typed: string, crds: CrdReader): { ok: true; infos: ResourceInfo[] } | { ok: false; error: string } {
  const infos: ResourceInfo[] = [];
  for (const t of typed.split(',')) {
    if (t.toLowerCase() === 'all') {
      for (const r of ALL_CATEGORY) if (!infos.includes(RESOURCES[r])) infos.push(RESOURCES[r]);
      continue;
    }
    const info = resolveServedResource(t, crds);
    if (!info) return { ok: false, error: resourceTypeError(t) };
    if (!infos.includes(info)) infos.push(info);
  }
  return { ok: true, infos };
}

/** What the builder hands the printer: one result per named object, one per listed type (maybe empty). */
interface Result {
  info: ResourceInfo;
  objects: AnyObject[];
  named: boolean;
}

/**
 * `kubectl get pods,svc`, `kubectl get all`, `kubectl get pod/a svc/b` (pkg/cmd/get/get.go Run):
 * one table per run of results of one resource, a blank line between tables when headers are
 * printed and something was written; names prefixed with the kind (`pod/web-…`,
 * `deployment.apps/web`) when the results span several kinds (multipleGVKsRequested); NotFound
 * for each missing named object after the tables. -o name lists every object so prefixed; json,
 * yaml and templates see one List of everything.
 */
export async function getSeveral(inv: VerbInvocation, out: OutputBuilder, requests: readonly SeveralRequest[], o: SeveralOptions): Promise<CommandOutput> {
  const { ctx, args } = inv;
  if (o.output !== '' && o.output !== 'wide' && o.output !== 'name' && o.output !== 'json' && o.output !== 'yaml' && o.output !== 'template') return out.err(notModelledText(`-o ${o.output} with several resource types`)).done(1);
  if (o.allNamespaces && requests.some((r) => r.names)) return out.err('error: a resource cannot be retrieved by name across all namespaces\n').done(1);
  for (const { info } of requests) {
    const bad = o.fields && unsupportedField(info, o.fields.requirements);
    if (bad) return out.err(fieldSelectorError(info, o.labelText, o.fields!.text, bad)).done(1);
  }
  const errors: string[] = [];
  const results: Result[] = [];
  const keep = (x: AnyObject) => (!o.requirements || matchesSelector(x.metadata.labels, o.requirements)) && (!o.fields || matchesFields(x, o.fields.requirements));
  for (const { info, names } of requests) {
    const namespace = info.namespaced ? inv.namespace : undefined;
    if (names) {
      for (const name of names) {
        const obj = ctx.cluster.get(info.resource, namespace, name) as AnyObject | undefined;
        if (obj) {
          if (keep(obj)) results.push({ info, objects: [obj], named: true });
        } else if (!o.ignoreNotFound) errors.push(apiErrorText(notFound(qualifiedResource(info), name)));
      }
      continue;
    }
    let objects = (ctx.cluster.list(info.resource, info.namespaced && !o.allNamespaces ? inv.namespace : undefined) as AnyObject[]).filter(keep);
    if (o.sortBy) {
      const sorted = sortObjects(objects, o.sortBy, plainJson);
      if (!sorted.ok) return out.err(sorted.error).done(1);
      objects = sorted.objects;
    }
    results.push({ info, objects, named: false });
  }
  const withKind = new Set(results.map((r) => r.info.kind)).size > 1;
  // Consecutive results of one resource share a printer, so one table.
  const groups: Result[] = [];
  for (const r of results) {
    const last = groups[groups.length - 1];
    if (last && last.info === r.info) last.objects = [...last.objects, ...r.objects];
    else groups.push({ ...r, objects: [...r.objects] });
  }
  if (groups.some((g) => g.info.resource === 'endpoints' && g.objects.length)) out.err('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
  const everything = groups.flatMap((g) => g.objects);
  const singleNamed = results.length === 1 && results[0].named;
  switch (o.output) {
    case 'name':
      for (const g of groups) for (const x of g.objects) out.out(`${qualifiedSingular(g.info)}/${x.metadata.name}\n`);
      break;
    case 'json':
      if (everything.length || !requests.every((r) => r.names)) out.out(toJson(singleNamed ? everything[0] : asList(everything)));
      break;
    case 'yaml':
      if (everything.length || !requests.every((r) => r.names)) out.out(await toYaml(singleNamed ? everything[0] : asList(everything)));
      break;
    case 'template': {
      const items = everything.map(plainJson);
      const printed = printWithTemplate(o.printer!, singleNamed ? items[0] : asList(items), items, bool(args, 'no-headers'));
      if (!printed.ok) return out.err(printed.error).done(1);
      out.out(printed.text);
      break;
    }
    default: {
      const noHeaders = bool(args, 'no-headers');
      const tables = groups.filter((g) => g.objects.length > 0).map((g) => {
        const anyNamespaced = o.allNamespaces && g.info.namespaced;
        const table = buildTable(ctx, g.info, g.objects, { wide: o.output === 'wide', withNamespace: anyNamespaced, showLabels: bool(args, 'show-labels'), nowMs: ctx.cluster.now() });
        const nameColumn = anyNamespaced ? 1 : 0;
        const rows = withKind ? table.rows.map((r) => r.map((cell, i) => (i === nameColumn ? `${qualifiedSingular(g.info)}/${cell}` : cell))) : table.rows;
        return formatTable(noHeaders ? rows : [table.headers, ...rows]);
      });
      // separatorWriterWrapper: the blank line only comes with headers.
      out.out(tables.join(noHeaders ? '' : '\n'));
    }
  }
  for (const e of errors) out.err(e);
  if (everything.length === 0 && errors.length === 0 && !o.ignoreNotFound && o.output !== 'json' && o.output !== 'yaml') {
    const allNamespaced = !o.allNamespaces && requests.every((r) => r.info.namespaced);
    out.err(allNamespaced ? `No resources found in ${inv.namespace} namespace.\n` : 'No resources found\n');
  }
  return out.done(errors.length ? 1 : 0);
}
