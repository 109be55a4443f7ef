// kubectl api-resources: the resources this API server serves (cluster/resources.ts), in discovery
// order (the core group first, then groups as the server prefers them, resources sorted within a
// group), with --namespaced, --api-group, -o wide|name, --no-headers and --sort-by.

import { RESOURCES, type ResourceInfo } from '../../../cluster/resources';
import { isServed } from '../../../cluster/crd-served';
import { OutputBuilder } from '../../command-types';
import { bool, str } from './flags';
import { formatTable } from './printers/table-writer';
import { OPTIONS_TRAILER, type KubectlVerb } from './verb';

/** The API server's preferred group order (aggregator's priorities: built-in groups, then CRD groups by name), for the groups Flatnet serves. */
const GROUP_ORDER = ['', 'apps', 'batch', 'discovery.k8s.io', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'apiextensions.k8s.io', 'crd.projectcalico.org', 'gateway.networking.k8s.io'];
const VERBS: Record<string, string> = {
  namespaces: 'create,delete,get,list,patch,update,watch',
  nodes: 'create,delete,deletecollection,get,list,patch,update,watch',
};
const ALL_VERBS = 'create,delete,deletecollection,get,list,patch,update,watch';
const CATEGORIES: Record<string, string> = { pods: 'all', services: 'all', deployments: 'all', replicasets: 'all', daemonsets: 'all', statefulsets: 'all', jobs: 'all', cronjobs: 'all' };

export const apiResources: KubectlVerb = {
  name: 'api-resources',
  flags: [
    { name: 'namespaced', kind: 'string' },
    { name: 'api-group', kind: 'string' },
    { name: 'output', short: 'o', kind: 'string' },
    { name: 'no-headers', kind: 'bool' },
    { name: 'sort-by', kind: 'string' },
    { name: 'verbs', kind: 'strings' },
    { name: 'cached', kind: 'bool' },
    { name: 'categories', kind: 'strings' },
  ],
  help: `Print the supported API resources on the server.

Examples:
  # Print the supported API resources
  kubectl api-resources

  # Print the supported API resources with more information
  kubectl api-resources -o wide

  # Print the supported non-namespaced resources
  kubectl api-resources --namespaced=false

  # Print the supported API resources with a specific APIGroup
  kubectl api-resources --api-group=rbac.authorization.k8s.io

Usage:
  kubectl api-resources [flags] [options]

${OPTIONS_TRAILER}`,
  run(inv) {
    const out = new OutputBuilder();
    const { args } = inv;
    const output = str(args, 'output') ?? '';
    if (!['', 'wide', 'name'].includes(output)) return out.err(`error: --output ${output} is not available\n`).done(1);
    const sortBy = str(args, 'sort-by') ?? '';
    if (!['', 'name', 'kind'].includes(sortBy)) return out.err(`error: --sort-by accepts only name or kind\n`).done(1);
    const namespacedText = str(args, 'namespaced');
    if (namespacedText !== undefined && !['true', 'false'].includes(namespacedText)) {
      return out.err(`error: invalid argument "${namespacedText}" for "--namespaced" flag: strconv.ParseBool: parsing "${namespacedText}": invalid syntax\n`).done(1);
    }
    let items = Object.values(RESOURCES).filter((r) => isServed(r, inv.ctx.cluster)).sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) || a.resource.localeCompare(b.resource));
    if (namespacedText !== undefined) items = items.filter((r) => r.namespaced === (namespacedText === 'true'));
    const group = str(args, 'api-group');
    if (group !== undefined) items = items.filter((r) => r.group === group);
    const verbs = (args.flags.get('verbs') as string[] | undefined) ?? [];
    if (verbs.length) items = items.filter((r) => verbs.every((v) => verbsOf(r).split(',').includes(v)));
    if (sortBy === 'name') items = [...items].sort((a, b) => a.resource.localeCompare(b.resource));
    if (sortBy === 'kind') items = [...items].sort((a, b) => a.kind.localeCompare(b.kind));
    if (output === 'name') return out.out(items.map((r) => `${r.group ? `${r.resource}.${r.group}` : r.resource}\n`).join('')).done(0);
    const wide = output === 'wide';
    const headers = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])];
    const rows = items.map((r) => [r.resource, r.shortNames.join(','), r.apiVersion, String(r.namespaced), r.kind, ...(wide ? [`[${verbsOf(r).split(',').join(' ')}]`, CATEGORIES[r.resource] ?? ''] : [])]);
    return out.out(formatTable(bool(args, 'no-headers') ? rows : [headers, ...rows])).done(0);
  },
};

function verbsOf(r: ResourceInfo): string {
  return VERBS[r.resource] ?? ALL_VERBS;
}
