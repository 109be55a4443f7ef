// Pod lifecycle as rules on the injected clock (kwok's Stage idea): each rule selects pods in one
// stage, waits a delay measured from when the pod entered that stage, and moves it on. Nothing
// here sets a timer; `Cluster.advanceTo` fires due rules in time order, so a script that sleeps
// 10 s sees exactly what a learner waiting 10 s would, with the same timestamps.

import type { Rng } from '../core/random';
import type { ObjectStore } from './object-store';
import type { HostLocalIpam } from './host-local-ipam';
import type { Pod } from '../kube/types';
import { schedulePod } from './scheduler';
import { parseImageRef, pullImage } from './images';
import type { ImageInfo } from './images';
import { containerProgram } from './container-program';
import { rfc3339 } from './time-format';
import { setAllWaiting, setCondition, setReadiness } from './pod-status';
import type { Container } from '../kube/types';
import { containerFieldPath, kubelet, type EventRecorder, type EventType } from './event-recorder';

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

/** What the kubelet and scheduler remember about a pod beyond its API object. */
export interface PodRuntime {
  stage: PodStage;
  /** When the pod entered `stage` (ms). */
  since: number;
  /** Failed pulls so far, for the image back-off. */
  pullFailures: number;
  /** Grace for a terminating pod (ms), fixed at delete time. */
  graceMs?: number;
  /** `kubectl run -i`: the main process is the learner's attached command, which ends when they do (Cluster.finishContainer). */
  attached?: boolean;
}

export interface LifecycleContext {
  store: ObjectStore;
  ipam: HostLocalIpam;
  rng: Rng;
  /** Images already pulled, per node (full references). */
  imageCache: Record<string, string[]>;
  /** Where kubelet and scheduler events go; absent while bootstrap builds a cluster that has been up for a while. */
  events?: EventRecorder;
}

export interface LifecycleRule {
  name: string;
  stage: PodStage;
  delayMs(pod: Pod, rt: PodRuntime, ctx: LifecycleContext): number;
  fire(pod: Pod, rt: PodRuntime, ctx: LifecycleContext, at: number): void;
}

/** kubelet's image pull back-off: 10 s doubling to 5 min; the same curve restarts crashed containers. */
export function backoffMs(failures: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, failures - 1), 300_000);
}

const SANDBOX_MS = 1_000;
const CACHED_PULL_MS = 700;
const REGISTRY_LOOKUP_MS = 1_500;
const ERR_TO_BACKOFF_MS = 1_000;
// kube-scheduler parks an unschedulable pod until a cluster event may help it (Cluster.advanceTo
// kicks them when a pod goes away) and retries anyway after podMaxInUnschedulablePodsDuration.
export const UNSCHEDULABLE_RETRY_MS = 300_000;

export const POD_RULES: readonly LifecycleRule[] = [
  {
    name: 'schedule',
    stage: 'unscheduled',
    delayMs: () => 0,
    fire: (pod, rt, ctx, at) => bindOrReport(pod, rt, ctx, at),
  },
  {
    name: 'retry-schedule',
    stage: 'unschedulable',
    delayMs: () => UNSCHEDULABLE_RETRY_MS,
    fire: (pod, rt, ctx, at) => bindOrReport(pod, rt, ctx, at),
  },
  {
    name: 'create-sandbox',
    stage: 'creating',
    delayMs: () => SANDBOX_MS,
    fire: (pod, rt, ctx, at) => {
      const node = pod.spec.nodeName!;
      const ip = pod.spec.hostNetwork ? pod.status.hostIP : ctx.ipam.allocate(node, `${pod.metadata.namespace}/${pod.metadata.name}`);
      if (!ip) return enter(rt, 'creating', at);
      pod.status.podIP = ip;
      pod.status.podIPs = [{ ip }];
      setCondition(pod, 'PodReadyToStartContainers', 'True', rfc3339(at));
      touch(ctx, pod);
      for (const c of pod.spec.containers) if (willPull(pod, c, ctx)) kubeletEvent(ctx, pod, at, 'Normal', 'Pulling', `Pulling image "${c.image}"`, c);
      enter(rt, 'pulling', at);
    },
  },
  {
    name: 'pull-and-start',
    stage: 'pulling',
    delayMs: (pod, _rt, ctx) => pullDelay(pod, ctx),
    fire: (pod, rt, ctx, at) => pullAndStart(pod, rt, ctx, at),
  },
  {
    name: 'pull-error-to-backoff',
    stage: 'pull-error',
    delayMs: () => ERR_TO_BACKOFF_MS,
    fire: (pod, rt, ctx, at) => {
      const image = pod.spec.containers[0].image;
      setAllWaiting(pod, 'ImagePullBackOff', `Back-off pulling image "${image}": ErrImagePull: ${pullMessage(pod)}`);
      touch(ctx, pod);
      const c = pod.spec.containers[0];
      kubeletEvent(ctx, pod, at, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, c);
      kubeletEvent(ctx, pod, at, 'Warning', 'Failed', 'Error: ImagePullBackOff', c);
      enter(rt, 'pull-backoff', at);
    },
  },
  {
    name: 'retry-pull',
    stage: 'pull-backoff',
    delayMs: (_pod, rt) => backoffMs(rt.pullFailures),
    fire: (pod, rt, ctx, at) => pullAndStart(pod, rt, ctx, at, true),
  },
  {
    name: 'container-exits',
    stage: 'running',
    delayMs: (pod, rt) => {
      const program = programOf(pod);
      return program?.kind === 'exit' && !rt.attached ? program.afterMs : Infinity;
    },
    fire: (pod, rt, ctx, at) => containerExited(pod, rt, ctx, at),
  },
  {
    name: 'crash-to-backoff',
    stage: 'exited',
    delayMs: () => ERR_TO_BACKOFF_MS,
    fire: (pod, rt, ctx, at) => {
      const status = pod.status.containerStatuses![0];
      const wait = backoffMs(status.restartCount + 1) / 1000;
      status.lastState = status.state;
      status.state = {
        waiting: {
          message: `back-off ${wait}s restarting failed container=${status.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
          reason: 'CrashLoopBackOff',
        },
      };
      touch(ctx, pod);
      // The kubelet's doBackOff names the pod as format.Pod does: name_namespace(uid).
      ctx.events?.record(at, pod, 'Warning', 'BackOff', `Back-off restarting failed container ${status.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`, kubelet(pod.spec.nodeName!));
      enter(rt, 'crash-backoff', at);
    },
  },
  {
    name: 'restart-container',
    stage: 'crash-backoff',
    delayMs: (pod) => backoffMs((pod.status.containerStatuses?.[0]?.restartCount ?? 0) + 1) - ERR_TO_BACKOFF_MS,
    fire: (pod, rt, ctx, at) => {
      const status = pod.status.containerStatuses![0];
      status.restartCount += 1;
      for (const c of pod.spec.containers) imageReadyEvents(pod, c, ctx, at, true);
      startContainers(pod, ctx, at, true);
      touch(ctx, pod);
      enter(rt, 'running', at);
    },
  },
  {
    name: 'finish-termination',
    stage: 'terminating',
    delayMs: (pod, rt) => Math.min(rt.graceMs ?? 30_000, stopDelay(pod)),
    fire: (pod, _rt, ctx) => removePod(pod, ctx),
  },
];

const RULES_BY_STAGE = new Map(POD_RULES.map((r) => [r.stage, r]));

export function ruleFor(stage: PodStage): LifecycleRule | undefined {
  return RULES_BY_STAGE.get(stage);
}

export function enter(rt: PodRuntime, stage: PodStage, at: number): void {
  rt.stage = stage;
  rt.since = at;
}

function touch(ctx: LifecycleContext, pod: Pod): void {
  ctx.store.touch(pod);
}

/** Drops a pod from the API and gives its address back to the node's range. */
export function removePod(pod: Pod, ctx: LifecycleContext): void {
  if (pod.spec.nodeName && pod.status.podIP && !pod.spec.hostNetwork) ctx.ipam.release(pod.spec.nodeName, pod.status.podIP);
  ctx.store.remove('pods', pod.metadata.namespace, pod.metadata.name);
}

function bindOrReport(pod: Pod, rt: PodRuntime, ctx: LifecycleContext, at: number): void {
  const nodes = ctx.store.list('nodes');
  const load = new Map<string, number>();
  for (const p of ctx.store.list('pods')) {
    if (p.spec.nodeName && !p.metadata.deletionTimestamp) load.set(p.spec.nodeName, (load.get(p.spec.nodeName) ?? 0) + 1);
  }
  const result = pod.spec.nodeName ? { node: pod.spec.nodeName } : schedulePod(pod, nodes, load, ctx.rng);
  const stamp = rfc3339(at);
  if ('unschedulable' in result) {
    const wasReported = rt.stage === 'unschedulable';
    ctx.events?.recordScheduler(at, pod, 'Warning', 'FailedScheduling', 'Scheduling', result.unschedulable);
    setCondition(pod, 'PodScheduled', 'False', stamp, 'Unschedulable', result.unschedulable);
    if (!wasReported) touch(ctx, pod);
    return enter(rt, 'unschedulable', at);
  }
  // A pod created with spec.nodeName never passes through the scheduler, so nothing is reported for it.
  if (!pod.spec.nodeName) ctx.events?.recordScheduler(at, pod, 'Normal', 'Scheduled', 'Binding', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${result.node}`);
  const node = ctx.store.get('nodes', undefined, result.node);
  const hostIP = node?.status.addresses.find((a) => a.type === 'InternalIP')?.address;
  pod.spec.nodeName = result.node;
  pod.status.startTime = stamp;
  if (hostIP) {
    pod.status.hostIP = hostIP;
    pod.status.hostIPs = [{ ip: hostIP }];
  }
  setCondition(pod, 'PodReadyToStartContainers', 'False', stamp);
  setCondition(pod, 'Initialized', 'True', stamp);
  setReadiness(pod, false, stamp);
  setCondition(pod, 'PodScheduled', 'True', stamp);
  setAllWaiting(pod, 'ContainerCreating', undefined);
  touch(ctx, pod);
  enter(rt, 'creating', at);
}

function pullDelay(pod: Pod, ctx: LifecycleContext): number {
  const ref = parseImageRef(pod.spec.containers[0].image);
  if (!ref) return 0;
  if ((ctx.imageCache[pod.spec.nodeName!] ?? []).includes(ref.full)) return CACHED_PULL_MS;
  const outcome = pullImage(ref);
  return outcome.ok ? outcome.image.pullMs : REGISTRY_LOOKUP_MS;
}

function pullMessage(pod: Pod): string {
  const ref = parseImageRef(pod.spec.containers[0].image);
  if (!ref) return '';
  const outcome = pullImage(ref);
  return outcome.ok ? '' : outcome.message;
}

/** Pulls every container's image and starts them; `retry` is a pull after back-off, which announces itself with a Pulling event first. */
function pullAndStart(pod: Pod, rt: PodRuntime, ctx: LifecycleContext, at: number, retry = false): void {
  const imageIDs: Record<string, string> = {};
  for (const container of pod.spec.containers) {
    const ref = parseImageRef(container.image);
    if (!ref) {
      const message = `Failed to apply default image tag "${container.image}": couldn't parse image name "${container.image}": invalid reference format`;
      setAllWaiting(pod, 'InvalidImageName', message);
      touch(ctx, pod);
      kubeletEvent(ctx, pod, at, 'Warning', 'InspectFailed', message, container);
      kubeletEvent(ctx, pod, at, 'Warning', 'Failed', 'Error: InvalidImageName', container);
      return enter(rt, 'invalid-image', at);
    }
    const outcome = pullImage(ref);
    if (!outcome.ok) {
      rt.pullFailures += 1;
      setAllWaiting(pod, 'ErrImagePull', outcome.message);
      touch(ctx, pod);
      if (retry) kubeletEvent(ctx, pod, at, 'Normal', 'Pulling', `Pulling image "${container.image}"`, container);
      kubeletEvent(ctx, pod, at, 'Warning', 'Failed', `Failed to pull image "${container.image}": ${outcome.message}`, container);
      kubeletEvent(ctx, pod, at, 'Warning', 'Failed', 'Error: ErrImagePull', container);
      return enter(rt, 'pull-error', at);
    }
    imageIDs[container.name] = outcome.imageID;
    imageReadyEvents(pod, container, ctx, at, retry);
    const cache = (ctx.imageCache[pod.spec.nodeName!] ??= []);
    if (!cache.includes(ref.full)) cache.push(ref.full);
  }
  startContainers(pod, ctx, at, false, imageIDs);
  touch(ctx, pod);
  enter(rt, 'running', at);
}

function startContainers(pod: Pod, ctx: LifecycleContext, at: number, restart: boolean, imageIDs: Record<string, string> = {}): void {
  const stamp = rfc3339(at);
  const previous = new Map((pod.status.containerStatuses ?? []).map((s) => [s.name, s]));
  pod.status.containerStatuses = pod.spec.containers.map((c) => {
    const before = previous.get(c.name);
    const ref = parseImageRef(c.image)!;
    return {
      containerID: `containerd://${hex(ctx.rng, 64)}`,
      image: ref.full,
      imageID: imageIDs[c.name] ?? before?.imageID ?? '',
      lastState: restart ? (before?.state.terminated ? { terminated: before.state.terminated } : (before?.lastState ?? {})) : {},
      name: c.name,
      ready: true,
      restartCount: before?.restartCount ?? 0,
      started: true,
      state: { running: { startedAt: stamp } },
    };
  });
  pod.status.phase = 'Running';
  setReadiness(pod, true, stamp);
  for (const c of pod.spec.containers) {
    kubeletEvent(ctx, pod, at, 'Normal', 'Created', `Created container: ${c.name}`, c);
    kubeletEvent(ctx, pod, at, 'Normal', 'Started', `Started container ${c.name}`, c);
  }
}

// ---- Kubelet events (pkg/kubelet/images/image_manager.go, kuberuntime_container.go)

function kubeletEvent(ctx: LifecycleContext, pod: Pod, at: number, type: EventType, reason: string, message: string, container: Container): void {
  ctx.events?.record(at, pod, type, reason, message, kubelet(pod.spec.nodeName!), containerFieldPath(container.name));
}

/** Whether the kubelet pulls `container`'s image rather than using the node's copy (imagePullPolicy). */
function willPull(pod: Pod, container: Container, ctx: LifecycleContext): boolean {
  const ref = parseImageRef(container.image);
  if (!ref) return false;
  return container.imagePullPolicy === 'Always' || !(ctx.imageCache[pod.spec.nodeName!] ?? []).includes(ref.full);
}

/**
 * The Pulled event once an image is there: "already present" when the node had it and the policy
 * allows using it, else the pull with its time and size. `announce` adds the Pulling event first
 * (a pull that did not go through the `pulling` stage: a retry or a container restart).
 */
function imageReadyEvents(pod: Pod, container: Container, ctx: LifecycleContext, at: number, announce: boolean): void {
  const ref = parseImageRef(container.image);
  const outcome = ref ? pullImage(ref) : undefined;
  if (!ref || !outcome?.ok) return;
  const cached = (ctx.imageCache[pod.spec.nodeName!] ?? []).includes(ref.full);
  if (cached && container.imagePullPolicy !== 'Always') {
    kubeletEvent(ctx, pod, at, 'Normal', 'Pulled', `Container image "${container.image}" already present on machine`, container);
    return;
  }
  if (announce) kubeletEvent(ctx, pod, at, 'Normal', 'Pulling', `Pulling image "${container.image}"`, container);
  const took = goDuration(cached ? CACHED_PULL_MS : outcome.image.pullMs);
  kubeletEvent(ctx, pod, at, 'Normal', 'Pulled', `Successfully pulled image "${container.image}" in ${took} (${took} including waiting). Image size: ${outcome.image.sizeBytes} bytes.`, container);
}

/** Go's time.Duration.String for whole milliseconds: 700ms, 4s, 2.5s, 1m30s. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = ((ms % 60_000) / 1000).toFixed(3).replace(/\.?0+$/, '');
  return minutes ? `${minutes}m${seconds}s` : `${seconds}s`;
}

/** The main process ended: with its program's code, or with `code` when the learner's attached command set it. */
export function containerExited(pod: Pod, rt: PodRuntime, ctx: LifecycleContext, at: number, code?: number): void {
  const program = programOf(pod);
  const exitCode = code ?? (program?.kind === 'exit' ? program.exitCode : 0);
  const stamp = rfc3339(at);
  const status = pod.status.containerStatuses![0];
  const startedAt = status.state.running?.startedAt ?? stamp;
  status.state = { terminated: { containerID: status.containerID, exitCode, finishedAt: stamp, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt } as never };
  status.ready = false;
  status.started = false;
  setReadiness(pod, false, stamp);
  const policy = pod.spec.restartPolicy;
  if (policy === 'Never' || (policy === 'OnFailure' && exitCode === 0)) {
    pod.status.phase = exitCode === 0 ? 'Succeeded' : 'Failed';
    setCondition(pod, 'PodReadyToStartContainers', 'False', stamp);
    touch(ctx, pod);
    return enter(rt, 'finished', at);
  }
  touch(ctx, pod);
  enter(rt, 'exited', at);
}

function programOf(pod: Pod) {
  const container = pod.spec.containers[0];
  const ref = parseImageRef(container.image);
  if (!ref) return undefined;
  const outcome = pullImage(ref);
  return outcome.ok ? containerProgram(container, outcome.image) : undefined;
}

/** How long a pod takes to stop once asked: its image's SIGTERM behaviour if running, else at once. */
function stopDelay(pod: Pod): number {
  const running = pod.status.containerStatuses?.some((s) => s.state.running);
  if (!running) return 500;
  const ref = parseImageRef(pod.spec.containers[0].image);
  const outcome = ref ? pullImage(ref) : undefined;
  const image: ImageInfo | undefined = outcome?.ok ? outcome.image : undefined;
  return image?.stopMs ?? 1_000;
}

function hex(rng: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'[rng.int(16)];
  return out;
}
