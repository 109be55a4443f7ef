// The pod lifecycle's public face: the runtime record, the stages and the engine that fires them,
// and the two transitions the API side starts itself (a delete removing a pod at once, an
// attached command ending). Stages are data (pod-stages.ts), applied by one loop
// (stage-engine.ts) on the injected clock; see stage.ts for how a stage reads.

import type { Pod } from '../../kube/types';
import type { LifecycleContext, PodRuntime } from './pod-runtime';
import { applyStage } from './pod-steps';
import { POD_STAGES } from './pod-stages';
import type { Stage } from './stage';

export { enter, type LifecycleContext, type PodRuntime, type PodStage } from './pod-runtime';
export { backoffMs, goDuration, UNSCHEDULABLE_RETRY_MS } from './pod-hooks';
export { POD_STAGES } from './pod-stages';
export { StageEngine, type Due, type FiredStage } from './stage-engine';
export type { Stage } from './stage';

/** The stage named `name` (fixtures, traces); undefined for an unknown name. */
export function stageNamed(name: string): Stage | undefined {
  return POD_STAGES.find((s) => s.name === name);
}

const CONTAINER_EXITS = stageNamed('container-exits')!;
const FINISH_TERMINATION = stageNamed('finish-termination')!;

/** Drops a pod from the API and gives its address back to the node's range (what `finish-termination` does at its end). */
export function removePod(pod: Pod, ctx: LifecycleContext): void {
  // Its steps (release-address, delete) read neither the runtime record nor the time, so a blank record will do.
  applyStage(FINISH_TERMINATION, pod, { stage: 'terminating', since: 0, pullFailures: 0 }, ctx, 0);
}

/** The main process ended: with its program's code, or with `code` when the learner's attached command set it. */
export function containerExited(pod: Pod, rt: PodRuntime, ctx: LifecycleContext, at: number, code?: number): void {
  applyStage(CONTAINER_EXITS, pod, rt, ctx, at, code === undefined ? {} : { exitCode: code });
}
