// kubectl get: tables (with -o wide, -A, --show-labels, --no-headers, -l), -o name/json/yaml,
// -o jsonpath/custom-columns (and their -file forms),
// named objects with NotFound for the missing ones, and the exact "No resources found" lines
// (pkg/cmd/get/get.go) on stderr.

import { notFound } from '../../../kube/api-errors';
import { qualifiedResource, qualifiedSingular, resolveServedResource, type ResourceInfo } from '../../../cluster/resources';
import type { ApiObject } from '../../../kube/types';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { bool, str } from './flags';
import { apiErrorText, notModelledText, usageErrorText } from './kubectl-errors';
import { matchesSelector, parseSelector } from '../../../kube/label-selector';
import { formatTable } from './printers/table-writer';
import type { TableOptions } from './printers/resource-tables';
import { buildTable, plainJson, templatePrinter } from './get-output';
import { expandTypes, getSeveral, type SeveralRequest } from './get-several';
import { sortObjects } from './get-sort';
import { ALLOWED_FORMATS, asList, toJson, toYaml } from './printers/object-output';
import { OPTIONS_TRAILER, type KubectlVerb, type VerbInvocation } from './verb';
import { resourceTypeError } from './resource-args';
import { followWatch } from './get-watch';
import { fieldSelectorError, matchesFields, parseFieldSelector, unsupportedField, type FieldRequirement } from './field-selector';
import { printWithTemplate } from './printers/template-output';

type AnyObject = ApiObject;

export const get: KubectlVerb = {
  name: 'get',
  flags: [
    { name: 'output', short: 'o', kind: 'string' },
    { name: 'all-namespaces', short: 'A', kind: 'bool' },
    { name: 'selector', short: 'l', kind: 'string' },
    { name: 'show-labels', kind: 'bool' },
    { name: 'no-headers', kind: 'bool' },
    { name: 'ignore-not-found', kind: 'bool' },
    { name: 'watch', short: 'w', kind: 'bool' },
    { name: 'watch-only', kind: 'bool' },
    { name: 'field-selector', kind: 'string' },
    { name: 'sort-by', kind: 'string' },
    { name: 'label-columns', short: 'L', kind: 'strings', unsupported: true },
    { name: 'filename', short: 'f', kind: 'strings', unsupported: true },
    { name: 'show-kind', kind: 'bool' },
    { name: 'chunk-size', kind: 'int' },
  ],
  help: `Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace unless you pass --all-namespaces.

 Use "kubectl api-resources" for a complete list of supported resources.

Examples:
  # List all pods in ps output format
  kubectl get pods

  # List all pods in ps output format with more information (such as node name)
  kubectl get pods -o wide

  # List a single pod with specified NAME in ps output format
  kubectl get pod web

  # List all pods in every namespace
  kubectl get pods -A

  # List all nodes
  kubectl get nodes

Options:
    -A, --all-namespaces=false:
\tIf present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.

    --ignore-not-found=false:
\tIf set to true, suppresses NotFound error for specific objects that do not exist.

    --no-headers=false:
\tWhen using the default or custom-column output format, don't print headers (default print headers).

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].

    -w, --watch=false:
\tAfter listing/getting the requested object, watch for changes.

    --watch-only=false:
\tWatch for changes to the requested object(s), without listing/getting first.

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

    --show-labels=false:
\tWhen printing, show all labels as the last column (default hide labels column)

    --sort-by='':
\tIf non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string.

Usage:
  kubectl get [(-o|--output=)json|yaml|name|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]

${OPTIONS_TRAILER}`,
  run: runGet,
};

async function runGet(inv: VerbInvocation): Promise<CommandOutput> {
  const out = new OutputBuilder();
  const { args, ctx } = inv;
  const positionals = args.positionals;
  if (positionals.length === 0) {
    out.err('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
    return out.err(usageErrorText('Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).', 'kubectl get')).done(1);
  }
  const outputFlag = str(args, 'output') ?? '';
  const printer = templatePrinter(outputFlag, ctx.fs);
  if (printer && !printer.ok) return out.err(printer.error).done(1);
  const output = printer ? 'template' : outputFlag;
  if (!printer && !['', 'wide', 'name', 'json', 'yaml'].includes(output)) {
    if (ALLOWED_FORMATS.split(',').includes(output)) return out.err(notModelledText(`-o ${output}`)).done(1);
    return out.err(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${ALLOWED_FORMATS}\n`).done(1);
  }
  const allNamespaces = bool(args, 'all-namespaces');
  const watch = bool(args, 'watch');
  const watchOnly = bool(args, 'watch-only');
  if ((watch || watchOnly) && ['json', 'yaml', 'name', 'template'].includes(output)) return out.err(notModelledText(`--watch with -o ${output}`)).done(1);
  let requirements = undefined as ReturnType<typeof parseSelector> | undefined;
  const selectorText = str(args, 'selector');
  if (selectorText !== undefined) {
    requirements = parseSelector(selectorText);
    if (!requirements.ok) return out.err(`error: ${requirements.error}\n`).done(1);
  }

  const fieldText = str(args, 'field-selector');
  let fields: { text: string; requirements: FieldRequirement[] } | undefined;
  if (fieldText !== undefined) {
    const parsedFields = parseFieldSelector(fieldText);
    if (!parsedFields.ok) return out.err(parsedFields.error).done(1);
    fields = { text: fieldText, requirements: parsedFields.requirements };
  }

  // TYPE NAME... or TYPE/NAME...
  const slashForm = positionals[0].includes('/');
  const sortBy = str(args, 'sort-by') || undefined;
  const several = { output, allNamespaces, requirements: requirements?.ok ? requirements.requirements : undefined, fields, labelText: selectorText ?? '', printer: printer?.ok ? printer.printer : undefined, sortBy, ignoreNotFound: bool(args, 'ignore-not-found') };
  let info: ResourceInfo | undefined;
  let names: string[] = [];
  if (slashForm) {
    const requests: SeveralRequest[] = [];
    for (const p of positionals) {
      const [type, name] = p.split('/', 2);
      if (!p.includes('/')) return out.err(`error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n`).done(1);
      const resolved = resolveServedResource(type, ctx.cluster);
      if (!resolved) return out.err(resourceTypeError(type)).done(1);
      requests.push({ info: resolved, names: [name] });
      names.push(name);
    }
    info = requests[0].info;
    if (requests.some((r) => r.info !== info)) {
      if (watch || watchOnly) return out.err(notModelledText('watching several resource types at once')).done(1);
      return getSeveral(inv, out, requests, several);
    }
  } else {
    if (positionals[0].includes(',') || positionals[0].toLowerCase() === 'all') {
      if (watch || watchOnly) return out.err(notModelledText('watching several resource types at once')).done(1);
      const types = expandTypes(positionals[0], ctx.cluster);
      if (!types.ok) return out.err(types.error).done(1);
      const typedNames = positionals.length > 1 ? positionals.slice(1) : undefined;
      return getSeveral(inv, out, types.infos.map((i) => ({ info: i, names: typedNames })), several);
    }
    info = resolveServedResource(positionals[0], ctx.cluster);
    if (!info) return out.err(resourceTypeError(positionals[0])).done(1);
    names = positionals.slice(1);
  }
  if (!info) return out.err(resourceTypeError(positionals[0])).done(1);
  const resource: ResourceInfo = info;
  if (names.length > 0 && allNamespaces) return out.err('error: a resource cannot be retrieved by name across all namespaces\n').done(1);

  const namespace = resource.namespaced ? inv.namespace : undefined;
  // The API server sends this as a Warning header on every v1 Endpoints request (v1.33+); kubectl prints it first.
  if (resource.resource === 'endpoints') out.err('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
  const errors: string[] = [];
  let objects: AnyObject[] = [];
  if (names.length > 0) {
    for (const name of names) {
      const obj = ctx.cluster.get(resource.resource, namespace, name) as AnyObject | undefined;
      if (obj) objects.push(obj);
      else if (!bool(args, 'ignore-not-found')) errors.push(apiErrorText(notFound(qualifiedResource(resource), name)));
    }
  } else {
    objects = ctx.cluster.list(resource.resource, resource.namespaced && !allNamespaces ? namespace : undefined) as AnyObject[];
  }
  if (requirements?.ok) {
    const reqs = requirements.requirements;
    objects = objects.filter((o) => matchesSelector(o.metadata.labels, reqs));
  }
  if (fields) {
    const bad = unsupportedField(resource, fields.requirements);
    if (bad) return out.err(fieldSelectorError(resource, selectorText ?? '', fields.text, bad)).done(1);
    objects = objects.filter((o) => matchesFields(o, fields.requirements));
  }
  if (sortBy && !watch && !watchOnly) {
    const sorted = sortObjects(objects, sortBy, plainJson);
    if (!sorted.ok) return out.err(sorted.error).done(1);
    objects = sorted.objects;
  }
  if (sortBy && (watch || watchOnly)) out.err(`warning: --${watch ? 'watch' : 'watch-only'} requested, --sort-by will be ignored${watch ? ' for watch events received' : ''}\n`);

  switch (output) {
    case 'name':
      for (const o of objects) out.out(`${qualifiedSingular(resource)}/${o.metadata.name}\n`);
      break;
    case 'json':
    case 'yaml': {
      const body = names.length === 1 && objects.length === 1 ? objects[0] : asList(objects);
      if (names.length === 0 || objects.length > 0) out.out(output === 'json' ? toJson(body) : await toYaml(body));
      break;
    }
    case 'template': {
      if (!printer?.ok) break;
      const items = objects.map(plainJson);
      const single = names.length === 1 && objects.length === 1;
      if (names.length > 0 && objects.length === 0) break;
      const printed = printWithTemplate(printer.printer, single ? items[0] : asList(items), items, bool(args, 'no-headers'));
      if (!printed.ok) return out.err(printed.error).done(1);
      out.out(printed.text);
      break;
    }
    default: {
      const tableOptions: TableOptions = {
        wide: output === 'wide',
        withNamespace: allNamespaces && resource.namespaced,
        showLabels: bool(args, 'show-labels'),
        nowMs: ctx.cluster.now(),
      };
      const table = buildTable(ctx, resource, objects, tableOptions);
      const rows = bool(args, 'no-headers') ? table.rows : [table.headers, ...table.rows];
      if (watchOnly) {
        if (!bool(args, 'no-headers')) out.out(formatTable([table.headers]));
      } else if (table.rows.length > 0) out.out(formatTable(rows));
    }
  }
  if (watch || watchOnly) {
    const listNow = () => {
      let current = names.length > 0
        ? names.map((n) => ctx.cluster.get(resource.resource, namespace, n) as AnyObject | undefined).filter((o): o is AnyObject => !!o)
        : (ctx.cluster.list(resource.resource, resource.namespaced && !allNamespaces ? namespace : undefined) as AnyObject[]);
      if (requirements?.ok) {
        const reqs = requirements.requirements;
        current = current.filter((o) => matchesSelector(o.metadata.labels, reqs));
      }
      if (fields) current = current.filter((o) => matchesFields(o, fields.requirements));
      return current;
    };
    const rowOptions = () => ({ wide: output === 'wide', withNamespace: allNamespaces && resource.namespaced, showLabels: bool(args, 'show-labels'), nowMs: ctx.cluster.now() });
    if (ctx.terminal) {
      // Streaming: what was built so far goes to the screen now, the events follow it live.
      const first = out.done(0);
      ctx.terminal.write((first.stdout + first.stderr).replace(/\n/g, '\r\n'));
      const live = new OutputBuilder();
      await followWatch(ctx, { list: listNow, rows: (objs) => buildTable(ctx, resource, objs, rowOptions()).rows }, live);
      return live.done(ctx.signal?.aborted ? 130 : 0);
    }
    await followWatch(ctx, { list: listNow, rows: (objs) => buildTable(ctx, resource, objs, rowOptions()).rows }, out);
    return out.done(0);
  }
  for (const e of errors) out.err(e);
  if (objects.length === 0 && errors.length === 0 && output !== 'json' && output !== 'yaml' && output !== 'template' && !(bool(args, 'ignore-not-found') && names.length > 0)) {
    out.err(resource.namespaced && !allNamespaces ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n');
  }
  return out.done(errors.length ? 1 : 0);
}
