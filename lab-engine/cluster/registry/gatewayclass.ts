// GatewayClasses (gateway.networking.k8s.io/v1, cluster-scoped), served once the Gateway API CRDs
// are installed. Columns are the CRD's additionalPrinterColumns: Controller, Accepted, Age, and
// Description with -o wide (priority 1).

import { conditionCell, customMeta, refuseInvalid, updateSpec } from './custom-object';
import { gatewayClassRequest, GATEWAY_API_GROUP, type GatewayApiRequest } from './gateway-api-decode';
import { columns, type KindRegistry } from './kind-registry';
import { ageSince } from './table-cells';
import type { GatewayClass } from '../../kube/types';

export const gatewayClassRegistry: KindRegistry<'gatewayclasses', GatewayApiRequest<GatewayClass['spec']>> = {
  info: { resource: 'gatewayclasses', singular: 'gatewayclass', kind: 'GatewayClass', shortNames: ['gc'], namespaced: false, apiVersion: 'gateway.networking.k8s.io/v1', group: GATEWAY_API_GROUP, definedBy: 'gatewayclasses.gateway.networking.k8s.io', alsoServedAs: ['gateway.networking.k8s.io/v1beta1'] },
  decode: (o) => gatewayClassRequest(o),
  create(req, ctx) {
    refuseInvalid('GatewayClass', GATEWAY_API_GROUP, req.name, req.spec.controllerName ? [] : [{ field: 'spec.controllerName', message: 'Required value' }]);
    // The CRD's schema defaults status to Accepted Unknown "Waiting for controller" until a controller claims the class.
    const waiting = { type: 'Accepted', status: 'Unknown' as const, observedGeneration: 0, lastTransitionTime: '1970-01-01T00:00:00Z', reason: 'Pending', message: 'Waiting for controller' };
    return { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: customMeta(req, ctx, false), spec: req.spec, status: { conditions: [waiting] } };
  },
  update(old, req) {
    if (old.spec.controllerName !== req.spec.controllerName) refuseInvalid('GatewayClass', GATEWAY_API_GROUP, req.name, [{ field: 'spec.controllerName', message: 'Invalid value: "string": Value is immutable' }]);
    updateSpec(old, req);
  },
  columns: columns(['NAME', 'CONTROLLER', 'ACCEPTED', 'AGE'], ['DESCRIPTION']),
  cells: (c, o) => [c.metadata.name, c.spec.controllerName, conditionCell(c.status.conditions, 'Accepted'), ageSince(c.metadata.creationTimestamp, o.nowMs), c.spec.description ?? ''],
};
