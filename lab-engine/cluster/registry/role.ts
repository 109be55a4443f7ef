// Roles (rbac.authorization.k8s.io/v1, namespaced): rules validated by ValidatePolicyRule
// (rbac-validation.ts; a Role may not name non-resource URLs), replaced whole on update, and
// printRole's Table: NAME and CREATED AT (the RFC 3339 creation time, not an age).

import { rfc3339 } from '../time-format';
import { columns, type KindRegistry } from './kind-registry';
import { decodeRole, rbacMeta, ROLE_FIELDS, validateRole, type RoleRequest } from './rbac-validation';
import { setLabelsAndAnnotations } from './metadata-update';

export const roleRegistry: KindRegistry<'roles', RoleRequest> = {
  info: { resource: 'roles', singular: 'role', kind: 'Role', shortNames: [], namespaced: true, apiVersion: 'rbac.authorization.k8s.io/v1', group: 'rbac.authorization.k8s.io' },
  fields: ROLE_FIELDS,
  decode: decodeRole,
  create(req, ctx) {
    validateRole('Role', req);
    return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: rbacMeta(req, ctx.newUid(), rfc3339(ctx.now), true), ...(req.rules ? { rules: req.rules } : {}) };
  },
  update(old, req) {
    validateRole('Role', req);
    if (req.rules) old.rules = req.rules;
    else delete old.rules;
    setLabelsAndAnnotations(old.metadata, req.labels, req.annotations);
  },
  columns: columns(['NAME', 'CREATED AT']),
  cells: (r) => [r.metadata.name, r.metadata.creationTimestamp],
};
