// What the kubelet and scheduler remember about a pod beyond its API object, and what a stage may
// touch while it fires. kwok keeps all of a fake pod's state in its status; Flatnet's pods also
// carry state the API never shows (pull failures for the back-off, an attached `kubectl run -i`,
// the grace fixed at delete time), so that lives here and is saved in cluster snapshots as it is.

import type { Rng } from '../../core/random';
import type { Pod } from '../../kube/types';
import type { Program } from '../container-program';
import type { ContainerProber } from '../container-prober';
import type { EventRecorder } from '../event-recorder';
import type { HostLocalIpam } from '../host-local-ipam';
import type { ObjectStore } from '../object-store';

/** Where a pod is in the kubelet's state machine; stage selectors start from it. Snapshot data: names never change. */
export type PodStage =
  | 'unscheduled'
  | 'unschedulable'
  | 'creating'
  | 'pulling'
  | 'running'
  | 'exited'
  | 'crash-backoff'
  | 'pull-error'
  | 'pull-backoff'
  | 'invalid-image'
  | 'finished'
  | 'terminating';

export interface PodRuntime {
  stage: PodStage;
  /** When the pod entered `stage` (ms): the moment stage delays count from. */
  since: number;
  /** Failed pulls so far, for the image back-off. */
  pullFailures: number;
  /** Grace for a terminating pod (ms), fixed at delete time. */
  graceMs?: number;
  /** `kubectl run -i`: the main process is the learner's attached command, which ends when they do (Cluster.finishContainer). */
  attached?: boolean;
  /** The probe workers' state, by container name (probe-worker.ts); absent for a pod without probes. */
  probes?: Record<string, ContainerProbes>;
}

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/** One probe worker: its last tick, the run of equal results, and the result that counts. */
export interface ProbeTrack {
  lastTick?: number;
  last?: 'success' | 'failure';
  run: number;
  result: 'success' | 'failure' | 'unknown';
  /** A liveness or startup failure killed the container: no more runs until a new container ID. */
  onHold?: boolean;
}

export interface ContainerProbes {
  /** The container the results belong to; a new ID starts every worker again. */
  containerID: string;
  liveness?: ProbeTrack;
  readiness?: ProbeTrack;
  startup?: ProbeTrack;
  /** A failed liveness or startup probe asked the container to stop; it ends then, with this code. */
  kill?: { at: number; exitCode: number };
}

export interface LifecycleContext {
  store: ObjectStore;
  ipam: HostLocalIpam;
  rng: Rng;
  /** Images already pulled, per node (full references). */
  imageCache: Record<string, string[]>;
  /** Where kubelet and scheduler events go; absent while bootstrap builds a cluster that has been up for a while. */
  events?: EventRecorder;
  /** A program that depends on more than the pod's image and command (kube-proxy's config file). */
  programOverride?: (pod: Pod) => Program | undefined;
  /** Runs probes against what containers really serve (wired by the composition root; absent: every probe passes). */
  prober?: ContainerProber;
}

export function enter(rt: PodRuntime, stage: PodStage, at: number): void {
  rt.stage = stage;
  rt.since = at;
}
