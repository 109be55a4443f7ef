// The parts of the pod lifecycle that are computation, not data: each hook asks a simulated
// component for a decision (the scheduler's node, IPAM's address, the image manager's pull, the
// container program's exit) and each code-backed duration reads the same components (pull
// time, program run time, SIGTERM time). Stages name them; what an outcome does is data in
// pod-stages.ts. Hooks change nothing but the component they ask (the scheduler's RNG, the IPAM
// range); the pod is edited only by steps.

import type { Container, Pod } from '../../kube/types';
import { containerProgram, type Program } from '../container-program';
import { parseImageRef, pullImage } from '../images';
import { schedulePod } from '../scheduler';
import type { LifecycleContext, PodRuntime } from './pod-runtime';
import type { Duration, Facts, Hook, HookOutcomes } from './stage';
import { preStopMs } from './termination-timing';

/** kubelet's image pull back-off: 10 s doubling to 5 min; the same curve restarts crashed containers. */
export function backoffMs(failures: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, failures - 1), 300_000);
}

export const CACHED_PULL_MS = 700;
const REGISTRY_LOOKUP_MS = 1_500;
// kube-scheduler parks an unschedulable pod until a cluster event may help it (Cluster.advanceTo
// kicks them when a pod goes away) and retries anyway after podMaxInUnschedulablePodsDuration.
export const UNSCHEDULABLE_RETRY_MS = 300_000;

export interface Decision<H extends Hook> {
  outcome: HookOutcomes[H];
  facts: Facts;
}

/** Asks `hook` about `pod` (and `container` for the image manager); `given` carries facts known beforehand (an attached command's exit code). */
export function decide<H extends Hook>(hook: H, pod: Pod, ctx: LifecycleContext, container: Container | undefined, given: Facts): Decision<H> {
  const h: Hook = hook;
  switch (h) {
    case 'schedule':
      return schedule(pod, ctx) as Decision<H>;
    case 'sandbox-address':
      return sandboxAddress(pod, ctx) as Decision<H>;
    case 'ensure-image':
      return ensureImage(pod, container ?? pod.spec.containers[0], ctx) as Decision<H>;
    case 'container-exit':
      return containerExit(pod, given, ctx) as Decision<H>;
    default: {
      const never: never = h;
      throw new Error(`unknown hook ${String(never)}`);
    }
  }
}

export function durationMs(duration: Duration, pod: Pod, rt: PodRuntime, ctx: LifecycleContext): number {
  switch (duration.kind) {
    case 'fixed':
      return duration.ms;
    case 'back-off': {
      const count = duration.count === 'pull-failures' ? rt.pullFailures : (pod.status.containerStatuses?.[0]?.restartCount ?? 0) + 1;
      return backoffMs(count) - (duration.lessMs ?? 0);
    }
    case 'image-pull':
      return pullDelay(pod, ctx);
    case 'program-exit': {
      const program = programOf(pod, ctx);
      return program?.kind === 'exit' ? program.afterMs : Infinity;
    }
    case 'termination':
      // The preStop hook runs first; SIGTERM follows it, and the grace period bounds both.
      return Math.min(rt.graceMs ?? 30_000, preStopOf(pod) + stopDelay(pod));
    default: {
      const never: never = duration;
      throw new Error(`unknown duration ${JSON.stringify(never)}`);
    }
  }
}

/** kube-scheduler (scheduler.ts) with the pods already bound as the load; a pod created with spec.nodeName is bound as it is. */
function schedule(pod: Pod, ctx: LifecycleContext): Decision<'schedule'> {
  const load = new Map<string, number>();
  for (const p of ctx.store.list('pods')) {
    if (p.spec.nodeName && !p.metadata.deletionTimestamp) load.set(p.spec.nodeName, (load.get(p.spec.nodeName) ?? 0) + 1);
  }
  const result = pod.spec.nodeName ? { node: pod.spec.nodeName } : schedulePod(pod, ctx.store.list('nodes'), load, ctx.rng);
  if ('unschedulable' in result) return { outcome: 'unschedulable', facts: { message: result.unschedulable } };
  const node = ctx.store.get('nodes', undefined, result.node);
  const hostIP = node?.status.addresses.find((a) => a.type === 'InternalIP')?.address;
  return { outcome: pod.spec.nodeName ? 'assigned' : 'scheduled', facts: { node: result.node, hostIP } };
}

/** The sandbox's address: the node's own for hostNetwork, else the next free one in the node's range. */
function sandboxAddress(pod: Pod, ctx: LifecycleContext): Decision<'sandbox-address'> {
  const ip = pod.spec.hostNetwork ? pod.status.hostIP : ctx.ipam.allocate(pod.spec.nodeName!, `${pod.metadata.namespace}/${pod.metadata.name}`);
  return ip ? { outcome: 'allocated', facts: { ip } } : { outcome: 'exhausted', facts: {} };
}

/**
 * The image manager (pkg/kubelet/images/image_manager.go): an unparsable reference, a pull the
 * registry refuses, an image the node has and may use (imagePullPolicy), or a pull with its
 * time (the cached copy's when the policy forces a pull of a present image) and size.
 */
function ensureImage(pod: Pod, container: Container, ctx: LifecycleContext): Decision<'ensure-image'> {
  const ref = parseImageRef(container.image);
  if (!ref) return { outcome: 'invalid-image', facts: {} };
  const outcome = pullImage(ref);
  if (!outcome.ok) return { outcome: 'pull-failed', facts: { message: outcome.message } };
  const cached = (ctx.imageCache[pod.spec.nodeName!] ?? []).includes(ref.full);
  if (cached && container.imagePullPolicy !== 'Always') return { outcome: 'present', facts: {} };
  return { outcome: 'pulled', facts: { took: goDuration(cached ? CACHED_PULL_MS : outcome.image.pullMs), size: outcome.image.sizeBytes } };
}

/** The main process ended with its program's code (or the attached command's); the restart policy decides what follows. */
function containerExit(pod: Pod, given: Facts, ctx: LifecycleContext): Decision<'container-exit'> {
  const program = programOf(pod, ctx);
  const exitCode = given.exitCode ?? (program?.kind === 'exit' ? program.exitCode : 0);
  const policy = pod.spec.restartPolicy;
  if (policy === 'Never' || (policy === 'OnFailure' && exitCode === 0)) return { outcome: exitCode === 0 ? 'completed' : 'failed', facts: { exitCode } };
  return { outcome: 'restarting', facts: { exitCode } };
}

/** Whether the kubelet pulls `container`'s image rather than using the node's copy (imagePullPolicy). */
export function willPull(pod: Pod, container: Container, ctx: LifecycleContext): boolean {
  const ref = parseImageRef(container.image);
  if (!ref) return false;
  return container.imagePullPolicy === 'Always' || !(ctx.imageCache[pod.spec.nodeName!] ?? []).includes(ref.full);
}

/** containerd's error for the first container's image, empty when it pulls. */
export function pullError(pod: Pod): string {
  const ref = parseImageRef(pod.spec.containers[0].image);
  if (!ref) return '';
  const outcome = pullImage(ref);
  return outcome.ok ? '' : outcome.message;
}

/** The digest-pinned ID containerd reports for `container`'s image, empty when it does not pull. */
export function imageIdOf(container: Container): string {
  const ref = parseImageRef(container.image);
  const outcome = ref ? pullImage(ref) : undefined;
  return outcome?.ok ? outcome.imageID : '';
}

function pullDelay(pod: Pod, ctx: LifecycleContext): number {
  const ref = parseImageRef(pod.spec.containers[0].image);
  if (!ref) return 0;
  if ((ctx.imageCache[pod.spec.nodeName!] ?? []).includes(ref.full)) return CACHED_PULL_MS;
  const outcome = pullImage(ref);
  return outcome.ok ? outcome.image.pullMs : REGISTRY_LOOKUP_MS;
}

function programOf(pod: Pod, ctx: LifecycleContext): Program | undefined {
  const overridden = ctx.programOverride?.(pod);
  if (overridden) return overridden;
  const container = pod.spec.containers[0];
  const ref = parseImageRef(container.image);
  if (!ref) return undefined;
  const outcome = pullImage(ref);
  return outcome.ok ? containerProgram(container, outcome.image) : undefined;
}

/** The preStop hook's time, for a pod whose containers run (the kubelet skips hooks of stopped ones). */
function preStopOf(pod: Pod): number {
  return pod.status.containerStatuses?.some((s) => s.state.running) ? preStopMs(pod.spec.containers[0]) : 0;
}

/** How long a pod takes to stop once asked: its image's SIGTERM behaviour if running, else at once. */
function stopDelay(pod: Pod): number {
  const running = pod.status.containerStatuses?.some((s) => s.state.running);
  if (!running) return 500;
  const ref = parseImageRef(pod.spec.containers[0].image);
  const outcome = ref ? pullImage(ref) : undefined;
  return outcome?.ok ? outcome.image.stopMs : 1_000;
}

/** Go's time.Duration.String for whole milliseconds: 700ms, 4s, 2.5s, 1m30s. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = ((ms % 60_000) / 1000).toFixed(3).replace(/\.?0+$/, '');
  return minutes ? `${minutes}m${seconds}s` : `${seconds}s`;
}
