// The StatefulSet controller (pkg/controller/statefulset, stateful_set_control.go), keeping the
// rules a learner can watch:
// - Pods are named `<set>-<ordinal>` for ordinals [start, start+replicas); each gets
//   `hostname: <pod>` and `subdomain: <serviceName>`, so the governing headless Service gives it
//   the DNS name `<pod>.<service>.<ns>.svc.cluster.local`, and the labels
//   `statefulset.kubernetes.io/pod-name`, `apps.kubernetes.io/pod-index` and
//   `controller-revision-hash: <set>-<hash>`.
// - OrderedReady (the default) is monotonic: a pod is created only once every lower ordinal is
//   Running and Ready, and nothing else happens while one is unhealthy or terminating; scale-down
//   removes the highest ordinal first, one at a time, each after the previous one is gone.
//   Parallel creates and removes them all at once.
// - RollingUpdate replaces pods whose revision is not the update revision from the highest
//   ordinal down to `partition`, one at a time, waiting for each replacement to be Ready; once
//   every pod is updated and ready the update revision becomes the current one. OnDelete leaves
//   pods alone until someone deletes them.
// - A Failed or Succeeded pod is deleted and made again under the same name.
// Simplifications: revisions are not stored as ControllerRevision objects (the revision name is
// `<set>-<template hash>`), so a pod below the partition that must be re-made gets the update
// template; volumeClaimTemplates make no claims (Flatnet models no storage); minReadySeconds is
// not waited for (available = ready).

import type { Pod, StatefulSet } from '../../kube/types';
import type { EventSource } from '../event-recorder';
import { podRequestFromTemplate, templateHash } from '../pod-template';
import type { Controller, ControllerHost, PodRequest } from './controller';
import { isPodReady, ownerRef, setStatus } from './controller-helpers';

export const STATEFULSET_CONTROLLER: EventSource = { component: 'statefulset-controller' };

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';

export const statefulSetController: Controller = {
  name: 'statefulset',
  watches: ['statefulsets', 'pods'],
  reconcile(host, at) {
    let changed = false;
    for (const set of host.store.list('statefulsets')) changed = reconcileStatefulSet(host, set, [...(host.podsByOwner.get(set.metadata.uid) ?? [])], at) || changed;
    return changed;
  },
};

/** The revision name pods of the set's current template carry: `<set>-<hash>`. */
export function updateRevisionOf(set: StatefulSet): string {
  return `${set.metadata.name}-${templateHash(set.spec.template)}`;
}

/** The ordinal a pod's name gives it for `set`, or -1 when the name is not `<set>-<n>`. */
export function ordinalOf(set: StatefulSet, pod: Pod): number {
  const prefix = `${set.metadata.name}-`;
  const rest = pod.metadata.name.startsWith(prefix) ? pod.metadata.name.slice(prefix.length) : '';
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : -1;
}

/** newStatefulSetPod + initIdentity: the pod for one ordinal, at `revision`. */
export function statefulPodRequest(set: StatefulSet, ordinal: number, revision: string): PodRequest {
  const name = `${set.metadata.name}-${ordinal}`;
  const req = podRequestFromTemplate(set.spec.template, name, set.metadata.namespace!, ownerRef(set), {
    [POD_INDEX_LABEL]: String(ordinal),
    [REVISION_LABEL]: revision,
    [POD_NAME_LABEL]: name,
  });
  req.hostname = name;
  if (set.spec.serviceName) req.subdomain = set.spec.serviceName;
  return req;
}

const isTerminating = (pod: Pod) => !!pod.metadata.deletionTimestamp;
const isRunningAndReady = (pod: Pod) => pod.status.phase === 'Running' && isPodReady(pod);
const isHealthy = (pod: Pod) => isRunningAndReady(pod) && !isTerminating(pod);
const isFinished = (pod: Pod) => pod.status.phase === 'Failed' || pod.status.phase === 'Succeeded';

function reconcileStatefulSet(host: ControllerHost, set: StatefulSet, owned: Pod[], at: number): boolean {
  const updateRevision = updateRevisionOf(set);
  const currentRevision = set.status.currentRevision ?? updateRevision;
  const changed = syncPods(host, set, owned, updateRevision, at);
  return updateStatus(host, set, host.podsByOwner.get(set.metadata.uid) ?? [], currentRevision, updateRevision, changed) || changed;
}

/** One pass of updateStatefulSet: replicas in ordinal order, then condemned pods, then the rolling update. */
function syncPods(host: ControllerHost, set: StatefulSet, owned: Pod[], updateRevision: string, at: number): boolean {
  const start = set.spec.ordinals?.start ?? 0;
  const end = start + set.spec.replicas;
  const monotonic = set.spec.podManagementPolicy !== 'Parallel';
  const byOrdinal = new Map<number, Pod>();
  const condemned: Pod[] = [];
  for (const pod of owned) {
    const ordinal = ordinalOf(set, pod);
    if (ordinal < 0) continue;
    if (ordinal >= start && ordinal < end) byOrdinal.set(ordinal, pod);
    else condemned.push(pod);
  }
  condemned.sort((a, b) => ordinalOf(set, a) - ordinalOf(set, b));
  let changed = false;

  for (let ordinal = start; ordinal < end; ordinal++) {
    let pod = byOrdinal.get(ordinal);
    if (pod && isFinished(pod) && !isTerminating(pod)) {
      deleteStatefulPod(host, set, pod, at);
      changed = true;
      // Made again under the same name once the old one is gone (at once when it never ran on a node).
      pod = host.store.get('pods', set.metadata.namespace, pod.metadata.name);
    }
    if (!pod) {
      pod = host.createPod(statefulPodRequest(set, ordinal, updateRevision), at);
      host.events?.record(at, set, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, STATEFULSET_CONTROLLER);
      byOrdinal.set(ordinal, pod);
      changed = true;
      if (monotonic) return changed;
      continue;
    }
    // A pod being replaced (or still going away) holds its successors back, as does one not yet Ready.
    if (monotonic && !isHealthy(pod)) return changed;
  }

  // Every replica is Running and Ready (when monotonic): condemned pods go, highest ordinal first.
  for (let i = condemned.length - 1; i >= 0; i--) {
    const pod = condemned[i];
    if (isTerminating(pod)) {
      if (monotonic) return changed;
      continue;
    }
    deleteStatefulPod(host, set, pod, at);
    changed = true;
    if (monotonic) return changed;
  }

  if (set.spec.updateStrategy.type !== 'RollingUpdate') return changed;
  const partition = start + (set.spec.updateStrategy.rollingUpdate?.partition ?? 0);
  for (let ordinal = end - 1; ordinal >= partition; ordinal--) {
    const pod = byOrdinal.get(ordinal);
    if (!pod) return changed;
    if (pod.metadata.labels?.[REVISION_LABEL] !== updateRevision && !isTerminating(pod)) {
      deleteStatefulPod(host, set, pod, at);
      return true;
    }
    if (!isHealthy(pod)) return changed;
  }
  return changed;
}

function deleteStatefulPod(host: ControllerHost, set: StatefulSet, pod: Pod, at: number): void {
  host.deletePod(pod, at);
  host.events?.record(at, set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, STATEFULSET_CONTROLLER);
}

/** computeReplicaStatus + completeRollingUpdate, written only when something differs. */
function updateStatus(host: ControllerHost, set: StatefulSet, before: readonly Pod[], currentRevision: string, updateRevision: string, podsChanged: boolean): boolean {
  // Pods created or deleted in this pass are read back from the store, as the next sync would see them.
  const pods = podsChanged ? host.store.list('pods', set.metadata.namespace).filter((p) => p.metadata.ownerReferences?.some((r) => r.controller && r.uid === set.metadata.uid)) : before;
  let replicas = 0;
  let ready = 0;
  let current = 0;
  let updated = 0;
  for (const pod of pods) {
    const created = !!pod.status.phase;
    if (created) replicas++;
    if (isRunningAndReady(pod)) ready++;
    if (created && !isTerminating(pod)) {
      const revision = pod.metadata.labels?.[REVISION_LABEL];
      if (revision === currentRevision) current++;
      if (revision === updateRevision) updated++;
    }
  }
  let currentRev = currentRevision;
  if (set.spec.updateStrategy.type === 'RollingUpdate' && updated === replicas && ready === replicas) {
    current = updated;
    currentRev = updateRevision;
  }
  const status: StatefulSet['status'] = {
    availableReplicas: ready,
    collisionCount: 0,
    ...(current ? { currentReplicas: current } : {}),
    currentRevision: currentRev,
    observedGeneration: set.metadata.generation,
    ...(ready ? { readyReplicas: ready } : {}),
    replicas,
    updateRevision,
    ...(updated ? { updatedReplicas: updated } : {}),
  };
  return setStatus(host.store, set, status);
}
