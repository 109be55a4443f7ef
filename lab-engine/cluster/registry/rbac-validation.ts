// What the RBAC kinds share on the server: decoding of rules, roleRef and subjects, v1 defaulting
// of a subject's apiGroup (SetDefaults_Subject) and pkg/apis/rbac/validation's texts
// (ValidatePolicyRule, ValidateRoleBinding, ValidateRoleBindingSubject, ValidateRBACName = a path
// segment name), plus the immutable roleRef of ValidateRoleBindingUpdate.

import { invalid, type StatusCause } from '../../kube/api-errors';
import type { ObjectMeta, PolicyRule, RoleRef, Subject } from '../../kube/types';
import { arr, metaOf, obj, str, strList, type Obj, type ObjectMetaRequest } from './decode';
import { METADATA, type FieldTree } from './strict-fields';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RULE: FieldTree = { verbs: true, apiGroups: true, resources: true, resourceNames: true, nonResourceURLs: true };
export const ROLE_FIELDS: FieldTree = { apiVersion: true, kind: true, metadata: METADATA, rules: RULE, aggregationRule: { clusterRoleSelectors: '*' } };
export const BINDING_FIELDS: FieldTree = { apiVersion: true, kind: true, metadata: METADATA, roleRef: { apiGroup: true, kind: true, name: true }, subjects: { kind: true, apiGroup: true, name: true, namespace: true } };

export type RoleRequest = ObjectMetaRequest & { rules?: PolicyRule[] };
export type BindingRequest = ObjectMetaRequest & { roleRef: RoleRef; subjects?: Subject[] };

export function decodeRole(o: Obj, namespace: string): RoleRequest {
  const rules = arr(o.rules, 'Role.rules')?.map((r) => {
    const ro = obj(r, 'Role.rules') ?? {};
    const rule: PolicyRule = { verbs: strList(ro.verbs, 'PolicyRule.verbs') ?? [] };
    for (const key of ['apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const) {
      const list = strList(ro[key], `PolicyRule.${key}`);
      if (list) rule[key] = list;
    }
    return rule;
  });
  return { ...metaOf(o, namespace), ...(rules ? { rules } : {}) };
}

export function decodeBinding(o: Obj, namespace: string): BindingRequest {
  const ref = obj(o.roleRef, 'RoleBinding.roleRef') ?? {};
  const subjects = arr(o.subjects, 'RoleBinding.subjects')?.map((s) => {
    const so = obj(s, 'RoleBinding.subjects') ?? {};
    const kind = str(so.kind, 'Subject.kind') ?? '';
    const apiGroup = str(so.apiGroup, 'Subject.apiGroup') || (kind === 'User' || kind === 'Group' ? RBAC_GROUP : '');
    const ns = str(so.namespace, 'Subject.namespace');
    return { kind, ...(apiGroup ? { apiGroup } : {}), name: str(so.name, 'Subject.name') ?? '', ...(ns ? { namespace: ns } : {}) };
  });
  const roleRef = { apiGroup: str(ref.apiGroup, 'RoleRef.apiGroup') ?? '', kind: str(ref.kind, 'RoleRef.kind') ?? '', name: str(ref.name, 'RoleRef.name') ?? '' };
  return { ...metaOf(o, namespace), roleRef, ...(subjects ? { subjects } : {}) };
}

/** ValidateRBACName: a name usable as one URL path segment. */
function pathSegmentCauses(name: string, field: string): StatusCause[] {
  if (name === '.' || name === '..') return [{ field, message: `Invalid value: "${name}": may not be '${name}'` }];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => ({ field, message: `Invalid value: "${name}": may not contain '${c}'` }));
}

function nameCauses(name: string): StatusCause[] {
  if (!name) return [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }];
  return pathSegmentCauses(name, 'metadata.name');
}

const goList = (l: string[]) => `[]string{${l.map((s) => `"${s}"`).join(', ')}}`;

export function validateRole(kind: 'Role' | 'ClusterRole', req: RoleRequest): void {
  const causes = nameCauses(req.name);
  (req.rules ?? []).forEach((r, i) => {
    const p = `rules[${i}]`;
    if (!r.verbs.length) causes.push({ field: `${p}.verbs`, message: 'Required value: verbs must contain at least one value' });
    if (r.nonResourceURLs?.length) {
      if (kind === 'Role') causes.push({ field: `${p}.nonResourceURLs`, message: `Invalid value: ${goList(r.nonResourceURLs)}: namespaced rules cannot apply to non-resource URLs` });
      if (r.apiGroups?.length || r.resources?.length || r.resourceNames?.length) causes.push({ field: `${p}.nonResourceURLs`, message: `Invalid value: ${goList(r.nonResourceURLs)}: rules cannot apply to both regular resources and non-resource URLs` });
      return;
    }
    if (!r.apiGroups?.length) causes.push({ field: `${p}.apiGroups`, message: 'Required value: resource rules must supply at least one api group' });
    if (!r.resources?.length) causes.push({ field: `${p}.resources`, message: 'Required value: resource rules must supply at least one resource' });
  });
  if (causes.length) throw invalid(kind, req.name, causes, RBAC_GROUP);
}

const unsupported = (value: string, supported: string[]) => `Unsupported value: "${value}": supported values: ${supported.map((s) => `"${s}"`).join(', ')}`;

export function validateBinding(kind: 'RoleBinding' | 'ClusterRoleBinding', req: BindingRequest, old?: { roleRef: RoleRef }): void {
  const causes = nameCauses(req.name);
  const ref = req.roleRef;
  if (ref.apiGroup !== RBAC_GROUP) causes.push({ field: 'roleRef.apiGroup', message: unsupported(ref.apiGroup, [RBAC_GROUP]) });
  const kinds = kind === 'RoleBinding' ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) causes.push({ field: 'roleRef.kind', message: unsupported(ref.kind, kinds) });
  if (!ref.name) causes.push({ field: 'roleRef.name', message: 'Required value' });
  else causes.push(...pathSegmentCauses(ref.name, 'roleRef.name'));
  (req.subjects ?? []).forEach((s, i) => causes.push(...subjectCauses(s, kind === 'RoleBinding', `subjects[${i}]`)));
  if (old && (old.roleRef.apiGroup !== ref.apiGroup || old.roleRef.kind !== ref.kind || old.roleRef.name !== ref.name)) {
    causes.push({ field: 'roleRef', message: `Invalid value: rbac.RoleRef{APIGroup:"${ref.apiGroup}", Kind:"${ref.kind}", Name:"${ref.name}"}: cannot change roleRef` });
  }
  if (causes.length) throw invalid(kind, req.name, causes, RBAC_GROUP);
}

function subjectCauses(s: Subject, namespaced: boolean, p: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!s.name) causes.push({ field: `${p}.name`, message: 'Required value' });
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.apiGroup) causes.push({ field: `${p}.apiGroup`, message: unsupported(s.apiGroup, ['']) });
      if (!namespaced && !s.namespace) causes.push({ field: `${p}.namespace`, message: 'Required value' });
      break;
    case 'User':
    case 'Group':
      if (s.apiGroup !== RBAC_GROUP) causes.push({ field: `${p}.apiGroup`, message: unsupported(s.apiGroup ?? '', [RBAC_GROUP]) });
      break;
    default:
      causes.push({ field: `${p}.kind`, message: unsupported(s.kind, ['ServiceAccount', 'User', 'Group']) });
  }
  return causes;
}

/** The stored object's metadata for a new RBAC object. */
export function rbacMeta(req: ObjectMetaRequest, uid: string, createdAt: string, namespaced: boolean): ObjectMeta {
  return {
    name: req.name,
    ...(namespaced ? { namespace: req.namespace } : {}),
    uid,
    resourceVersion: '',
    creationTimestamp: createdAt,
    ...(req.labels && Object.keys(req.labels).length ? { labels: { ...req.labels } } : {}),
    ...(req.annotations && Object.keys(req.annotations).length ? { annotations: { ...req.annotations } } : {}),
  };
}

/** printRoleBinding's wide cells (rbac.SubjectsStrings): users, groups, service accounts as ns/name. */
export function subjectCells(subjects: Subject[] | undefined): string[] {
  const of = (kind: string) => (subjects ?? []).filter((s) => s.kind === kind);
  return [of('User').map((s) => s.name).join(', '), of('Group').map((s) => s.name).join(', '), of('ServiceAccount').map((s) => `${s.namespace ?? ''}/${s.name}`).join(', ')];
}
