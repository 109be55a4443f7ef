// ReferenceGrants (gateway.networking.k8s.io/v1beta1, namespaced, short name refgrant), served once
// the Gateway API CRDs are installed: a grant in the namespace of the thing referred to (a
// Service) lets routes in the namespaces it names refer to it. The CRD prints only Age.

import type { ReferenceGrant } from '../../kube/types';
import { customMeta, refuseInvalid } from './custom-object';
import { GATEWAY_API_GROUP, referenceGrantRequest, type GatewayApiRequest } from './gateway-api-decode';
import { columns, type KindRegistry } from './kind-registry';
import { setLabelsAndAnnotations } from './metadata-update';
import { ageSince } from './table-cells';

function causes(spec: ReferenceGrant['spec']): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (spec.from.length === 0) out.push({ field: 'spec.from', message: 'Required value' });
  if (spec.to.length === 0) out.push({ field: 'spec.to', message: 'Required value' });
  spec.from.forEach((f, i) => {
    if (!f.namespace) out.push({ field: `spec.from[${i}].namespace`, message: 'Required value' });
    if (!f.kind) out.push({ field: `spec.from[${i}].kind`, message: 'Required value' });
  });
  return out;
}

export const referenceGrantRegistry: KindRegistry<'referencegrants', GatewayApiRequest<ReferenceGrant['spec']>> = {
  info: { resource: 'referencegrants', singular: 'referencegrant', kind: 'ReferenceGrant', shortNames: ['refgrant'], namespaced: true, apiVersion: 'gateway.networking.k8s.io/v1beta1', group: GATEWAY_API_GROUP, definedBy: 'referencegrants.gateway.networking.k8s.io' },
  decode: (o, namespace) => referenceGrantRequest(o, namespace),
  create(req, ctx) {
    refuseInvalid('ReferenceGrant', GATEWAY_API_GROUP, req.name, causes(req.spec));
    const { generation: _generation, ...metadata } = customMeta(req, ctx, true);
    return { apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata, spec: req.spec };
  },
  update(old, req) {
    refuseInvalid('ReferenceGrant', GATEWAY_API_GROUP, req.name, causes(req.spec));
    old.spec = req.spec;
    setLabelsAndAnnotations(old.metadata, req.labels, req.annotations);
  },
  columns: columns(['NAME', 'AGE']),
  cells: (g, o) => [g.metadata.name, ageSince(g.metadata.creationTimestamp, o.nowMs)],
};
