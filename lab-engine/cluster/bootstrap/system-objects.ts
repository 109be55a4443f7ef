// The helpers every bootstrap step shares: what a step writes into (the store, IPAM, the kubelet
// runtime table, the image cache, the Service allocators) and how it adds a namespace, a
// kube-system Deployment with running pods, or one pod as if it had been running for days.

import { randomSuffix, type Rng } from '../../core/random';
import type { NodePlan } from '../../core/cluster-plan';
import type { Namespace, Pod } from '../../kube/types';
import type { ObjectStore } from '../object-store';
import type { HostLocalIpam } from '../host-local-ipam';
import type { PodRuntime } from '../lifecycle/pod-lifecycle';
import { admitPod, type PodRequest } from '../pod-admission';
import { admitDeployment, type DeploymentRequest } from '../workload-admission';
import { buildReplicaSet, replicaSetPodRequest, rollingParameters, REVISION_ANNOTATION } from '../controllers/index';
import { templateHash } from '../pod-template';
import type { ServiceAllocators } from '../service-allocators';
import { imageDigest, parseImageRef } from '../images';
import { newUid } from '../uid';
import { rfc3339 } from '../time-format';
import { setAllWaiting, setCondition, setReadiness } from '../pod-status';

export interface BootstrapTarget {
  store: ObjectStore;
  ipam: HostLocalIpam;
  rng: Rng;
  runtime: Record<string, PodRuntime>;
  imageCache: Record<string, string[]>;
  serviceAlloc: ServiceAllocators;
}

/** A Deployment with its first ReplicaSet and running pods, as kubeadm (or the CNI manifest) left them. */
export function addSystemDeployment(t: BootstrapTarget, req: DeploymentRequest, node: NodePlan, createdAt: number, podsAt: number): void {
  const d = t.store.create('deployments', admitDeployment(req, newUid(t.rng), rfc3339(createdAt)));
  d.metadata.annotations = { [REVISION_ANNOTATION]: '1' };
  const hash = templateHash(d.spec.template);
  const { maxSurge } = rollingParameters(d);
  const rs = t.store.create('replicasets', buildReplicaSet(d, hash, d.spec.replicas, '1', maxSurge, createdAt, newUid(t.rng)));
  for (let i = 0; i < d.spec.replicas; i++) addSystemPod(t, replicaSetPodRequest(rs, `${rs.metadata.name}-${randomSuffix(t.rng, 5)}`), node, podsAt);
}

export function addNamespace(t: BootstrapTarget, name: string, at: number, labels: Record<string, string> = {}): void {
  const ns: Namespace = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, uid: newUid(t.rng), resourceVersion: '', creationTimestamp: rfc3339(at), labels: { ...labels, 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
  t.store.create('namespaces', ns);
}

/** A kube-system pod that has been running since `createdAt` (+ start-up): bound, addressed, Ready. */
export function addSystemPod(t: BootstrapTarget, req: PodRequest, node: NodePlan, createdAt: number): void {
  const pod: Pod = admitPod({ ...req, nodeName: node.name }, newUid(t.rng), rfc3339(createdAt), t.rng);
  const hostNetwork = !!req.hostNetwork;
  const started = createdAt + (hostNetwork ? 3_000 : 75_000);
  const stamp = rfc3339(started);
  const name = req.name;
  const ip = hostNetwork ? node.internalIP : t.ipam.allocate(node.name, `kube-system/${name}`)!;
  pod.status = { phase: 'Running', qosClass: 'Burstable', hostIP: node.internalIP, hostIPs: [{ ip: node.internalIP }], podIP: ip, podIPs: [{ ip }], startTime: rfc3339(createdAt + 1_000) };
  setCondition(pod, 'PodReadyToStartContainers', 'True', stamp);
  setCondition(pod, 'Initialized', 'True', rfc3339(createdAt + 1_000));
  setReadiness(pod, true, stamp);
  setCondition(pod, 'PodScheduled', 'True', rfc3339(createdAt + 1_000));
  setAllWaiting(pod, 'ContainerCreating', undefined);
  const image = req.containers[0].image;
  const ref = parseImageRef(image)!;
  const status = pod.status.containerStatuses![0];
  Object.assign(status, {
    containerID: `containerd://${newUid(t.rng).replace(/-/g, '')}${newUid(t.rng).replace(/-/g, '')}`,
    image: ref.full,
    imageID: `${ref.repository}@sha256:${imageDigest(ref.repository, ref.tag)}`,
    ready: true,
    started: true,
    state: { running: { startedAt: stamp } },
  });
  t.store.create('pods', pod);
  (t.imageCache[node.name] ??= []).push(ref.full);
  t.runtime[`kube-system/${name}`] = { stage: 'running', since: started, pullFailures: 0 };
}
