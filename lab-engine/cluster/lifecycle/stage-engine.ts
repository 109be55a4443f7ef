// The one loop that moves pods through their stages on the injected clock. Nothing sets a timer:
// `runUntil` fires every stage that falls due up to a time, each at its own instant and in a
// fixed order (earliest first, then by `namespace/name`), so a script that sleeps 10 s sees
// exactly what a learner waiting 10 s would, with the same timestamps.
//
// When a stage falls due for a pod is computed once, when the pod enters its runtime stage, and
// kept until the pod moves on or `invalidate` says its runtime record changed from outside (a
// delete, an attached command's exit, the scheduler's queue kicked). That cache is the hot path
// of `kubectl get -w` and `sleep`, and it fixes a stage's delay at entry, as a real kubelet's
// timers are.

import type { ManualClock } from '../../core/clock';
import { MAX_LIFECYCLE_STEPS } from '../../core/limits';
import type { Pod } from '../../kube/types';
import { durationMs } from './pod-hooks';
import type { LifecycleContext, PodRuntime, PodStage } from './pod-runtime';
import { applyStage } from './pod-steps';
import { nextProbeAt } from './probe-worker';
import type { FieldRequirement, Stage, StageDelay } from './stage';

/**
 * The kubelet's probe workers, as a stage of their own: it falls due at a pod's next probe tick
 * (probe-worker.ts) while the pod runs or terminates, ahead of the pod's own stage when earlier.
 * It is not in POD_STAGES: it never moves the pod's runtime stage except by a liveness kill, and
 * it leaves the time the pod entered its stage alone, so a program's run time still counts from
 * its start.
 */
export const PROBE_STAGE: Stage = { name: 'probe', resource: 'pods', selector: { stage: 'running' }, delay: { from: 'stage-entered', after: { kind: 'fixed', ms: 0 } }, next: [{ kind: 'probe' }] };
const PROBING: ReadonlySet<PodStage> = new Set(['running', 'terminating']);

export interface Due {
  at: number;
  /** `namespace/name`. */
  key: string;
  namespace: string;
  name: string;
  stage: Stage;
}

export interface FiredStage extends Due {
  pod: Pod;
  /** The stage deleted the pod. */
  removed: boolean;
}

/** A pod's next stage and when it falls due; no stage when none matches. */
interface Scheduled {
  at: number;
  stage?: Stage;
}

export class StageEngine {
  private readonly byRuntimeStage = new Map<PodStage, Stage[]>();
  private readonly due = new Map<string, Scheduled>();

  constructor(
    stages: readonly Stage[],
    private readonly runtime: Record<string, PodRuntime>,
    private readonly ctx: LifecycleContext,
  ) {
    for (const stage of stages) {
      const list = this.byRuntimeStage.get(stage.selector.stage) ?? [];
      list.push(stage);
      this.byRuntimeStage.set(stage.selector.stage, list);
    }
  }

  /** Forgets when `key`'s next stage falls due: its runtime record changed outside a stage. */
  invalidate(key: string): void {
    this.due.delete(key);
  }

  /** The stage that falls due first (ties: the smaller `namespace/name`), among the pods `filter` keeps. */
  nextDue(filter?: (namespace: string, name: string) => boolean): Due | undefined {
    let best: Due | undefined;
    for (const key of Object.keys(this.runtime)) {
      const candidates = this.byRuntimeStage.get(this.runtime[key].stage);
      if (!candidates) continue;
      const slash = key.indexOf('/');
      const namespace = key.slice(0, slash);
      const name = key.slice(slash + 1);
      if (filter && !filter(namespace, name)) continue;
      let scheduled = this.due.get(key);
      if (!scheduled) {
        const pod = this.ctx.store.get('pods', namespace, name);
        if (!pod) continue;
        scheduled = this.schedule(candidates, pod, this.runtime[key]);
        this.due.set(key, scheduled);
      }
      const { at, stage } = scheduled;
      if (!stage || !Number.isFinite(at)) continue;
      if (!best || at < best.at || (at === best.at && key < best.key)) best = { at, key, namespace, name, stage };
    }
    return best;
  }

  /**
   * Fires every stage due up to `untilMs` in order, moving `clock` to each one's instant;
   * `afterEach` lets the caller's controllers react before the next. At most MAX_LIFECYCLE_STEPS
   * firings per call, so nothing a learner does can spin forever.
   */
  runUntil(untilMs: number, clock: ManualClock, afterEach: (fired: FiredStage) => void): void {
    for (let steps = 0; steps < MAX_LIFECYCLE_STEPS; steps++) {
      const due = this.nextDue();
      if (!due || due.at > untilMs) break;
      if (due.at > clock.now()) clock.set(due.at);
      const revision = this.ctx.store.revision();
      const fired = this.fire(due);
      // A probe run that changed nothing (most of them) has nothing for the controllers.
      if (fired && (due.stage !== PROBE_STAGE || this.ctx.store.revision() !== revision)) afterEach(fired);
    }
  }

  /** Applies one due stage; undefined when its pod is already gone (its record is dropped). */
  fire(due: Due): FiredStage | undefined {
    const { key, namespace, name, at } = due;
    const pod = this.ctx.store.get('pods', namespace, name);
    const rt = this.runtime[key];
    if (!pod) {
      delete this.runtime[key];
      this.due.delete(key);
      return undefined;
    }
    const entered = rt.stage;
    applyStage(due.stage, pod, rt, this.ctx, at);
    this.due.delete(key);
    const removed = !this.ctx.store.get('pods', namespace, name);
    if (removed) delete this.runtime[key];
    // A stage that leaves the pod where it was starts its wait again from now.
    else if (rt.stage === entered && rt.since < at && due.stage !== PROBE_STAGE) rt.since = at;
    return { ...due, pod, removed };
  }

  private schedule(candidates: readonly Stage[], pod: Pod, rt: PodRuntime): Scheduled {
    const stage = candidates.find((s) => (s.selector.matchExpressions ?? []).every((r) => holds(r, pod, rt)));
    const own: Scheduled = stage ? { at: startOf(stage.delay, rt) + durationMs(stage.delay.after, pod, rt, this.ctx), stage } : { at: Infinity };
    const probeAt = PROBING.has(rt.stage) ? nextProbeAt(pod, rt) : Infinity;
    return probeAt < own.at ? { at: probeAt, stage: PROBE_STAGE } : own;
  }
}

function startOf(delay: StageDelay, rt: PodRuntime): number {
  switch (delay.from) {
    case 'stage-entered':
      return rt.since;
    default: {
      const never: never = delay.from;
      throw new Error(`unknown delay start ${String(never)}`);
    }
  }
}

function holds(req: FieldRequirement, pod: Pod, rt: PodRuntime): boolean {
  const value = fieldValue(req.key, pod, rt);
  const present = value !== undefined && value !== null;
  const listed = present && (req.values ?? []).includes(String(value));
  switch (req.operator) {
    case 'In':
      return listed;
    case 'NotIn':
      return !listed;
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    default: {
      const never: never = req.operator;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
}

/** `.a.b` walks the object; `runtime.x` reads the runtime record. */
function fieldValue(key: FieldRequirement['key'], pod: Pod, rt: PodRuntime): unknown {
  if (key.startsWith('runtime.')) return rt[key.slice('runtime.'.length) as keyof PodRuntime];
  let value: unknown = pod;
  for (const part of key.slice(1).split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
