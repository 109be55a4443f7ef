// A lifecycle stage as data, after kwok's Stage (kubernetes-sigs/kwok pkg/apis/v1alpha1/
// stage_types.go): which objects it applies to (resourceRef and selector), how long after a
// named moment it fires (delay), and what it does then (next). kwok's `next` is a Go status
// template plus event, finalizers and delete; here it is a list of typed steps, so every change
// a stage can make is a case the compiler knows and a fixture can pin.
//
// What cannot be data stays behind a small named hook (pod-hooks.ts): the decisions the
// simulated components compute (the scheduler's node pick, IPAM, the image manager, a container
// program's exit code) and the durations they imply. A hook picks an outcome; what each outcome
// does to the object is again data (`decide` below).

import type { PodPhase } from '../../kube/types';
import type { EventType } from '../event-recorder';
import type { PodRuntime, PodStage } from './pod-runtime';

export interface Stage {
  /** Unique; fixtures and the engine's trace name stages by it. */
  name: string;
  /** kwok's resourceRef. Pods are the only kind with a lifecycle so far. */
  resource: 'pods';
  selector: StageSelector;
  delay: StageDelay;
  /** Applied in order when the stage fires. */
  next: readonly Step[];
}

/**
 * Which objects the stage applies to. `stage` is the pod's runtime stage (its place in the
 * kubelet's state machine); at most one stage per runtime stage matches a pod at a time, and the
 * first in table order wins. Selector and delay are evaluated when the pod enters its runtime
 * stage, not on every write (kwok re-evaluates on each watch event; nothing here needs it).
 */
export interface StageSelector {
  stage: PodStage;
  /** ANDed, as kwok's matchExpressions. */
  matchExpressions?: readonly FieldRequirement[];
}

/** `.status.phase` reads the object; `runtime.attached` reads the pod's runtime record. */
export type FieldKey = `.${string}` | `runtime.${keyof PodRuntime & string}`;

export interface FieldRequirement {
  key: FieldKey;
  /** Label-selector semantics: NotIn and DoesNotExist hold for a missing field. Values compare as strings. */
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: readonly string[];
}

export interface StageDelay {
  /** The named moment the delay counts from: when the pod entered its runtime stage. */
  from: 'stage-entered';
  after: Duration;
}

export type Duration =
  | { kind: 'fixed'; ms: number }
  /** The kubelet's back-off curve (10 s doubling to 5 min) for the count named, less time already spent waiting. */
  | { kind: 'back-off'; count: 'pull-failures' | 'next-restart'; lessMs?: number }
  /** The first image: cached on the node, a cold pull's time, or a failed registry lookup. */
  | { kind: 'image-pull' }
  /** The main container program's run time; never for a server or an attached command. */
  | { kind: 'program-exit' }
  /** The grace period or the image's SIGTERM time, whichever is shorter. */
  | { kind: 'termination' };

/**
 * Text with `{{variable}}` placeholders. In an `each-container` step `container` and `image` are
 * that container's, elsewhere the first container's; `node`, `message`, `took` and `size` come
 * from the deciding hook (or the pod); `pullError` and `backOffSeconds` are derived from the pod.
 */
export type Text = string;

export type TemplateVariable = 'name' | 'namespace' | 'uid' | 'node' | 'container' | 'image' | 'message' | 'took' | 'size' | 'pullError' | 'backOffSeconds';

export type PodConditionType = 'PodReadyToStartContainers' | 'Initialized' | 'Ready' | 'ContainersReady' | 'PodScheduled';

export type Step =
  // ---- Status edits: change the pod in memory; `write` stores it (one resourceVersion, as one status update).
  | { kind: 'condition'; type: PodConditionType; status: 'True' | 'False'; reason?: string; message?: Text }
  /** Ready and ContainersReady together, as the kubelet sets them. */
  | { kind: 'readiness'; ready: boolean }
  | { kind: 'all-waiting'; reason: string; message?: Text }
  | { kind: 'phase'; phase: PodPhase }
  /** spec.nodeName, startTime and hostIP(s) from the `schedule` hook's node. */
  | { kind: 'bind' }
  /** podIP(s) from the `sandbox-address` hook. */
  | { kind: 'pod-ip' }
  /** Every container running with a fresh containerd ID; `restart` keeps the last state and imageID. */
  | { kind: 'start-containers'; restart: boolean }
  /** The first container terminated with the `container-exit` hook's code. */
  | { kind: 'terminate-container' }
  /** The first container's state moves to lastState and it waits with `reason`. */
  | { kind: 'container-back-off'; reason: string; message: Text }
  | { kind: 'count'; counter: 'pull-failures' | 'restarts' }
  | { kind: 'write' }
  // ---- Events (events never move resourceVersion).
  | { kind: 'kubelet-event'; about: 'pod' | 'container'; type: EventType; reason: string; message: Text }
  | { kind: 'scheduler-event'; action: 'Scheduling' | 'Binding'; type: EventType; reason: string; message: Text }
  // ---- The node's own state.
  /** The current container's image joins the node's image cache. */
  | { kind: 'cache-image' }
  /** The sandbox's address goes back to the node's range. */
  | { kind: 'release-address' }
  // ---- Flow.
  /** Runs `steps` once per container in spec order; `will-pull` keeps those whose image the kubelet must pull. */
  | { kind: 'each-container'; only?: 'will-pull'; steps: readonly Step[] }
  | { kind: 'enter'; stage: PodStage }
  | { kind: 'delete' }
  /** Ends the stage here (a container's image failed: the containers after it are not tried). */
  | { kind: 'end' }
  /** The kubelet's probe workers run what is due now (probe-worker.ts); a failed liveness probe moves the pod to `exited`. */
  | { kind: 'probe' }
  | Decide;

/** The hooks and the outcomes each may pick. */
export interface HookOutcomes {
  /** kube-scheduler: bound by the scheduler, already bound by spec.nodeName, or no node fits. Facts: node, hostIP, message. */
  schedule: 'scheduled' | 'assigned' | 'unschedulable';
  /** host-local IPAM (or the node's address for hostNetwork). Facts: ip. */
  'sandbox-address': 'allocated' | 'exhausted';
  /** The kubelet's image manager for the current container. Facts: message, took, size. */
  'ensure-image': 'pulled' | 'present' | 'pull-failed' | 'invalid-image';
  /** The main program ended; the restart policy decides. Facts: exitCode. */
  'container-exit': 'completed' | 'failed' | 'restarting';
}

export type Hook = keyof HookOutcomes;

/** Asks `hook`, then runs the steps of the outcome it picked (none when the outcome is not listed). */
export type Decide = { [H in Hook]: { kind: 'decide'; hook: H; outcomes: { readonly [O in HookOutcomes[H]]?: readonly Step[] } } }[Hook];

/** What a hook found, for the steps and texts after it. */
export interface Facts {
  node?: string;
  hostIP?: string;
  ip?: string;
  message?: string;
  exitCode?: number;
  took?: string;
  size?: number;
}
