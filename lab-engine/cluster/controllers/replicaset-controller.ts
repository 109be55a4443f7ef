// The ReplicaSet controller (pkg/controller/replicaset): keeps spec.replicas active pods named
// `<rs>-<5 chars>`, scaling down the least valuable pods first (unscheduled, then pending, then
// not ready, then newest), and reports replicas, ready and available pods in status. Like the
// real controller's ClaimPods, it releases a pod it owns whose labels stop matching its selector
// (relabelling a pod orphans it, and the ReplicaSet starts a replacement) and adopts an orphan
// that matches (relabelling it back hands it to the ReplicaSet again, which then scales down).

import { isApiError } from '../../kube/api-errors';
import { selectorMatches } from '../../kube/label-selector';
import type { Pod, ReplicaSet } from '../../kube/types';
import { REPLICASET_CONTROLLER } from '../event-recorder';
import { podRequestFromTemplate } from '../pod-template';
import type { Controller, ControllerHost, PodRequest } from './controller';
import { controllerRef, isActive, isPodReady, ownerRef, setStatus, uniquePodName } from './controller-helpers';

export const replicaSetController: Controller = {
  name: 'replicaset',
  watches: ['replicasets', 'pods'],
  reconcile(host, at) {
    let changed = false;
    const orphans = host.store.list('pods').filter((pod) => !controllerRef(pod.metadata.ownerReferences) && !pod.metadata.deletionTimestamp);
    for (const rs of host.store.list('replicasets')) {
      const adopted = adoptOrphans(host, rs, orphans);
      changed = reconcileReplicaSet(host, rs, [...(host.podsByOwner.get(rs.metadata.uid) ?? []), ...adopted], at) || adopted.length > 0 || changed;
    }
    return changed;
  },
};

function reconcileReplicaSet(host: ControllerHost, rs: ReplicaSet, claimed: Pod[], at: number): boolean {
  const owned = claimed.filter((pod) => !releasedUnmatched(host, rs, pod));
  let changed = owned.length !== claimed.length;
  const active = owned.filter(isActive);
  const diff = active.length - rs.spec.replicas;
  if (diff < 0) {
    for (let i = 0; i < -diff; i++) {
      const name = uniquePodName(host.store, host.rng, rs.metadata.namespace!, rs.metadata.name);
      try {
        active.push(host.createPod(replicaSetPodRequest(rs, name), at));
      } catch (error) {
        // The API refused (the pod quota): the real controller records FailedCreate and retries on its next sync.
        if (!isApiError(error)) throw error;
        host.events?.record(at, rs, 'Warning', 'FailedCreate', `Error creating: ${error.message}`, REPLICASET_CONTROLLER);
        break;
      }
      host.events?.record(at, rs, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, REPLICASET_CONTROLLER);
    }
    changed = true;
  } else if (diff > 0) {
    const victims = [...active].sort(deletionRank).slice(0, diff);
    for (const pod of victims) {
      host.deletePod(pod, at);
      host.events?.record(at, rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, REPLICASET_CONTROLLER);
    }
    changed = true;
  }
  const stillActive = active.filter(isActive);
  const ready = stillActive.filter(isPodReady).length;
  const status: ReplicaSet['status'] = {
    ...(ready ? { availableReplicas: ready } : {}),
    fullyLabeledReplicas: stillActive.filter((p) => selectorMatches({ matchLabels: rs.spec.template.metadata.labels }, p.metadata.labels)).length,
    observedGeneration: rs.metadata.generation,
    ...(ready ? { readyReplicas: ready } : {}),
    replicas: stillActive.length,
  };
  if (status.fullyLabeledReplicas === 0) delete status.fullyLabeledReplicas;
  return setStatus(host.store, rs, status) || changed;
}

/**
 * ControllerRefManager.ClaimPods: a pod that is not being deleted and no longer matches the
 * selector loses its ownerReference to the ReplicaSet (the garbage collector then leaves it be).
 */
function releasedUnmatched(host: ControllerHost, rs: ReplicaSet, pod: Pod): boolean {
  if (pod.metadata.deletionTimestamp || selectorMatches(rs.spec.selector, pod.metadata.labels)) return false;
  const kept = (pod.metadata.ownerReferences ?? []).filter((ref) => ref.uid !== rs.metadata.uid);
  if (kept.length > 0) pod.metadata.ownerReferences = kept;
  else delete pod.metadata.ownerReferences;
  host.store.touch(pod);
  return true;
}

/**
 * ClaimPods' adoption: an orphan in the ReplicaSet's namespace that its selector matches gets its
 * controller ownerReference, unless the ReplicaSet is being deleted. Adopted pods leave `orphans`,
 * so two ReplicaSets with overlapping selectors never claim the same pod.
 */
function adoptOrphans(host: ControllerHost, rs: ReplicaSet, orphans: Pod[]): Pod[] {
  if (rs.metadata.deletionTimestamp) return [];
  const adopted = orphans.filter((pod) => pod.metadata.namespace === rs.metadata.namespace && isActive(pod) && selectorMatches(rs.spec.selector, pod.metadata.labels));
  for (const pod of adopted) {
    pod.metadata.ownerReferences = [...(pod.metadata.ownerReferences ?? []), ownerRef(rs)];
    host.store.touch(pod);
    orphans.splice(orphans.indexOf(pod), 1);
  }
  return adopted;
}

/** controller.ActivePods ranking: the pod that is cheapest to lose comes first. */
function deletionRank(a: Pod, b: Pod): number {
  const scheduled = (p: Pod) => (p.spec.nodeName ? 1 : 0);
  const phase = (p: Pod) => (p.status.phase === 'Pending' ? 0 : p.status.phase === 'Unknown' ? 1 : 2);
  const ready = (p: Pod) => (isPodReady(p) ? 1 : 0);
  return (
    scheduled(a) - scheduled(b) ||
    phase(a) - phase(b) ||
    ready(a) - ready(b) ||
    Date.parse(b.metadata.creationTimestamp) - Date.parse(a.metadata.creationTimestamp) ||
    (a.metadata.name < b.metadata.name ? -1 : 1)
  );
}

/** The pod a ReplicaSet asks for. */
export function replicaSetPodRequest(rs: ReplicaSet, name: string): PodRequest {
  const req = podRequestFromTemplate(rs.spec.template, name, rs.metadata.namespace!, ownerRef(rs));
  req.generateName = `${rs.metadata.name}-`;
  return req;
}
