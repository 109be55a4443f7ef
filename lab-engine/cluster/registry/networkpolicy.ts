// NetworkPolicies (networking.k8s.io/v1): strict decoding, defaulting and validation
// (network-policy-admission.ts), a new generation when an update changes the spec, and
// printNetworkPolicy's Table (POD-SELECTOR as metav1.FormatLabelSelector).

import type { LabelSelector, NetworkPolicy } from '../../kube/types';
import { admitNetworkPolicy, type NetworkPolicyRequest } from '../network-policy-admission';
import { rfc3339 } from '../time-format';
import { arr, metaOf, obj, selectorOf, strList, type Obj } from './decode';
import { columns, type KindRegistry } from './kind-registry';
import { ROOT, SELECTOR, type FieldTree } from './strict-fields';
import { ageSince, formatLabelSelector } from './table-cells';

const POLICY_PORT: FieldTree = { protocol: true, port: true, endPort: true };
const PEER: FieldTree = { podSelector: SELECTOR, namespaceSelector: SELECTOR, ipBlock: { cidr: true, except: true } };

export const networkPolicyRegistry: KindRegistry<'networkpolicies', NetworkPolicyRequest> = {
  info: { resource: 'networkpolicies', singular: 'networkpolicy', kind: 'NetworkPolicy', shortNames: ['netpol'], namespaced: true, apiVersion: 'networking.k8s.io/v1', group: 'networking.k8s.io' },
  fields: ROOT({ podSelector: SELECTOR, policyTypes: true, ingress: { from: PEER, ports: POLICY_PORT }, egress: { to: PEER, ports: POLICY_PORT } }),
  decode: networkPolicyRequest,
  create: (req, ctx) => admitNetworkPolicy(req, ctx.newUid(), rfc3339(ctx.now)),
  update(old, req) {
    const next = admitNetworkPolicy(req, old.metadata.uid, old.metadata.creationTimestamp);
    if (JSON.stringify(old.spec) !== JSON.stringify(next.spec)) old.metadata.generation += 1;
    old.spec = next.spec;
    old.metadata.labels = next.metadata.labels;
    old.metadata.annotations = next.metadata.annotations;
  },
  columns: columns(['NAME', 'POD-SELECTOR', 'AGE']),
  cells: (np: NetworkPolicy, o) => [np.metadata.name, formatLabelSelector(np.spec.podSelector as LabelSelector), ageSince(np.metadata.creationTimestamp, o.nowMs)],
};

function networkPolicyRequest(o: Obj, namespace: string): NetworkPolicyRequest {
  const meta = metaOf(o, namespace);
  const spec = obj(o.spec, 'NetworkPolicy.spec') ?? {};
  const podSelector = selectorOf(spec.podSelector, 'NetworkPolicySpec.podSelector');
  const rules = (key: 'ingress' | 'egress') => arr(spec[key], `NetworkPolicySpec.${key}`)?.map((r) => obj(r, `NetworkPolicySpec.${key}`) ?? {});
  const ingress = rules('ingress');
  const egress = rules('egress');
  const policyTypes = strList(spec.policyTypes, 'NetworkPolicySpec.policyTypes');
  return {
    ...meta,
    spec: {
      ...(podSelector ? { podSelector } : {}),
      ...(ingress ? { ingress } : {}),
      ...(egress ? { egress } : {}),
      ...(policyTypes ? { policyTypes: policyTypes as ('Ingress' | 'Egress')[] } : {}),
    } as NetworkPolicyRequest['spec'],
  };
}
