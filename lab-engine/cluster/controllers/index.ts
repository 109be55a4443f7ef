// The controllers kube-controller-manager runs in the simulated cluster, in the order each pass
// runs them, and the loop that runs them to a fixed point on one instant. The Endpoints and
// EndpointSlice controller runs apart (endpoints-controller.ts): it is woken per namespace.

import type { Pod, ResourceName } from '../../kube/types';
import type { Controller, ControllerHost } from './controller';
import { controllerRef } from './controller-helpers';
import { daemonSetController } from './daemonset-controller';
import { deploymentController } from './deployment-controller';
import { garbageCollector } from './garbage-collector';
import { jobController } from './job-controller';
import { namespaceController } from './namespace-controller';
import { replicaSetController } from './replicaset-controller';
import { serviceAccountController } from './serviceaccount-controller';
import { statefulSetController } from './statefulset-controller';

export type { Controller, ControllerHost } from './controller';

/** Run order within a pass: a terminating namespace emptied first, owners before what they own, the garbage collector last. */
export const CONTROLLERS: readonly Controller[] = [namespaceController, deploymentController, replicaSetController, daemonSetController, statefulSetController, jobController, serviceAccountController, garbageCollector];

/** Resources whose changes wake a controller. */
export const WATCHED: ReadonlySet<ResourceName> = new Set(CONTROLLERS.flatMap((c) => c.watches));

const MAX_PASSES = 6;

/** What a controller may do besides the pod index, which the loop rebuilds every pass. */
export type ControllerPorts = Omit<ControllerHost, 'podsByOwner'>;

/** Runs every controller until a pass changes nothing (at most MAX_PASSES). True if anything changed. */
export function runControllers(ports: ControllerPorts, at: number, controllers: readonly Controller[] = CONTROLLERS): boolean {
  let any = false;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const host: ControllerHost = { ...ports, podsByOwner: indexPodsByOwner(ports) };
    let changed = false;
    for (const c of controllers) changed = reconcileContained(c, host, at) || changed;
    any = any || changed;
    if (!changed) break;
  }
  return any;
}

/**
 * One controller's pass; an error it meets (an API refusal such as the pod quota) ends that pass
 * only, as a failed sync does in kube-controller-manager, and never reaches the caller: the caller
 * is a command or the shell's background clock, which must not crash on a controller's behalf.
 */
function reconcileContained(c: Controller, host: ControllerHost, at: number): boolean {
  try {
    return c.reconcile(host, at);
  } catch {
    // What it wrote before failing woke the informers, so the next advance runs it again.
    return false;
  }
}

function indexPodsByOwner(ports: ControllerPorts): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const pod of ports.store.list('pods')) {
    const ref = controllerRef(pod.metadata.ownerReferences);
    if (!ref) continue;
    const list = out.get(ref.uid);
    if (list) list.push(pod);
    else out.set(ref.uid, [pod]);
  }
  return out;
}

/** The workload controllers' pass as the cluster and bootstrap run it. */
export function reconcileWorkloads(ports: ControllerPorts, at: number): boolean {
  return runControllers(ports, at);
}

export { controllerRef, isPodReady, REVISION_ANNOTATION } from './controller-helpers';
export { buildReplicaSet, rollingParameters } from './deployment-controller';
export { replicaSetPodRequest } from './replicaset-controller';
export { daemonPodRequest, daemonSetWantsNode } from './daemonset-controller';
