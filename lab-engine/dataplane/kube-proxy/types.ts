// The minimal structural shapes kube-proxy reads: core/v1 Service and discovery.k8s.io/v1
// EndpointSlice, field for field as the API has them, plus what kube-proxy knows about its node.
// The cluster model's objects satisfy these without adapters.

export type ServiceProtocol = 'TCP' | 'UDP' | 'SCTP';

export interface ServicePort {
  name?: string;
  protocol?: ServiceProtocol;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface Service {
  metadata: { name: string; namespace: string };
  spec: {
    type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
    clusterIP?: string;
    clusterIPs?: readonly string[];
    ports?: readonly ServicePort[];
    externalIPs?: readonly string[];
    sessionAffinity?: 'None' | 'ClientIP';
    sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
    externalTrafficPolicy?: 'Cluster' | 'Local';
    internalTrafficPolicy?: 'Cluster' | 'Local';
    healthCheckNodePort?: number;
    loadBalancerSourceRanges?: readonly string[];
  };
  status?: { loadBalancer?: { ingress?: readonly { ip?: string; hostname?: string }[] } };
}

export interface EndpointSliceEndpoint {
  addresses: readonly string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  nodeName?: string;
  zone?: string;
}

export interface EndpointSlice {
  metadata: { name: string; namespace: string; labels?: Readonly<Record<string, string>> };
  addressType: 'IPv4' | 'IPv6' | 'FQDN';
  endpoints: readonly EndpointSliceEndpoint[];
  /** The API serves `null` for a slice without ports. */
  ports?: readonly { name?: string; port?: number; protocol?: ServiceProtocol }[] | null;
}

/** The label that ties an EndpointSlice to its Service. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** What one node's kube-proxy is configured with (KubeProxyConfiguration + the node it runs on). */
export interface ProxyNode {
  name: string;
  /** The node's primary IP (loadBalancerSourceRanges that contain it also admit the node). */
  nodeIP: string;
  /** `--cluster-cidr`: the local-traffic detector (`! -s CIDR` = from outside the pod network). */
  clusterCIDR: string;
  /** `--masquerade-all`: masquerade every ClusterIP connection. Default false. */
  masqueradeAll?: boolean;
  /** Whether iptables supports MASQUERADE --random-fully (true on current nodes). */
  randomFully?: boolean;
  /**
   * Whether the kernel has nfacct: newer kube-proxy then counts dropped INVALID packets and
   * localhost NodePort hits with `-m nfacct` (its metrics). Off matches the upstream commit that
   * GROUND-TRUTH §2.3 pins; current releases on current kernels have it on.
   */
  nfacct?: boolean;
  /** `--iptables-localhost-nodeports` (default true): NodePorts also answer on 127.0.0.0/8. */
  localhostNodePorts?: boolean;
}

/** kube-proxy's default masquerade mark: bit 14 (`--iptables-masquerade-bit`). */
export const MASQUERADE_MARK = '0x4000';
