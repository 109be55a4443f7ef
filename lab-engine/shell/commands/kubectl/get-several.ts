// `kubectl get pods,svc` and `kubectl get all`: several kinds in one invocation.

import { qualifiedSingular, resolveResource, RESOURCES, type ResourceInfo, type ResourceName } from '../../../cluster/resources';
import type { ApiObject } from '../../../kube/types';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { fieldSelectorError, matchesFields, unsupportedField, type FieldRequirement } from './field-selector';
import { bool } from './flags';
import { buildTable, plainJson } from './get-output';
import { notModelledText } from './kubectl-errors';
import { asList, toJson, toYaml } from './printers/object-output';
import { formatTable } from './printers/table-writer';
import { printWithTemplate, type TemplatePrinter } from './printers/template-output';
import { resourceTypeError } from './resource-args';
import { matchesSelector } from '../../../kube/label-selector';
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
}

/**
 * `kubectl get pods,svc` and `kubectl get all`: one table per kind that has objects, names
 * prefixed with the kind (`pod/web-…`, `deployment.apps/web`), a blank line between tables;
 * -o name lists every object so prefixed; json, yaml and templates see one List of everything.
 */
export async function getSeveral(inv: VerbInvocation, out: OutputBuilder, typed: string, o: SeveralOptions): Promise<CommandOutput> {
  const { ctx, args } = inv;
  const infos: ResourceInfo[] = [];
  for (const t of typed.split(',')) {
    if (t.toLowerCase() === 'all') {
      for (const r of ALL_CATEGORY) if (!infos.includes(RESOURCES[r])) infos.push(RESOURCES[r]);
      continue;
    }
    const info = resolveResource(t);
    if (!info) return out.err(resourceTypeError(t)).done(1);
    if (!infos.includes(info)) infos.push(info);
  }
  if (o.output !== '' && o.output !== 'wide' && o.output !== 'name' && o.output !== 'json' && o.output !== 'yaml' && o.output !== 'template') return out.err(notModelledText(`-o ${o.output} with several resource types`)).done(1);
  for (const info of infos) {
    const bad = o.fields && unsupportedField(info, o.fields.requirements);
    if (bad) return out.err(fieldSelectorError(info, o.labelText, o.fields!.text, bad)).done(1);
  }
  const groups = infos.map((info) => {
    let objects = ctx.cluster.list(info.resource, info.namespaced && !o.allNamespaces ? inv.namespace : undefined) as AnyObject[];
    if (o.requirements) {
      const reqs = o.requirements;
      objects = objects.filter((x) => matchesSelector(x.metadata.labels, reqs));
    }
    if (o.fields) {
      const reqs = o.fields.requirements;
      objects = objects.filter((x) => matchesFields(x, reqs));
    }
    return { info, objects };
  }).filter((g) => g.objects.length > 0);
  if (groups.some((g) => g.info.resource === 'endpoints')) out.err('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
  const everything = groups.flatMap((g) => g.objects);
  switch (o.output) {
    case 'name':
      for (const g of groups) for (const x of g.objects) out.out(`${qualifiedSingular(g.info)}/${x.metadata.name}\n`);
      break;
    case 'json':
      out.out(toJson(asList(everything)));
      break;
    case 'yaml':
      out.out(await toYaml(asList(everything)));
      break;
    case 'template': {
      const items = everything.map(plainJson);
      const printed = printWithTemplate(o.printer!, asList(items), items, bool(args, 'no-headers'));
      if (!printed.ok) return out.err(printed.error).done(1);
      out.out(printed.text);
      break;
    }
    default: {
      const tables = groups.map((g) => {
        const anyNamespaced = o.allNamespaces && g.info.namespaced;
        const table = buildTable(ctx, g.info, g.objects, { wide: o.output === 'wide', withNamespace: anyNamespaced, showLabels: bool(args, 'show-labels'), nowMs: ctx.cluster.now() });
        const nameColumn = anyNamespaced ? 1 : 0;
        const rows = table.rows.map((r) => r.map((cell, i) => (i === nameColumn ? `${qualifiedSingular(g.info)}/${cell}` : cell)));
        return formatTable(bool(args, 'no-headers') ? rows : [table.headers, ...rows]);
      });
      out.out(tables.join('\n'));
    }
  }
  if (everything.length === 0 && o.output !== 'json' && o.output !== 'yaml') {
    out.err(o.allNamespaces ? 'No resources found\n' : `No resources found in ${inv.namespace} namespace.\n`);
  }
  return out.done(0);
}
