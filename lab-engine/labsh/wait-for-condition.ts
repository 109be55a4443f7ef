// What the learner's shell does when a lesson's Run block asks it to wait (protocol/
// wait-condition.ts): read the object from the model as the clock moves until the condition holds,
// the learner presses Ctrl-C, or it times out. The tests are the ones `kubectl wait
// --for=condition=Ready` and `kubectl rollout status` make; the rollout viewers are mirrored
// from kubectl's (pkg/kubectl/polymorphichelpers/rollout_status.go). Loaded on the first wait,
// so an idle labsh pays nothing for it.

import type { ApiObject } from '../kube/types';
import { statefulSetStatus } from '../shell/commands/kubectl/rollout-status-statefulset';
import { describeWaitCondition, type WaitCondition } from '../protocol';

export type WaitOutcome = { met: true } | { met: false; why: 'interrupted' | 'timed-out' };

export interface WaitPorts {
  /** The object as the model holds it now (the simulation's `get`, after bringing the clock up to date). */
  read(resource: 'pods' | 'deployments' | 'daemonsets' | 'statefulsets', namespace: string, name: string): ApiObject | undefined;
  /** Waits up to `ms` of wall time (Ctrl-C cuts it short). */
  sleep(ms: number): Promise<unknown>;
  wallNow(): number;
  signal: AbortSignal;
  timeoutMs: number;
  /** Called once, when the condition does not already hold: the learner is told what the shell waits for. */
  onWaiting(): void;
}

const POLL_MS = 150;

const RESOURCE = { pod: 'pods', deployment: 'deployments', daemonset: 'daemonsets', statefulset: 'statefulsets' } as const;

function podReady(obj: ApiObject): boolean {
  return obj.kind === 'Pod' && (obj.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Every wanted replica is Ready. */
function allReady(obj: ApiObject): boolean {
  switch (obj.kind) {
    case 'Pod':
      return podReady(obj);
    case 'Deployment':
      return (obj.status.readyReplicas ?? 0) >= obj.spec.replicas && (obj.status.updatedReplicas ?? 0) >= obj.spec.replicas;
    case 'DaemonSet':
      return (obj.status.numberReady ?? 0) >= obj.status.desiredNumberScheduled;
    case 'StatefulSet':
      return (obj.status.readyReplicas ?? 0) >= obj.spec.replicas;
    default:
      return false;
  }
}

/** What `kubectl rollout status` calls done. */
function rolledOut(obj: ApiObject): boolean {
  switch (obj.kind) {
    case 'Deployment': {
      const st = obj.status;
      return (
        obj.metadata.generation <= (st.observedGeneration ?? 0) &&
        (st.updatedReplicas ?? 0) >= obj.spec.replicas &&
        (st.replicas ?? 0) <= (st.updatedReplicas ?? 0) &&
        (st.availableReplicas ?? 0) >= (st.updatedReplicas ?? 0)
      );
    }
    case 'DaemonSet': {
      const st = obj.status;
      return (
        obj.metadata.generation <= (st.observedGeneration ?? 0) &&
        (st.updatedNumberScheduled ?? 0) >= st.desiredNumberScheduled &&
        (st.numberAvailable ?? 0) >= st.desiredNumberScheduled
      );
    }
    case 'StatefulSet':
      return statefulSetStatus(obj).done;
    default:
      return false;
  }
}

export function conditionHolds(condition: WaitCondition, obj: ApiObject | undefined): boolean {
  if (!obj) return false;
  switch (condition.until) {
    case 'ready':
      return allReady(obj);
    case 'rollout':
      return rolledOut(obj);
    default: {
      const never: never = condition;
      return never;
    }
  }
}

export async function waitForCondition(condition: WaitCondition, ports: WaitPorts): Promise<WaitOutcome> {
  const deadline = ports.wallNow() + ports.timeoutMs;
  for (let polls = 0; ; polls++) {
    // Interruption is read from the signal, never inferred from how long a sleep lasted.
    if (ports.signal.aborted) return { met: false, why: 'interrupted' };
    if (conditionHolds(condition, ports.read(RESOURCE[condition.kind], condition.namespace, condition.name))) return { met: true };
    const left = deadline - ports.wallNow();
    if (left <= 0) return { met: false, why: 'timed-out' };
    if (polls === 0) ports.onWaiting();
    await ports.sleep(Math.min(POLL_MS, left));
  }
}

/**
 * The lines the terminal shows around a wait that did not hold at once, dim so they read as the
 * lesson's and not a command's: what it waits for (over the prompt it was started at, which the
 * REPL draws again afterwards), then how it ended. Nothing at all when the condition already held.
 */
export function waitNotice(condition: WaitCondition, outcome: WaitOutcome | null, timeoutMs: number): string {
  const what = describeWaitCondition(condition);
  const object = `${condition.kind}/${condition.name}${condition.namespace === 'default' ? '' : ` -n ${condition.namespace}`}`;
  if (!outcome) return `\r\x1b[K\x1b[2m… waiting for ${what}, as the lesson's next step needs it\x1b[0m\n`;
  if (outcome.met) return `\x1b[2m✓ ${condition.until === 'ready' ? `${object} is Ready` : `the rollout of ${object} is done`}\x1b[0m\n`;
  if (outcome.why === 'interrupted') return `\x1b[2mstopped waiting for ${what}\x1b[0m\n`;
  return `\x1b[33mstill waiting for ${what} after ${Math.round(timeoutMs / 1000)} s; \`kubectl describe ${object}\` says why\x1b[0m\n`;
}
