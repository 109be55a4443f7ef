// ClusterRoles (rbac.authorization.k8s.io/v1, cluster-scoped): rules validated by
// ValidatePolicyRule (rbac-validation.ts; non-resource URLs allowed), replaced whole on update;
// printClusterRole's Table: NAME and CREATED AT. The built-in ones (cluster-admin, admin, edit,
// view, system:*) come from the bootstrap policy (cluster/bootstrap/rbac-bootstrap-policy.ts).

import { rfc3339 } from '../time-format';
import { columns, type KindRegistry } from './kind-registry';
import { decodeRole, rbacMeta, ROLE_FIELDS, validateRole, type RoleRequest } from './rbac-validation';
import { setLabelsAndAnnotations } from './metadata-update';

export const clusterRoleRegistry: KindRegistry<'clusterroles', RoleRequest> = {
  info: { resource: 'clusterroles', singular: 'clusterrole', kind: 'ClusterRole', shortNames: [], namespaced: false, apiVersion: 'rbac.authorization.k8s.io/v1', group: 'rbac.authorization.k8s.io' },
  fields: ROLE_FIELDS,
  decode: decodeRole,
  create(req, ctx) {
    validateRole('ClusterRole', req);
    return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: rbacMeta(req, ctx.newUid(), rfc3339(ctx.now), false), ...(req.rules ? { rules: req.rules } : {}) };
  },
  update(old, req) {
    validateRole('ClusterRole', req);
    if (req.rules) old.rules = req.rules;
    else delete old.rules;
    setLabelsAndAnnotations(old.metadata, req.labels, req.annotations);
  },
  columns: columns(['NAME', 'CREATED AT']),
  cells: (r) => [r.metadata.name, r.metadata.creationTimestamp],
};
