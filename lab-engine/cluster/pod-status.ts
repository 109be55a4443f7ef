// Small writers for a pod's status, so every lifecycle rule keeps conditions in the order the
// kubelet reports them and only moves lastTransitionTime when a condition actually flips.

import type { Condition, ContainerStatus, Pod } from '../kube/types';

const CONDITION_ORDER = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

export function setCondition(pod: Pod, type: string, status: Condition['status'], at: string, reason?: string, message?: string): void {
  const conditions = (pod.status.conditions ??= []);
  const existing = conditions.find((c) => c.type === type);
  const next: Condition = {
    lastProbeTime: null,
    lastTransitionTime: existing && existing.status === status ? existing.lastTransitionTime : at,
    ...(message ? { message } : {}),
    ...(reason ? { reason } : {}),
    status,
    type,
  };
  if (existing) conditions[conditions.indexOf(existing)] = next;
  else conditions.push(next);
  conditions.sort((a, b) => CONDITION_ORDER.indexOf(a.type) - CONDITION_ORDER.indexOf(b.type));
}

/**
 * Ready and ContainersReady together, as the kubelet always sets them. `ready` true asks for as
 * ready as the containers are: a container a readiness or startup probe still holds back keeps
 * the pod unready and is named in the message (status_manager's generateContainersReadyCondition).
 */
export function setReadiness(pod: Pod, wanted: boolean, at: string): void {
  const statuses = pod.status.containerStatuses ?? [];
  const notReady = pod.spec.containers.filter((c) => !wanted || statuses.find((s) => s.name === c.name)?.ready === false);
  const ready = notReady.length === 0;
  const unready = notReady.map((c) => c.name).join(' ');
  const reason = ready ? undefined : 'ContainersNotReady';
  const message = ready ? undefined : `containers with unready status: [${unready}]`;
  setCondition(pod, 'Ready', ready ? 'True' : 'False', at, reason, message);
  setCondition(pod, 'ContainersReady', ready ? 'True' : 'False', at, reason, message);
}

/** Every container waiting with the same reason (ContainerCreating, ErrImagePull, ...). */
export function setAllWaiting(pod: Pod, reason: string, message: string | undefined, imageIDs: Record<string, string> = {}): void {
  const previous = new Map((pod.status.containerStatuses ?? []).map((s) => [s.name, s]));
  pod.status.containerStatuses = pod.spec.containers.map((c): ContainerStatus => ({
    image: c.image,
    imageID: imageIDs[c.name] ?? '',
    lastState: previous.get(c.name)?.lastState ?? {},
    name: c.name,
    ready: false,
    restartCount: previous.get(c.name)?.restartCount ?? 0,
    started: false,
    state: { waiting: message ? { message, reason } : { reason } },
  }));
}
