// Gateways (gateway.networking.k8s.io/v1, namespaced, short name gtw), served once the Gateway API
// CRDs are installed. Columns are the CRD's additionalPrinterColumns: Class, Address
// (.status.addresses[*].value), Programmed, Age.

import { conditionCell, customMeta, refuseInvalid, updateSpec } from './custom-object';
import { gatewayCauses, gatewayRequest, GATEWAY_API_GROUP, type GatewayApiRequest } from './gateway-api-decode';
import { columns, type KindRegistry } from './kind-registry';
import { ageSince } from './table-cells';
import type { Gateway } from '../../kube/types';

/** The status a Gateway has before any controller writes it (the CRD's schema default). */
function pendingStatus(): Gateway['status'] {
  const at = '1970-01-01T00:00:00Z';
  return {
    conditions: [
      { type: 'Accepted', status: 'Unknown', observedGeneration: 0, lastTransitionTime: at, reason: 'Pending', message: 'Waiting for controller' },
      { type: 'Programmed', status: 'Unknown', observedGeneration: 0, lastTransitionTime: at, reason: 'Pending', message: 'Waiting for controller' },
    ],
  };
}

export const gatewayRegistry: KindRegistry<'gateways', GatewayApiRequest<Gateway['spec']>> = {
  info: { resource: 'gateways', singular: 'gateway', kind: 'Gateway', shortNames: ['gtw'], namespaced: true, apiVersion: 'gateway.networking.k8s.io/v1', group: GATEWAY_API_GROUP, definedBy: 'gateways.gateway.networking.k8s.io', alsoServedAs: ['gateway.networking.k8s.io/v1beta1'] },
  decode: (o, namespace) => gatewayRequest(o, namespace),
  create(req, ctx) {
    refuseInvalid('Gateway', GATEWAY_API_GROUP, req.name, gatewayCauses(req.spec));
    return { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: customMeta(req, ctx, true), spec: req.spec, status: pendingStatus() };
  },
  update(old, req) {
    refuseInvalid('Gateway', GATEWAY_API_GROUP, req.name, gatewayCauses(req.spec));
    updateSpec(old, req);
  },
  columns: columns(['NAME', 'CLASS', 'ADDRESS', 'PROGRAMMED', 'AGE']),
  cells: (g, o) => [g.metadata.name, g.spec.gatewayClassName, (g.status.addresses ?? []).map((a) => a.value).join(','), conditionCell(g.status.conditions, 'Programmed'), ageSince(g.metadata.creationTimestamp, o.nowMs)],
};
