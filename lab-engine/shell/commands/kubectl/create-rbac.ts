// kubectl create serviceaccount | role | clusterrole | rolebinding | clusterrolebinding
// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_{serviceaccount,role,clusterrole,rolebinding,
// clusterrolebinding}.go): --verb and --resource are string slices (comma lists, repeatable),
// resources resolve through discovery (`po` is pods, `deployments.apps`, `pods/log`), one rule per
// API group in group order (generateResourcePolicyRules), --resource-name and a ClusterRole's
// --non-resource-url; bindings take --role or --clusterrole and repeatable --user, --group,
// --serviceaccount=NS:NAME. Messages in kubectl's words; the API server validates the rest.

import { isApiError, type ApiError } from '../../../kube/api-errors';
import type { PolicyRule, Subject } from '../../../kube/types';
import { resolveResource } from '../../../cluster/resources';
import type { OutputBuilder, CommandOutput } from '../../command-types';
import { str } from './flags';
import { apiErrorText, notModelledText, usageErrorText } from './kubectl-errors';
import type { VerbInvocation } from './verb';

export const RBAC_CREATE_FLAGS = [
  { name: 'verb', kind: 'strings' },
  { name: 'resource', kind: 'strings' },
  { name: 'resource-name', kind: 'strings' },
  { name: 'non-resource-url', kind: 'strings' },
  { name: 'aggregation-rule', kind: 'string' },
  { name: 'role', kind: 'string' },
  { name: 'clusterrole', kind: 'string' },
  { name: 'user', kind: 'strings' },
  { name: 'group', kind: 'strings' },
  { name: 'serviceaccount', kind: 'strings' },
] as const;

const RBAC = 'rbac.authorization.k8s.io';
const VALID_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];

type Sub = 'serviceaccount' | 'role' | 'clusterrole' | 'rolebinding' | 'clusterrolebinding';

const slice = (inv: VerbInvocation, name: string) => ((inv.args.flags.get(name) as string[] | undefined) ?? []).flatMap((v) => v.split(',')).filter((v) => v !== '');
const array = (inv: VerbInvocation, name: string) => (inv.args.flags.get(name) as string[] | undefined) ?? [];
const uniq = (l: string[]) => [...new Set(l)];

export function createRbac(sub: Sub, inv: VerbInvocation, out: OutputBuilder, names: string[]): CommandOutput {
  const command = `kubectl create ${sub}`;
  if (names.length !== 1) return out.err(usageErrorText(`exactly one NAME is required, got ${names.length}`, command)).done(1);
  const [name] = names;
  switch (sub) {
    case 'serviceaccount':
      return send(out, () => inv.ctx.cluster.api.create('serviceaccounts', { name, namespace: inv.namespace }), `serviceaccount/${name} created`, 'serviceaccount');
    case 'role':
    case 'clusterrole':
      return createRole(sub, inv, out, name);
    case 'rolebinding':
    case 'clusterrolebinding':
      return createBinding(sub, inv, out, name);
    default: {
      const never: never = sub;
      return never;
    }
  }
}

/** The API error as CheckErr prints it, or wrapped in `failed to create <kind>:` where kubectl wraps it. */
function send(out: OutputBuilder, create: () => unknown, done: string, wrapAs?: string): CommandOutput {
  try {
    create();
  } catch (error) {
    if (!isApiError(error)) throw error;
    const text = wrapAs ? `error: failed to create ${wrapAs}: ${(error as ApiError).message}\n` : apiErrorText(error as ApiError);
    return out.err(text).done(1);
  }
  return out.out(`${done}\n`).done(0);
}

function createRole(sub: 'role' | 'clusterrole', inv: VerbInvocation, out: OutputBuilder, name: string): CommandOutput {
  if (str(inv.args, 'aggregation-rule') !== undefined) return out.err(notModelledText('--aggregation-rule')).done(1);
  let verbs = uniq(slice(inv, 'verb'));
  if (verbs.includes('*')) verbs = ['*'];
  const urls = sub === 'clusterrole' ? slice(inv, 'non-resource-url') : [];
  const resources = slice(inv, 'resource');
  if (!verbs.length) return out.err('error: at least one verb must be specified\n').done(1);
  if (sub === 'role' || !urls.length) {
    for (const v of verbs) if (!VALID_VERBS.includes(v)) out.err(`Warning: '${v}' is not a standard resource verb\n`);
  }
  if (!resources.length && !urls.length) return out.err(sub === 'role' ? 'error: at least one resource must be specified\n' : 'error: one of resource or nonResourceURL must be specified\n').done(1);
  if (urls.length) {
    for (const v of verbs) if (!NON_RESOURCE_VERBS.includes(v)) return out.err(`error: invalid verb: '${v}' for nonResourceURL\n`).done(1);
    for (const u of urls) {
      if (!u.startsWith('/')) return out.err('error: nonResourceURL should start with /\n').done(1);
      if (u.slice(0, -1).includes('*')) return out.err("error: nonResourceURL only supports wildcard matches when '*' is at the end\n").done(1);
    }
  }
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const [typed, subresource] = r.split(/\/(.*)/s, 2);
    const dot = typed.indexOf('.');
    const [resource, group] = dot < 0 ? [typed, ''] : [typed.slice(0, dot), typed.slice(dot + 1)];
    if (!resource) return out.err('error: resource must be specified if apiGroup/subresource specified\n').done(1);
    let resolved = { resource, group };
    if (resource !== '*') {
      const info = resolveResource(group ? `${resource}.${group}` : resource);
      if (!info) return out.err(`error: the server doesn't have a resource type "${resource}"\n`).done(1);
      resolved = { resource: info.resource, group: info.group };
    }
    const full = subresource !== undefined ? `${resolved.resource}/${subresource}` : resolved.resource;
    const list = byGroup.get(resolved.group) ?? [];
    if (!list.includes(full)) list.push(full);
    byGroup.set(resolved.group, list);
  }
  const resourceNames = uniq(array(inv, 'resource-name'));
  const rules: PolicyRule[] = [...byGroup.keys()].sort().map((g) => ({ verbs, apiGroups: [g], resources: byGroup.get(g)!, ...(resourceNames.length ? { resourceNames } : {}) }));
  if (urls.length) rules.push({ verbs, nonResourceURLs: urls });
  const printed = `${sub}.${RBAC}/${name} created`;
  if (sub === 'role') return send(out, () => inv.ctx.cluster.api.create('roles', { name, namespace: inv.namespace, rules }), printed);
  return send(out, () => inv.ctx.cluster.api.create('clusterroles', { name, namespace: '', rules }), printed);
}

function createBinding(sub: 'rolebinding' | 'clusterrolebinding', inv: VerbInvocation, out: OutputBuilder, name: string): CommandOutput {
  const role = sub === 'rolebinding' ? (str(inv.args, 'role') ?? '') : '';
  const clusterRole = str(inv.args, 'clusterrole') ?? '';
  if (sub === 'clusterrolebinding' && !clusterRole) return out.err('error: required flag(s) "clusterrole" not set\n').done(1);
  if (sub === 'rolebinding' && !role === !clusterRole) return out.err('error: exactly one of clusterrole or role must be specified\n').done(1);
  const subjects: Subject[] = [
    ...array(inv, 'user').map((n) => ({ kind: 'User', apiGroup: RBAC, name: n })),
    ...array(inv, 'group').map((n) => ({ kind: 'Group', apiGroup: RBAC, name: n })),
  ];
  for (const sa of array(inv, 'serviceaccount')) {
    const tokens = sa.split(':');
    if (tokens.length !== 2 || !tokens[0] || !tokens[1]) return out.err('error: serviceaccount must be <namespace>:<name>\n').done(1);
    subjects.push({ kind: 'ServiceAccount', namespace: tokens[0], name: tokens[1] });
  }
  const roleRef = { apiGroup: RBAC, kind: role ? 'Role' : 'ClusterRole', name: role || clusterRole };
  const req = { name, roleRef, ...(subjects.length ? { subjects } : {}) };
  const printed = `${sub}.${RBAC}/${name} created`;
  if (sub === 'rolebinding') return send(out, () => inv.ctx.cluster.api.create('rolebindings', { ...req, namespace: inv.namespace }), printed, 'rolebinding');
  return send(out, () => inv.ctx.cluster.api.create('clusterrolebindings', { ...req, namespace: '' }), printed, 'clusterrolebinding');
}
