// The minimal, structural shapes the NetworkPolicy engine reads. They mirror the Kubernetes API
// (networking.k8s.io/v1 NetworkPolicy, core/v1 Pod and Namespace) field for field, so the cluster
// model's real objects satisfy them without adapters — and this folder does not depend on how the
// cluster model stores them.

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: readonly string[];
}

export interface LabelSelector {
  matchLabels?: Readonly<Record<string, string>>;
  matchExpressions?: readonly LabelSelectorRequirement[];
}

export interface NetworkPolicyPort {
  /** Defaults to TCP. */
  protocol?: Protocol;
  /** A number, a container-port name, or absent (= every port of the protocol). */
  port?: number | string;
  /** With a numeric `port`: the inclusive upper end of a range. */
  endPort?: number;
}

export interface IPBlock {
  cidr: string;
  except?: readonly string[];
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IPBlock;
}

export interface NetworkPolicyIngressRule {
  from?: readonly NetworkPolicyPeer[];
  ports?: readonly NetworkPolicyPort[];
}

export interface NetworkPolicyEgressRule {
  to?: readonly NetworkPolicyPeer[];
  ports?: readonly NetworkPolicyPort[];
}

export type PolicyType = 'Ingress' | 'Egress';

export interface NetworkPolicy {
  metadata: { name: string; namespace: string };
  spec: {
    podSelector: LabelSelector;
    /** When absent the API server defaults it: Ingress always, Egress if egress rules exist. */
    policyTypes?: readonly PolicyType[];
    ingress?: readonly NetworkPolicyIngressRule[];
    egress?: readonly NetworkPolicyEgressRule[];
  };
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  /** Defaults to TCP. */
  protocol?: Protocol;
}

export interface Pod {
  metadata: { name: string; namespace: string; labels?: Readonly<Record<string, string>> };
  spec: { containers: readonly { name: string; ports?: readonly ContainerPort[] }[] };
  status?: { podIP?: string };
}

export interface Namespace {
  metadata: { name: string; labels?: Readonly<Record<string, string>> };
}

export function policyTypesOf(spec: { policyTypes?: readonly PolicyType[]; egress?: readonly unknown[] }): readonly PolicyType[] {
  if (spec.policyTypes && spec.policyTypes.length > 0) return spec.policyTypes;
  // API defaulting (networking/v1 SetDefaults_NetworkPolicy): Ingress always, Egress when rules exist.
  return spec.egress && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}
