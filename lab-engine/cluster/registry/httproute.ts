// HTTPRoutes (gateway.networking.k8s.io/v1, namespaced), served once the Gateway API CRDs are
// installed. Columns are the CRD's additionalPrinterColumns: Hostnames (the list as its jsonPath
// prints it, `["shop.example.com"]`) and Age.

import { customMeta, refuseInvalid, updateSpec } from './custom-object';
import { httpRouteCauses, httpRouteRequest, GATEWAY_API_GROUP, type GatewayApiRequest } from './gateway-api-decode';
import { columns, type KindRegistry } from './kind-registry';
import { ageSince } from './table-cells';
import type { HTTPRoute } from '../../kube/types';

export const httpRouteRegistry: KindRegistry<'httproutes', GatewayApiRequest<HTTPRoute['spec']>> = {
  info: { resource: 'httproutes', singular: 'httproute', kind: 'HTTPRoute', shortNames: [], namespaced: true, apiVersion: 'gateway.networking.k8s.io/v1', group: GATEWAY_API_GROUP, definedBy: 'httproutes.gateway.networking.k8s.io', alsoServedAs: ['gateway.networking.k8s.io/v1beta1'] },
  decode: (o, namespace) => httpRouteRequest(o, namespace),
  create(req, ctx) {
    refuseInvalid('HTTPRoute', GATEWAY_API_GROUP, req.name, httpRouteCauses(req.spec));
    return { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: customMeta(req, ctx, true), spec: req.spec, status: { parents: [] } };
  },
  update(old, req) {
    refuseInvalid('HTTPRoute', GATEWAY_API_GROUP, req.name, httpRouteCauses(req.spec));
    updateSpec(old, req);
  },
  columns: columns(['NAME', 'HOSTNAMES', 'AGE']),
  cells: (r, o) => [r.metadata.name, r.spec.hostnames?.length ? JSON.stringify(r.spec.hostnames) : '', ageSince(r.metadata.creationTimestamp, o.nowMs)],
};
