// networking.k8s.io/v1: NetworkPolicy, Ingress and IngressClass.

import type { NetworkPolicy as PolicyShape, PolicyType } from '../network-policy';
import type { ObjectMeta } from './meta';

type PolicySpec = PolicyShape['spec'];

// ---- NetworkPolicy (networking.k8s.io/v1)

/** The spec's shapes are the policy engine's own (dataplane/policy/types.ts), so stored objects feed it directly. */
export interface NetworkPolicy {
  apiVersion: 'networking.k8s.io/v1';
  kind: 'NetworkPolicy';
  metadata: ObjectMeta & { generation: number };
  spec: {
    podSelector: PolicySpec['podSelector'];
    policyTypes: PolicyType[];
    ingress?: PolicySpec['ingress'];
    egress?: PolicySpec['egress'];
  };
}

// ---- Ingress and IngressClass (networking.k8s.io/v1)

export interface IngressServiceBackend {
  service: { name: string; port: { number?: number; name?: string } };
}

export interface IngressPath {
  path?: string;
  pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  backend: IngressServiceBackend;
}

export interface IngressRule {
  host?: string;
  http?: { paths: IngressPath[] };
}

export interface Ingress {
  apiVersion: 'networking.k8s.io/v1';
  kind: 'Ingress';
  metadata: ObjectMeta & { generation: number };
  spec: {
    ingressClassName?: string;
    defaultBackend?: IngressServiceBackend;
    tls?: { hosts?: string[]; secretName?: string }[];
    rules?: IngressRule[];
  };
  status: { loadBalancer: { ingress?: { ip?: string; hostname?: string }[] } };
}

export interface IngressClass {
  apiVersion: 'networking.k8s.io/v1';
  kind: 'IngressClass';
  metadata: ObjectMeta & { generation: number };
  spec: { controller: string; parameters?: { apiGroup?: string; kind: string; name: string } };
}


// Registers these kinds' resources (see resource-types.ts).
declare module './resource-types' {
  interface ResourceTypes {
    networkpolicies: NetworkPolicy;
    ingresses: Ingress;
    ingressclasses: IngressClass;
  }
}
