// ClusterRoleBindings (rbac.authorization.k8s.io/v1, cluster-scoped): ValidateClusterRoleBinding
// (roleRef to a ClusterRole only, a ServiceAccount subject names its namespace;
// rbac-validation.ts), the immutable roleRef, and the same Table as RoleBindings.

import { rfc3339 } from '../time-format';
import { columns, type KindRegistry } from './kind-registry';
import { BINDING_FIELDS, decodeBinding, rbacMeta, subjectCells, validateBinding, type BindingRequest } from './rbac-validation';
import { ageSince } from './table-cells';
import { setLabelsAndAnnotations } from './metadata-update';

export const clusterRoleBindingRegistry: KindRegistry<'clusterrolebindings', BindingRequest> = {
  info: { resource: 'clusterrolebindings', singular: 'clusterrolebinding', kind: 'ClusterRoleBinding', shortNames: [], namespaced: false, apiVersion: 'rbac.authorization.k8s.io/v1', group: 'rbac.authorization.k8s.io' },
  fields: BINDING_FIELDS,
  decode: decodeBinding,
  create(req, ctx) {
    validateBinding('ClusterRoleBinding', req);
    return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: rbacMeta(req, ctx.newUid(), rfc3339(ctx.now), false), roleRef: req.roleRef, ...(req.subjects ? { subjects: req.subjects } : {}) };
  },
  update(old, req) {
    validateBinding('ClusterRoleBinding', req, old);
    if (req.subjects) old.subjects = req.subjects;
    else delete old.subjects;
    setLabelsAndAnnotations(old.metadata, req.labels, req.annotations);
  },
  columns: columns(['NAME', 'ROLE', 'AGE'], ['USERS', 'GROUPS', 'SERVICEACCOUNTS']),
  cells: (b, o) => [b.metadata.name, `${b.roleRef.kind}/${b.roleRef.name}`, ageSince(b.metadata.creationTimestamp, o.nowMs), ...subjectCells(b.subjects)],
};
