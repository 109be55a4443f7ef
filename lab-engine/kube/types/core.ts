// core/v1 Namespace, Node and Pod in Kubernetes' own shapes, as the simulated API server stores
// and serves them. Only the fields Flatnet reads or prints are typed; the rest stay absent.

import type { Condition, ObjectMeta } from './meta';

// ---- Namespace

export interface Namespace {
  apiVersion: 'v1';
  kind: 'Namespace';
  metadata: ObjectMeta;
  spec: { finalizers: string[] };
  /** conditions: the namespace controller's deletion progress while Terminating. */
  status: { phase: 'Active' | 'Terminating'; conditions?: Condition[] };
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

/** A probe's or a port's target: a number, or the name of one of the container's ports. */
export type IntOrString = number | string;

/** core/v1 Probe as stored: the API server has filled its defaults (defaults.go SetDefaults_Probe). */
export interface Probe {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port: IntOrString; host?: string; scheme?: 'HTTP' | 'HTTPS'; httpHeaders?: { name: string; value: string }[] };
  tcpSocket?: { port: IntOrString; host?: string };
  grpc?: { port: number; service?: string };
  initialDelaySeconds?: number;
  timeoutSeconds: number;
  periodSeconds: number;
  successThreshold: number;
  failureThreshold: number;
  terminationGracePeriodSeconds?: number;
}

/** core/v1 EnvVar: a literal value or a reference resolved when the container starts. */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { apiVersion?: string; fieldPath: string };
    resourceFieldRef?: { containerName?: string; resource: string; divisor?: string };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
  };
}

/** Quantities kept as the manifest wrote them (`500m`, `128Mi`). */
export interface ResourceRequirements {
  limits?: Record<string, string>;
  requests?: Record<string, string>;
}

export interface Container {
  name: string;
  image: string;
  imagePullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  ports?: ContainerPort[];
  resources: ResourceRequirements;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: Lifecycle;
  terminationMessagePath: string;
  terminationMessagePolicy: 'File' | 'FallbackToLogsOnError';
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  stdin?: boolean;
  stdinOnce?: boolean;
  tty?: boolean;
}

/** core/v1 LifecycleHandler: what the kubelet runs after a container starts or before it is stopped (one action). */
export interface LifecycleHandler {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port: IntOrString; host?: string; scheme?: 'HTTP' | 'HTTPS' };
  tcpSocket?: { port: IntOrString; host?: string };
  /** The kubelet itself sleeps (PodLifecycleSleepAction, GA in v1.34): no `sleep` binary needed in the image. */
  sleep?: { seconds: number };
}

export interface Lifecycle {
  postStart?: LifecycleHandler;
  preStop?: LifecycleHandler;
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: Taint['effect'];
  tolerationSeconds?: number;
}

/** `kubectl debug`'s container, added through the pod's ephemeralcontainers subresource. */
export interface EphemeralContainer extends Container {
  targetContainerName?: string;
}

/** core/v1 PodDNSConfig: appended to (or, with dnsPolicy None, instead of) what the policy gives. */
export interface PodDNSConfig {
  nameservers?: string[];
  searches?: string[];
  options?: { name: string; value?: string }[];
}

export interface PodSpec {
  containers: Container[];
  ephemeralContainers?: EphemeralContainer[];
  nodeSelector?: Record<string, string>;
  affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: { matchFields?: { key: string; operator: string; values: string[] }[] }[] } } };
  dnsPolicy: string;
  /** Resolver settings kubelet merges into the pod's /etc/resolv.conf (all of it with dnsPolicy None). */
  dnsConfig?: PodDNSConfig;
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
  ephemeralContainerStatuses?: ContainerStatus[];
}

export interface Pod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: ObjectMeta;
  spec: PodSpec;
  status: PodStatus;
}


// Registers these kinds' resources (see resource-types.ts).
declare module './resource-types' {
  interface ResourceTypes {
    namespaces: Namespace;
    nodes: Node;
    pods: Pod;
  }
}
