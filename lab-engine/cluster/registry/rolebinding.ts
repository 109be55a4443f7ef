// RoleBindings (rbac.authorization.k8s.io/v1, namespaced): ValidateRoleBinding (roleRef to a Role
// or ClusterRole, subjects by kind; rbac-validation.ts), ValidateRoleBindingUpdate's immutable
// roleRef (`cannot change roleRef`), and printRoleBinding's Table: NAME, ROLE as Kind/name, AGE;
// USERS, GROUPS, SERVICEACCOUNTS with -o wide.

import { rfc3339 } from '../time-format';
import { columns, type KindRegistry } from './kind-registry';
import { BINDING_FIELDS, decodeBinding, rbacMeta, subjectCells, validateBinding, type BindingRequest } from './rbac-validation';
import { ageSince } from './table-cells';
import { setLabelsAndAnnotations } from './metadata-update';

export const roleBindingRegistry: KindRegistry<'rolebindings', BindingRequest> = {
  info: { resource: 'rolebindings', singular: 'rolebinding', kind: 'RoleBinding', shortNames: [], namespaced: true, apiVersion: 'rbac.authorization.k8s.io/v1', group: 'rbac.authorization.k8s.io' },
  fields: BINDING_FIELDS,
  decode: decodeBinding,
  create(req, ctx) {
    validateBinding('RoleBinding', req);
    return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: rbacMeta(req, ctx.newUid(), rfc3339(ctx.now), true), roleRef: req.roleRef, ...(req.subjects ? { subjects: req.subjects } : {}) };
  },
  update(old, req) {
    validateBinding('RoleBinding', req, old);
    if (req.subjects) old.subjects = req.subjects;
    else delete old.subjects;
    setLabelsAndAnnotations(old.metadata, req.labels, req.annotations);
  },
  columns: columns(['NAME', 'ROLE', 'AGE'], ['USERS', 'GROUPS', 'SERVICEACCOUNTS']),
  cells: (b, o) => [b.metadata.name, `${b.roleRef.kind}/${b.roleRef.name}`, ageSince(b.metadata.creationTimestamp, o.nowMs), ...subjectCells(b.subjects)],
};
