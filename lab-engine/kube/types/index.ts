// API objects in Kubernetes' own shapes (core/v1), as the simulated API server stores and serves
// them. Only the fields Flatnet reads or prints are typed; the rest stay absent rather than faked.

import type { NetworkPolicy as PolicyShape, PolicyType } from './network-policy';

type PolicySpec = PolicyShape['spec'];

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  generateName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  ownerReferences?: OwnerReference[];
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime?: string | null;
  lastTransitionTime: string;
  lastHeartbeatTime?: string;
  lastUpdateTime?: string;
  reason?: string;
  message?: string;
}

// ---- Namespace

export interface Namespace {
  apiVersion: 'v1';
  kind: 'Namespace';
  metadata: ObjectMeta;
  spec: { finalizers: string[] };
  status: { phase: 'Active' | 'Terminating' };
}

// ---- Node

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface NodeAddress {
  type: 'InternalIP' | 'ExternalIP' | 'Hostname';
  address: string;
}

export interface Node {
  apiVersion: 'v1';
  kind: 'Node';
  metadata: ObjectMeta;
  spec: { podCIDR: string; podCIDRs: string[]; taints?: Taint[]; unschedulable?: boolean };
  status: {
    addresses: NodeAddress[];
    allocatable: Record<string, string>;
    capacity: Record<string, string>;
    conditions: Condition[];
    daemonEndpoints: { kubeletEndpoint: { Port: number } };
    nodeInfo: {
      architecture: string;
      bootID: string;
      containerRuntimeVersion: string;
      kernelVersion: string;
      kubeletVersion: string;
      machineID: string;
      operatingSystem: string;
      osImage: string;
      systemUUID: string;
    };
  };
}

// ---- Pod

export interface ContainerPort {
  containerPort: number;
  name?: string;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  hostPort?: number;
}

export interface Container {
  name: string;
  image: string;
  imagePullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  command?: string[];
  args?: string[];
  env?: { name: string; value: string }[];
  ports?: ContainerPort[];
  resources: Record<string, unknown>;
  terminationMessagePath: string;
  terminationMessagePolicy: 'File' | 'FallbackToLogsOnError';
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  stdin?: boolean;
  stdinOnce?: boolean;
  tty?: boolean;
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: Taint['effect'];
  tolerationSeconds?: number;
}

export interface PodSpec {
  containers: Container[];
  nodeSelector?: Record<string, string>;
  affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: { matchFields?: { key: string; operator: string; values: string[] }[] }[] } } };
  dnsPolicy: string;
  enableServiceLinks: boolean;
  hostNetwork?: boolean;
  /** With subdomain naming a headless Service, the pod gets `<hostname>.<subdomain>.<ns>.svc.cluster.local`. */
  hostname?: string;
  subdomain?: string;
  nodeName?: string;
  preemptionPolicy: string;
  priority: number;
  priorityClassName?: string;
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  schedulerName: string;
  securityContext: Record<string, unknown>;
  serviceAccount: string;
  serviceAccountName: string;
  terminationGracePeriodSeconds: number;
  tolerations: Toleration[];
  volumes?: Record<string, unknown>[];
}

export interface ContainerState {
  waiting?: { reason: string; message?: string };
  running?: { startedAt: string };
  terminated?: { exitCode: number; reason?: string; startedAt?: string; finishedAt: string; signal?: number };
}

export interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  ready: boolean;
  restartCount: number;
  started: boolean;
  state: ContainerState;
  lastState: ContainerState;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface PodStatus {
  phase: PodPhase;
  conditions?: Condition[];
  hostIP?: string;
  hostIPs?: { ip: string }[];
  podIP?: string;
  podIPs?: { ip: string }[];
  qosClass: string;
  startTime?: string;
  reason?: string;
  message?: string;
  nominatedNodeName?: string;
  containerStatuses?: ContainerStatus[];
}

export interface Pod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: ObjectMeta;
  spec: PodSpec;
  status: PodStatus;
}

// ---- Workloads (apps/v1)

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** A pod template as workloads store it: metadata (labels, annotations) and a PodSpec. */
export interface PodTemplateSpec {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string>; creationTimestamp?: null };
  spec: PodSpec;
}

export interface RollingUpdateDeployment {
  maxSurge: string | number;
  maxUnavailable: string | number;
}

export interface Deployment {
  apiVersion: 'apps/v1';
  kind: 'Deployment';
  metadata: ObjectMeta & { generation: number };
  spec: {
    replicas: number;
    selector: LabelSelector;
    template: PodTemplateSpec;
    strategy: { type: 'RollingUpdate' | 'Recreate'; rollingUpdate?: RollingUpdateDeployment };
    revisionHistoryLimit: number;
    progressDeadlineSeconds: number;
  };
  status: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: Condition[];
  };
}

export interface ReplicaSet {
  apiVersion: 'apps/v1';
  kind: 'ReplicaSet';
  metadata: ObjectMeta & { generation: number };
  spec: { replicas: number; selector: LabelSelector; template: PodTemplateSpec };
  status: {
    replicas: number;
    fullyLabeledReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    observedGeneration?: number;
  };
}

export interface DaemonSet {
  apiVersion: 'apps/v1';
  kind: 'DaemonSet';
  metadata: ObjectMeta & { generation: number };
  spec: {
    selector: LabelSelector;
    template: PodTemplateSpec;
    updateStrategy: { type: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { maxSurge: string | number; maxUnavailable: string | number } };
    revisionHistoryLimit: number;
  };
  status: {
    currentNumberScheduled: number;
    desiredNumberScheduled: number;
    numberAvailable?: number;
    numberMisscheduled: number;
    numberReady: number;
    numberUnavailable?: number;
    observedGeneration?: number;
    updatedNumberScheduled?: number;
  };
}

export type Workload = Deployment | ReplicaSet | DaemonSet;

// ---- Services and their endpoints

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface ServicePort {
  name?: string;
  protocol: Protocol;
  appProtocol?: string;
  port: number;
  targetPort: number | string;
  nodePort?: number;
}

export interface Service {
  apiVersion: 'v1';
  kind: 'Service';
  metadata: ObjectMeta;
  spec: {
    type: ServiceType;
    selector?: Record<string, string>;
    ports?: ServicePort[];
    clusterIP?: string;
    clusterIPs?: string[];
    ipFamilies?: 'IPv4'[];
    ipFamilyPolicy?: 'SingleStack';
    externalName?: string;
    externalIPs?: string[];
    loadBalancerIP?: string;
    loadBalancerSourceRanges?: string[];
    allocateLoadBalancerNodePorts?: boolean;
    externalTrafficPolicy?: 'Cluster' | 'Local';
    internalTrafficPolicy?: 'Cluster' | 'Local';
    healthCheckNodePort?: number;
    sessionAffinity: 'None' | 'ClientIP';
    sessionAffinityConfig?: { clientIP: { timeoutSeconds: number } };
    publishNotReadyAddresses?: boolean;
  };
  status: { loadBalancer: { ingress?: { ip: string; ipMode: 'VIP' | 'Proxy' }[] } };
}

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: 'Pod'; name: string; namespace: string; uid: string };
}

export interface Endpoints {
  apiVersion: 'v1';
  kind: 'Endpoints';
  metadata: ObjectMeta;
  subsets?: { addresses?: EndpointAddress[]; notReadyAddresses?: EndpointAddress[]; ports?: { name?: string; port: number; protocol: Protocol; appProtocol?: string }[] }[];
}

export interface EndpointSlice {
  apiVersion: 'discovery.k8s.io/v1';
  kind: 'EndpointSlice';
  metadata: ObjectMeta;
  addressType: 'IPv4';
  endpoints: {
    addresses: string[];
    conditions: { ready: boolean; serving: boolean; terminating: boolean };
    nodeName?: string;
    hostname?: string;
    targetRef?: EndpointAddress['targetRef'];
    zone?: string;
  }[];
  ports: { name: string; port: number; protocol: Protocol; appProtocol?: string }[] | null;
}

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

// ---- ConfigMap and Secret (v1)

export interface ConfigMap {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: ObjectMeta;
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

export interface Secret {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: ObjectMeta;
  /** kubernetes.io/tls, Opaque, ... */
  type: string;
  /** Values base64-encoded, as the API serves them. */
  data?: Record<string, string>;
  immutable?: boolean;
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

// ---- Event (core/v1)

/** The object an Event is about, as corev1.ObjectReference carries it. */
export interface ObjectReference {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion?: string;
  /** `spec.containers{web}` when the event is about one container. */
  fieldPath?: string;
}

/**
 * An Event as the core/v1 API serves it. Recorders on the old API (kubelet, controllers) fill
 * source, first/lastTimestamp and count; the scheduler records through events.k8s.io/v1, so its
 * events read back with eventTime, action and series instead (and null timestamps).
 */
export interface Event {
  apiVersion: 'v1';
  kind: 'Event';
  metadata: ObjectMeta;
  involvedObject: ObjectReference;
  reason: string;
  message: string;
  source: { component?: string; host?: string };
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  count?: number;
  type: 'Normal' | 'Warning';
  /** MicroTime (RFC 3339 with microseconds); null for core/v1 recorders. */
  eventTime: string | null;
  action?: string;
  series?: { count: number; lastObservedTime: string };
  reportingComponent: string;
  reportingInstance: string;
}

export type ApiObject = Namespace | Node | Pod | Deployment | ReplicaSet | DaemonSet | Service | Endpoints | EndpointSlice | NetworkPolicy | ConfigMap | Secret | Ingress | IngressClass | Event;
export type Kind = ApiObject['kind'];
