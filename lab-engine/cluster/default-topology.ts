// The cluster a learner finds when a lab starts: a kubeadm cluster with Calico (host-local IPAM),
// three nodes and the kube-system pods such a cluster runs, created a few days before the lab's
// clock starts so AGE columns look lived-in. Every name suffix comes from the seeded PRNG.

import { randomSuffix } from '../core/random';
import type { Rng } from '../core/random';
import type { TopologyOptions } from '../core/simulation-types';
import type { Namespace, Node, Pod, Toleration } from './types';
import type { ObjectStore } from './object-store';
import type { HostLocalIpam } from './host-local-ipam';
import type { PodRuntime } from './pod-lifecycle';
import { admitPod } from './pod-admission';
import { imageDigest, parseImageRef } from './images';
import { newUid } from './uid';
import { rfc3339 } from './time-format';
import { setAllWaiting, setCondition, setReadiness } from './pod-status';
import { CALICO_VERSION, CONTAINER_RUNTIME_VERSION, COREDNS_VERSION, ETCD_VERSION, KERNEL_VERSION, KUBERNETES_VERSION, OS_IMAGE } from './version';

export const POD_NETWORK_CIDR = '10.244.0.0/16';

export interface NodePlan {
  name: string;
  internalIP: string;
  podCIDR: string;
  controlPlane: boolean;
}

export const DEFAULT_NODES: readonly NodePlan[] = [
  { name: 'control-plane', internalIP: '172.18.0.2', podCIDR: '10.244.0.0/24', controlPlane: true },
  { name: 'node-1', internalIP: '172.18.0.3', podCIDR: '10.244.1.0/24', controlPlane: false },
  { name: 'node-2', internalIP: '172.18.0.4', podCIDR: '10.244.2.0/24', controlPlane: false },
];

/** How long before the lab's first instant `kubeadm init` ran. */
export const CLUSTER_AGE_MS = (3 * 24 + 4) * 3600_000 + 17 * 60_000;

export interface BootstrapTarget {
  store: ObjectStore;
  ipam: HostLocalIpam;
  rng: Rng;
  runtime: Record<string, PodRuntime>;
  imageCache: Record<string, string[]>;
}

const CONTROL_PLANE_TAINT = { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' } as const;
const CRITICAL_TOLERATIONS: Toleration[] = [{ operator: 'Exists' }];
const CP_TOLERATIONS: Toleration[] = [
  { key: 'CriticalAddonsOnly', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
];

export function bootstrapDefaultCluster(t: BootstrapTarget, startMs: number, topology: TopologyOptions): void {
  const t0 = startMs - CLUSTER_AGE_MS;
  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) addNamespace(t, name, t0 + 5_000);
  DEFAULT_NODES.forEach((plan, i) => {
    const joined = plan.controlPlane ? t0 : t0 + 95_000 + i * 31_000;
    t.store.create('nodes', buildNode(t.rng, plan, joined));
    t.ipam.addNode(plan.name, plan.podCIDR);
  });
  const cp = DEFAULT_NODES[0];
  for (const component of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
    const image = component === 'etcd' ? `registry.k8s.io/etcd:${ETCD_VERSION}` : `registry.k8s.io/${component}:${KUBERNETES_VERSION}`;
    addSystemPod(t, `${component}-${cp.name}`, { component, tier: 'control-plane' }, image, cp, t0 + 12_000, true, 'system-node-critical');
  }
  const cni = topology.cni === 'flannel' ? 'kube-flannel-ds' : 'calico-node';
  DEFAULT_NODES.forEach((node, i) => {
    const joined = node.controlPlane ? t0 + 20_000 : t0 + 95_000 + i * 31_000;
    addSystemPod(t, `kube-proxy-${randomSuffix(t.rng, 5)}`, { 'controller-revision-hash': '66b5cb8f8c', 'k8s-app': 'kube-proxy', 'pod-template-generation': '1' }, `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`, node, joined + 8_000, true, 'system-node-critical');
    if (cni === 'calico-node') {
      addSystemPod(t, `calico-node-${randomSuffix(t.rng, 5)}`, { 'controller-revision-hash': '7c8b9f6d4b', 'k8s-app': 'calico-node', 'pod-template-generation': '1' }, `docker.io/calico/node:${CALICO_VERSION}`, node, joined + 41_000, true, 'system-node-critical');
    }
  });
  const dnsHash = randomSuffix(t.rng, 10);
  for (let i = 0; i < 2; i++) {
    addSystemPod(t, `coredns-${dnsHash}-${randomSuffix(t.rng, 5)}`, { 'k8s-app': 'kube-dns', 'pod-template-hash': dnsHash }, `registry.k8s.io/coredns/coredns:${COREDNS_VERSION}`, cp, t0 + 20_000, false, 'system-cluster-critical', [
      { containerPort: 53, name: 'dns', protocol: 'UDP' },
      { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
      { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
    ]);
  }
  if (cni === 'calico-node') {
    const hash = randomSuffix(t.rng, 10);
    addSystemPod(t, `calico-kube-controllers-${hash}-${randomSuffix(t.rng, 5)}`, { 'k8s-app': 'calico-kube-controllers', 'pod-template-hash': hash }, `docker.io/calico/kube-controllers:${CALICO_VERSION}`, cp, t0 + 38_000, false, 'system-cluster-critical');
  }
}

function addNamespace(t: BootstrapTarget, name: string, at: number): void {
  const ns: Namespace = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, uid: newUid(t.rng), resourceVersion: '', creationTimestamp: rfc3339(at), labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
  t.store.create('namespaces', ns);
}

function buildNode(rng: Rng, plan: NodePlan, joined: number): Node {
  const stamp = rfc3339(joined);
  const ready = rfc3339(joined + 48_000);
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': plan.name,
    'kubernetes.io/os': 'linux',
  };
  if (plan.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const pressure = (type: string, reason: string, message: string) => ({ lastHeartbeatTime: stamp, lastTransitionTime: stamp, message, reason, status: 'False' as const, type });
  const resources = { cpu: '2', 'ephemeral-storage': '40581564Ki', 'hugepages-2Mi': '0', memory: '4015104Ki', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: plan.name,
      uid: newUid(rng),
      resourceVersion: '',
      creationTimestamp: stamp,
      labels,
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'projectcalico.org/IPv4Address': `${plan.internalIP}/16`,
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { podCIDR: plan.podCIDR, podCIDRs: [plan.podCIDR], ...(plan.controlPlane ? { taints: [{ ...CONTROL_PLANE_TAINT }] } : {}) },
    status: {
      addresses: [
        { address: plan.internalIP, type: 'InternalIP' },
        { address: plan.name, type: 'Hostname' },
      ],
      allocatable: { ...resources, 'ephemeral-storage': '37399799107', memory: '3912704Ki' },
      capacity: resources,
      conditions: [
        { lastHeartbeatTime: ready, lastTransitionTime: ready, message: 'Calico is running on this node', reason: 'CalicoIsUp', status: 'False', type: 'NetworkUnavailable' },
        pressure('MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        pressure('DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        pressure('PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        { lastHeartbeatTime: ready, lastTransitionTime: ready, message: 'kubelet is posting ready status', reason: 'KubeletReady', status: 'True', type: 'Ready' },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: newUid(rng),
        containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
        kernelVersion: KERNEL_VERSION,
        kubeletVersion: KUBERNETES_VERSION,
        machineID: newUid(rng).replace(/-/g, ''),
        operatingSystem: 'linux',
        osImage: OS_IMAGE,
        systemUUID: newUid(rng),
      },
    },
  };
}

function addSystemPod(
  t: BootstrapTarget,
  name: string,
  labels: Record<string, string>,
  image: string,
  node: NodePlan,
  createdAt: number,
  hostNetwork: boolean,
  priorityClassName: 'system-node-critical' | 'system-cluster-critical',
  ports?: { containerPort: number; name: string; protocol: 'TCP' | 'UDP' }[],
): void {
  // Containers are named after their component: the pod name without node name or hashes.
  const containerName = labels.component ?? labels['k8s-app'].replace('kube-dns', 'coredns');
  const pod: Pod = admitPod(
    {
      name,
      namespace: 'kube-system',
      labels,
      containers: [{ name: containerName, image, ports }],
      hostNetwork,
      nodeName: node.name,
      priorityClassName,
      priority: priorityClassName === 'system-node-critical' ? 2000001000 : 2000000000,
      tolerations: hostNetwork ? CRITICAL_TOLERATIONS : CP_TOLERATIONS,
    },
    newUid(t.rng),
    rfc3339(createdAt),
    t.rng,
  );
  const started = createdAt + (hostNetwork ? 3_000 : 75_000);
  const stamp = rfc3339(started);
  const ip = hostNetwork ? node.internalIP : t.ipam.allocate(node.name, `kube-system/${name}`)!;
  pod.status = { phase: 'Running', qosClass: 'Burstable', hostIP: node.internalIP, hostIPs: [{ ip: node.internalIP }], podIP: ip, podIPs: [{ ip }], startTime: rfc3339(createdAt + 1_000) };
  setCondition(pod, 'PodReadyToStartContainers', 'True', stamp);
  setCondition(pod, 'Initialized', 'True', rfc3339(createdAt + 1_000));
  setReadiness(pod, true, stamp);
  setCondition(pod, 'PodScheduled', 'True', rfc3339(createdAt + 1_000));
  setAllWaiting(pod, 'ContainerCreating', undefined);
  const ref = parseImageRef(image)!;
  const status = pod.status.containerStatuses![0];
  Object.assign(status, {
    containerID: `containerd://${newUid(t.rng).replace(/-/g, '')}${newUid(t.rng).replace(/-/g, '')}`,
    image: ref.full.replace(/^docker\.io\/(?!library)/, 'docker.io/'),
    imageID: `${ref.repository}@sha256:${imageDigest(ref.repository, ref.tag)}`,
    ready: true,
    started: true,
    state: { running: { startedAt: stamp } },
  });
  t.store.create('pods', pod);
  (t.imageCache[node.name] ??= []).push(ref.full);
  t.runtime[`kube-system/${name}`] = { stage: 'running', since: started, pullFailures: 0 };
}
