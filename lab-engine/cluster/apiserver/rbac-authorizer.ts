// The RBAC authorizer (plugin/pkg/auth/authorizer/rbac): which rules apply to a user (every
// ClusterRoleBinding naming the user, one of their groups or their service account, and the
// RoleBindings of the request's namespace) and whether one of them covers a request (rbac/v1
// helpers VerbMatches, APIGroupMatches, ResourceMatches with subresources and `*/sub`,
// ResourceNameMatches, NonResourceURLMatches with a trailing `*`). The `system:masters` group is
// the API server's privileged group and is allowed before RBAC runs. Serves
// SelfSubjectAccessReview and SelfSubjectRulesReview for `kubectl auth can-i`.

import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from '../../kube/types';

export interface UserInfo {
  name: string;
  groups: readonly string[];
}

export type AccessRequest =
  | { kind: 'resource'; verb: string; group: string; resource: string; subresource?: string; name?: string; namespace: string }
  | { kind: 'nonResource'; verb: string; path: string };

/** The reads the authorizer needs (the API server's informers). */
export interface RbacReader {
  clusterRoleBindings(): readonly ClusterRoleBinding[];
  roleBindings(namespace: string): readonly RoleBinding[];
  clusterRole(name: string): ClusterRole | undefined;
  role(namespace: string, name: string): Role | undefined;
}

const SA_PREFIX = 'system:serviceaccount:';

/** The groups the authenticator (or impersonation) gives a user name. */
export function impersonatedUser(name: string, extraGroups: readonly string[] = []): UserInfo {
  const groups = [...extraGroups];
  if (name.startsWith(SA_PREFIX)) {
    const ns = name.slice(SA_PREFIX.length).split(':')[0];
    groups.push('system:serviceaccounts', `system:serviceaccounts:${ns}`);
  }
  if (name !== 'system:anonymous' && !groups.includes('system:authenticated') && !groups.includes('system:unauthenticated')) groups.push('system:authenticated');
  return { name, groups };
}

function appliesTo(subject: Subject, user: UserInfo, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return subject.name === user.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount':
      return user.name === `${SA_PREFIX}${subject.namespace || bindingNamespace}:${subject.name}`;
    default:
      return false;
  }
}

/** RulesFor: the rules of every role bound to the user, cluster-wide and in `namespace`. */
export function rulesFor(rbac: RbacReader, user: UserInfo, namespace: string): PolicyRule[] {
  const rules: PolicyRule[] = [];
  for (const b of rbac.clusterRoleBindings()) {
    if (!(b.subjects ?? []).some((s) => appliesTo(s, user, ''))) continue;
    if (b.roleRef.kind === 'ClusterRole') rules.push(...(rbac.clusterRole(b.roleRef.name)?.rules ?? []));
  }
  if (namespace) {
    for (const b of rbac.roleBindings(namespace)) {
      if (!(b.subjects ?? []).some((s) => appliesTo(s, user, namespace))) continue;
      const role = b.roleRef.kind === 'ClusterRole' ? rbac.clusterRole(b.roleRef.name) : rbac.role(namespace, b.roleRef.name);
      rules.push(...(role?.rules ?? []));
    }
  }
  return rules;
}

export function authorize(rbac: RbacReader, user: UserInfo, req: AccessRequest): boolean {
  if (user.groups.includes('system:masters')) return true;
  return rulesFor(rbac, user, req.kind === 'resource' ? req.namespace : '').some((r) => ruleAllows(r, req));
}

function ruleAllows(rule: PolicyRule, req: AccessRequest): boolean {
  if (!rule.verbs.includes('*') && !rule.verbs.includes(req.verb)) return false;
  if (req.kind === 'nonResource') return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === req.path || (u.endsWith('*') && req.path.startsWith(u.slice(0, -1))));
  const groups = rule.apiGroups ?? [];
  if (!groups.includes('*') && !groups.includes(req.group)) return false;
  const combined = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
  const resources = rule.resources ?? [];
  const resourceOk = resources.some((r) => r === '*' || r === combined || (!!req.subresource && r === `*/${req.subresource}`));
  if (!resourceOk) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (!!req.name && names.includes(req.name));
}
