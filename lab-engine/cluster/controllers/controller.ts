// The contract of a kube-controller-manager controller in the simulated cluster: ONE file per
// controller under cluster/controllers/ (`deployment-controller.ts`, ...), listed in run order in
// cluster/controllers/index.ts. Controllers are level-triggered: the cluster runs them to a fixed
// point on the current instant whenever a resource they watch changed, and they write only when
// a value differs, so a settled cluster stays byte-identical.
//
// This interface is shared with engineers adding controllers in parallel: keep it stable, add
// only optional members.

import type { Rng } from '../../core/random';
import type { Pod, ResourceName } from '../../kube/types';
import type { EventRecorder } from '../event-recorder';
import type { ObjectStore } from '../object-store';
import type { PodRequest } from '../pod-admission';

export type { PodRequest } from '../pod-admission';

/** What a controller may do: read and write the store (status, owned objects), create and delete pods as the API would. */
export interface ControllerHost {
  store: ObjectStore;
  rng: Rng;
  /** Where the controllers' events go (SuccessfulCreate, ScalingReplicaSet, ...); tests may leave it out. */
  events?: EventRecorder;
  /** Admits and stores a pod (its lifecycle starts at `at`). */
  createPod(req: PodRequest, at: number): Pod;
  /** A graceful delete, as a controller's DELETE with default options. */
  deletePod(pod: Pod, at: number): void;
  /** A DELETE of any other object, removed at once (the namespace controller emptying a namespace, and the namespace itself). */
  deleteObject?(resource: ResourceName, namespace: string | undefined, name: string, at: number): void;
  /** Pods by the uid their controller ownerReference names, as of the start of this pass (the informers' index). */
  readonly podsByOwner: ReadonlyMap<string, readonly Pod[]>;
}

export interface Controller {
  /** kube-controller-manager's name for it (`deployment`, `replicaset`, `daemonset`). */
  readonly name: string;
  /**
   * The resources whose changes wake it (its informers). A pod change wakes the controllers
   * only when the pod has a controller ownerReference or when it goes away.
   */
  readonly watches: readonly ResourceName[];
  /** One pass at `at` over every object it owns; true if it wrote anything. */
  reconcile(host: ControllerHost, at: number): boolean;
}
