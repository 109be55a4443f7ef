// The cluster a learner finds when a lab starts: a kubeadm cluster with the pod network the
// composition root hands in, three nodes and the kube-system pods such a cluster runs, created
// a few days before the lab's clock starts so AGE columns look lived-in. Every name suffix comes
// from the seeded PRNG.

import { randomSuffix } from '../../core/random';
import type { Rng } from '../../core/random';
import type { TopologyOptions } from '../../core/topology';
import type { Node, Toleration } from '../../kube/types';
import type { PodRequest } from '../pod-admission';
import { admitDaemonSet } from '../workload-admission';
import { daemonPodRequest, reconcileWorkloads } from '../controllers';
import { admitService } from '../service-admission';
import { reconcileServices } from '../controllers/endpoints-controller';
import { newUid } from '../uid';
import { rfc3339 } from '../time-format';
import { configMap, derivedUid, rootCaConfigMap, systemConfigMaps } from './system-configmaps';
import { installIngressNginx } from './ingress-nginx-install';
import { installTraefik } from './traefik-install';
import { DEFAULT_NODES, POD_NETWORK_CIDR, SERVICE_CIDR, type NodePlan } from '../../core/cluster-plan';
import { addNamespace, addSystemDeployment, addSystemPod, type BootstrapTarget } from './system-objects';
import { CONTAINER_RUNTIME_VERSION, COREDNS_VERSION, ETCD_VERSION, KERNEL_VERSION, KUBERNETES_VERSION, OS_IMAGE } from '../version';
import type { NetworkAddon } from './network-addon';
import { KUBEADM_IMAGES } from './kubeadm-images';
import { addBootstrapPolicy } from './rbac-bootstrap-policy';
import { NODE_CPU_CORES } from '../../core/kube-proxy-conntrack';

/** How long before the lab's first instant `kubeadm init` ran. */
export const CLUSTER_AGE_MS = (3 * 24 + 4) * 3600_000 + 17 * 60_000;

const CONTROL_PLANE_TAINT = { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' } as const;
const CRITICAL_TOLERATIONS: Toleration[] = [{ operator: 'Exists' }];
const CP_TOLERATIONS: Toleration[] = [
  { key: 'CriticalAddonsOnly', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
];

/** `network`: what the topology's CNI adds (its DaemonSets, Deployments, node annotations and condition), from the composition root. */
export function bootstrapDefaultCluster(t: BootstrapTarget, startMs: number, topology: TopologyOptions, network: NetworkAddon): void {
  const t0 = startMs - CLUSTER_AGE_MS;
  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) addNamespace(t, name, t0 + 5_000);
  addBootstrapPolicy(t.store, t0 + 4_000);
  for (const cm of systemConfigMaps({ proxyMode: topology.proxyMode, podSubnet: POD_NETWORK_CIDR, serviceSubnet: SERVICE_CIDR }, t0)) t.store.create('configmaps', cm);
  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) t.store.create('configmaps', rootCaConfigMap(name, t0 + 21_000));
  DEFAULT_NODES.forEach((plan, i) => {
    const joined = plan.controlPlane ? t0 : t0 + 95_000 + i * 31_000;
    t.store.create('nodes', buildNode(t.rng, plan, joined, network));
    t.ipam.addNode(plan.name, plan.podCIDR);
  });
  const cp = DEFAULT_NODES[0];
  for (const component of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const) {
    const image = `${KUBEADM_IMAGES[component]}:${component === 'etcd' ? ETCD_VERSION : KUBERNETES_VERSION}`;
    addSystemPod(t, staticPodRequest(component, image, cp), cp, t0 + 12_000);
  }
  const linux = { 'kubernetes.io/os': 'linux' };
  const kubeProxy = t.store.create('daemonsets', admitDaemonSet({
    name: 'kube-proxy',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-proxy' },
    annotations: { 'deprecated.daemonset.template.generation': '1' },
    selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
    template: {
      labels: { 'k8s-app': 'kube-proxy' },
      containers: [{ name: 'kube-proxy', image: `${KUBEADM_IMAGES['kube-proxy']}:${KUBERNETES_VERSION}`, imagePullPolicy: 'IfNotPresent', command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'] }],
      hostNetwork: true,
      nodeSelector: linux,
      priorityClassName: 'system-node-critical',
      priority: 2000001000,
      tolerations: CRITICAL_TOLERATIONS,
      serviceAccountName: 'kube-proxy',
    },
  }, newUid(t.rng), rfc3339(t0 + 20_000)));
  // The CNI manifest's own namespace and ConfigMaps (kube-flannel.yml), before its DaemonSets.
  for (const ns of network.namespaces ?? []) {
    addNamespace(t, ns.name, t0 + ns.appliedAfterMs, ns.labels);
    t.store.create('configmaps', rootCaConfigMap(ns.name, t0 + ns.appliedAfterMs + 1_000));
  }
  for (const cm of network.configMaps ?? []) t.store.create('configmaps', configMap(cm.namespace, cm.name, cm.data, t0 + cm.appliedAfterMs, cm.labels));
  for (const fc of network.felixConfigurations ?? []) {
    t.store.create('felixconfigurations', { apiVersion: 'crd.projectcalico.org/v1', kind: 'FelixConfiguration', metadata: { name: fc.name, uid: derivedUid(`felixconfiguration/${fc.name}`), resourceVersion: '', creationTimestamp: rfc3339(t0 + fc.appliedAfterMs), generation: 1 }, spec: { ...fc.spec } });
  }
  // The CNI's own DaemonSets as its manifest created them (none for a plugin that is the kubelet's own).
  const networkDaemonSets = network.daemonSets.map((d) => ({ ds: t.store.create('daemonsets', admitDaemonSet(d.request, newUid(t.rng), rfc3339(t0 + d.appliedAfterMs))), appliedAt: t0 + d.appliedAfterMs }));
  DEFAULT_NODES.forEach((node, i) => {
    const joined = node.controlPlane ? t0 + 20_000 : t0 + 95_000 + i * 31_000;
    addSystemPod(t, daemonPodRequest(kubeProxy, node.name, `kube-proxy-${randomSuffix(t.rng, 5)}`), node, joined + 8_000);
    for (const { ds, appliedAt } of networkDaemonSets) addSystemPod(t, daemonPodRequest(ds, node.name, `${ds.metadata.name}-${randomSuffix(t.rng, 5)}`), node, Math.max(joined, appliedAt) + 1_000);
  });
  addSystemDeployment(t, {
    name: 'coredns',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-dns' },
    replicas: 2,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
    selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
    template: {
      labels: { 'k8s-app': 'kube-dns' },
      containers: [{
        name: 'coredns',
        image: `${KUBEADM_IMAGES.coredns}:${COREDNS_VERSION}`,
        imagePullPolicy: 'IfNotPresent',
        args: ['-conf', '/etc/coredns/Corefile'],
        ports: [
          { containerPort: 53, name: 'dns', protocol: 'UDP' },
          { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
          { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
        ],
      }],
      dnsPolicy: 'Default',
      nodeSelector: linux,
      priorityClassName: 'system-cluster-critical',
      priority: 2000000000,
      tolerations: CP_TOLERATIONS,
      serviceAccountName: 'coredns',
    },
  }, cp, t0 + 12_000, t0 + 20_000);
  for (const d of network.deployments) addSystemDeployment(t, d.request, cp, t0 + d.appliedAfterMs, t0 + d.podsAfterMs);
  addSystemServices(t, t0);
  const ingress = topology.ingress === undefined ? [] : typeof topology.ingress === 'string' ? [topology.ingress] : topology.ingress;
  if (ingress.includes('nginx')) installIngressNginx(t, t0 + 4 * 60_000);
  if (ingress.includes('traefik')) installTraefik(t, t0 + 4 * 60_000 + 30_000);
  // The controllers have long caught up: statuses and conditions as of the cluster's first minutes.
  const settledAt = t0 + 5 * 60_000;
  reconcileServices(t.store, t.serviceAlloc, t.rng, settledAt);
  reconcileWorkloads({
    store: t.store,
    rng: t.rng,
    createPod: () => { throw new Error('default topology: a controller wanted a pod the topology did not create'); },
    deletePod: () => { throw new Error('default topology: a controller wanted to delete a system pod'); },
  }, settledAt);
}

/** `kubernetes` (first IP of the service CIDR, endpoints kept by the API server itself) and kubeadm's `kube-dns` (10th IP). */
function addSystemServices(t: BootstrapTarget, t0: number): void {
  const apiserver = DEFAULT_NODES[0].internalIP;
  const kubernetes = admitService({
    name: 'kubernetes',
    namespace: 'default',
    labels: { component: 'apiserver', provider: 'kubernetes' },
    clusterIP: '10.96.0.1',
    ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
  }, t.serviceAlloc, newUid(t.rng), rfc3339(t0 + 5_000));
  t.store.create('services', kubernetes);
  t.store.create('endpoints', {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { creationTimestamp: rfc3339(t0 + 5_000), labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' }, name: 'kubernetes', namespace: 'default', resourceVersion: '', uid: newUid(t.rng) },
    subsets: [{ addresses: [{ ip: apiserver }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  });
  t.store.create('endpointslices', {
    addressType: 'IPv4',
    apiVersion: 'discovery.k8s.io/v1',
    endpoints: [{ addresses: [apiserver], conditions: { ready: true, serving: true, terminating: false } }],
    kind: 'EndpointSlice',
    metadata: { creationTimestamp: rfc3339(t0 + 5_000), generation: 1, labels: { 'kubernetes.io/service-name': 'kubernetes' }, name: 'kubernetes', namespace: 'default', resourceVersion: '', uid: newUid(t.rng) } as never,
    ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
  });
  t.store.create('services', admitService({
    name: 'kube-dns',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
    annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    selector: { 'k8s-app': 'kube-dns' },
    clusterIP: '10.96.0.10',
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
      { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
    ],
  }, t.serviceAlloc, newUid(t.rng), rfc3339(t0 + 20_000)));
}

function buildNode(rng: Rng, plan: NodePlan, joined: number, network: NetworkAddon): Node {
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
  const resources = { cpu: String(NODE_CPU_CORES), 'ephemeral-storage': '40581564Ki', 'hugepages-2Mi': '0', memory: '4015104Ki', pods: '110' };
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
        ...network.nodeAnnotations(plan),
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
        network.nodeCondition(ready),
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

/** A static pod of the control plane, as the kubelet runs it from /etc/kubernetes/manifests. */
function staticPodRequest(component: string, image: string, node: NodePlan): PodRequest {
  return {
    name: `${component}-${node.name}`,
    namespace: 'kube-system',
    labels: { component, tier: 'control-plane' },
    containers: [{ name: component, image, imagePullPolicy: 'IfNotPresent' }],
    hostNetwork: true,
    nodeName: node.name,
    priorityClassName: 'system-node-critical',
    priority: 2000001000,
    tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
  };
}
