// What the API server does to a NetworkPolicy: defaulting (policyTypes from the rules present,
// as SetDefaults_NetworkPolicy; an absent podSelector is the empty selector, since the Go field
// is a struct) and the validation a hand-written policy trips over (pkg/apis/networking/validation:
// a port's protocol, endPort without port, ipBlock CIDRs).

import type { StatusCause } from '../kube/api-errors';
import { invalid } from '../kube/api-errors';
import { validateLabelName } from './pod-admission';
import type { NetworkPolicy } from '../kube/types';
import { policyTypesOf } from '../kube/network-policy';

export interface NetworkPolicyRequest {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  spec: Partial<NetworkPolicy['spec']>;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function admitNetworkPolicy(req: NetworkPolicyRequest, uid: string, createdAt: string): NetworkPolicy {
  const causes = [...validateLabelName(req.name).map((c) => ({ ...c, field: 'metadata.name' })), ...validateSpec(req.spec)];
  if (causes.length) throw invalid('NetworkPolicy', req.name, causes, 'networking.k8s.io');
  const spec = {
    podSelector: req.spec.podSelector ?? {},
    ...(req.spec.ingress ? { ingress: req.spec.ingress } : {}),
    ...(req.spec.egress ? { egress: req.spec.egress } : {}),
  };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: req.name,
      namespace: req.namespace,
      uid,
      resourceVersion: '',
      generation: 1,
      creationTimestamp: createdAt,
      ...(req.labels ? { labels: req.labels } : {}),
      ...(req.annotations ? { annotations: req.annotations } : {}),
    },
    spec: { ...spec, policyTypes: [...policyTypesOf(req.spec)] },
  };
}

function validateSpec(spec: NetworkPolicyRequest['spec']): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const dir of ['ingress', 'egress'] as const) {
    (spec[dir] ?? []).forEach((rule, i) => {
      (rule.ports ?? []).forEach((p, j) => {
        const at = `spec.${dir}[${i}].ports[${j}]`;
        if (p.protocol && !['TCP', 'UDP', 'SCTP'].includes(p.protocol)) causes.push({ field: `${at}.protocol`, message: `Unsupported value: "${p.protocol}": supported values: "SCTP", "TCP", "UDP"` });
        if (p.endPort !== undefined && p.port === undefined) causes.push({ field: `${at}.endPort`, message: 'Required value: may not be specified when port is not specified' });
        if (p.endPort !== undefined && typeof p.port === 'string') causes.push({ field: `${at}.endPort`, message: 'Required value: may not be specified when port is non-numeric' });
      });
      const peers = (dir === 'ingress' ? (rule as { from?: unknown[] }).from : (rule as { to?: unknown[] }).to) ?? [];
      peers.forEach((peer, j) => {
        const block = (peer as { ipBlock?: { cidr?: string } }).ipBlock;
        if (block && !CIDR.test(block.cidr ?? '')) causes.push({ field: `spec.${dir}[${i}].${dir === 'ingress' ? 'from' : 'to'}[${j}].ipBlock.cidr`, message: `Invalid value: "${block.cidr ?? ''}": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)` });
      });
    });
  }
  for (const t of spec.policyTypes ?? []) {
    if (t !== 'Ingress' && t !== 'Egress') causes.push({ field: 'spec.policyTypes', message: `Unsupported value: ["${t}"]: supported values: "Ingress", "Egress", "Ingress,Egress"` });
  }
  return causes;
}
