// IngressClasses (networking.k8s.io/v1, cluster-scoped): validation (ingress-admission.ts), the
// immutable spec.controller, and printIngressClass's Table (PARAMETERS as kind.group/name).

import { invalid } from '../../kube/api-errors';
import { admitIngressClass, type IngressClassRequest } from '../ingress-admission';
import { rfc3339 } from '../time-format';
import { ingressClassRequest } from './ingress-decode';
import { columns, type KindRegistry } from './kind-registry';
import { ROOT } from './strict-fields';
import { ageSince } from './table-cells';
import { writeOver } from './update-helpers';

export const ingressClassRegistry: KindRegistry<'ingressclasses', IngressClassRequest> = {
  info: { resource: 'ingressclasses', singular: 'ingressclass', kind: 'IngressClass', shortNames: [], namespaced: false, apiVersion: 'networking.k8s.io/v1', group: 'networking.k8s.io' },
  fields: ROOT({ controller: true, parameters: { apiGroup: true, kind: true, name: true, namespace: true, scope: true } }),
  decode: (o) => ingressClassRequest(o),
  create: (req, ctx) => admitIngressClass(req, ctx.newUid(), rfc3339(ctx.now)),
  update(old, req) {
    const next = admitIngressClass(req, old.metadata.uid, old.metadata.creationTimestamp);
    if (old.spec.controller !== next.spec.controller) throw invalid('IngressClass', req.name, [{ field: 'spec.controller', message: `Invalid value: "${next.spec.controller}": field is immutable` }], 'networking.k8s.io');
    writeOver(old, next, ['spec']);
  },
  columns: columns(['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE']),
  cells(c, o) {
    const p = c.spec.parameters;
    const params = p ? `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>';
    return [c.metadata.name, c.spec.controller, params, ageSince(c.metadata.creationTimestamp, o.nowMs)];
  },
};
