// Applies a stage's steps to one pod: one small case per step kind, in the order the stage lists
// them (the order is observable: the write gives the pod its resourceVersion, events are listed
// as recorded). Texts are filled from the pod, the current container and the deciding hook's facts.

import type { Container, Pod } from '../../kube/types';
import { containerFieldPath, kubelet } from '../event-recorder';
import { parseImageRef } from '../images';
import { setAllWaiting, setCondition, setReadiness } from '../pod-status';
import { rfc3339 } from '../time-format';
import { backoffMs, decide, imageIdOf, pullError, willPull } from './pod-hooks';
import { enter, type LifecycleContext, type PodRuntime } from './pod-runtime';
import { runDueProbes, startingFlags } from './probe-worker';
import type { Facts, Stage, Step, TemplateVariable, Text } from './stage';

interface Scope {
  pod: Pod;
  rt: PodRuntime;
  ctx: LifecycleContext;
  at: number;
  facts: Facts;
  /** The container an `each-container` step is on. */
  container?: Container;
}

/** Fires `stage` on `pod` at `at`; `given` are facts known before any hook runs (an attached command's exit code). */
export function applyStage(stage: Stage, pod: Pod, rt: PodRuntime, ctx: LifecycleContext, at: number, given: Facts = {}): void {
  run(stage.next, { pod, rt, ctx, at, facts: { ...given } });
}

/** Runs `steps`; true when an `end` step stopped the stage. */
function run(steps: readonly Step[], scope: Scope): boolean {
  for (const step of steps) if (apply(step, scope)) return true;
  return false;
}

function apply(step: Step, s: Scope): boolean {
  const { pod, rt, ctx, at } = s;
  const stamp = rfc3339(at);
  switch (step.kind) {
    case 'condition':
      setCondition(pod, step.type, step.status, stamp, step.reason, step.message === undefined ? undefined : render(step.message, s));
      return false;
    case 'readiness':
      setReadiness(pod, step.ready, stamp);
      return false;
    case 'all-waiting':
      setAllWaiting(pod, step.reason, step.message === undefined ? undefined : render(step.message, s));
      return false;
    case 'phase':
      pod.status.phase = step.phase;
      return false;
    case 'bind':
      bind(pod, s.facts, stamp);
      return false;
    case 'pod-ip':
      pod.status.podIP = s.facts.ip;
      pod.status.podIPs = [{ ip: s.facts.ip! }];
      return false;
    case 'start-containers':
      startContainers(pod, ctx, stamp, step.restart);
      return false;
    case 'terminate-container':
      terminateContainer(pod, s.facts.exitCode ?? 0, stamp);
      return false;
    case 'container-back-off': {
      const status = pod.status.containerStatuses![0];
      const message = render(step.message, s);
      status.lastState = status.state;
      status.state = { waiting: { message, reason: step.reason } };
      return false;
    }
    case 'count':
      if (step.counter === 'pull-failures') rt.pullFailures += 1;
      else pod.status.containerStatuses![0].restartCount += 1;
      return false;
    case 'write':
      ctx.store.touch(pod);
      return false;
    case 'kubelet-event': {
      const fieldPath = step.about === 'container' ? containerFieldPath((s.container ?? pod.spec.containers[0]).name) : undefined;
      ctx.events?.record(at, pod, step.type, step.reason, render(step.message, s), kubelet(pod.spec.nodeName!), fieldPath);
      return false;
    }
    case 'scheduler-event':
      ctx.events?.recordScheduler(at, pod, step.type, step.reason, step.action, render(step.message, s));
      return false;
    case 'cache-image': {
      const ref = parseImageRef((s.container ?? pod.spec.containers[0]).image)!;
      const cache = (ctx.imageCache[pod.spec.nodeName!] ??= []);
      if (!cache.includes(ref.full)) cache.push(ref.full);
      return false;
    }
    case 'release-address':
      if (pod.spec.nodeName && pod.status.podIP && !pod.spec.hostNetwork) ctx.ipam.release(pod.spec.nodeName, pod.status.podIP);
      return false;
    case 'each-container':
      for (const container of pod.spec.containers) {
        if (step.only === 'will-pull' && !willPull(pod, container, ctx)) continue;
        if (run(step.steps, { ...s, container })) return true;
      }
      return false;
    case 'enter':
      enter(rt, step.stage, at);
      return false;
    case 'delete':
      ctx.store.remove('pods', pod.metadata.namespace, pod.metadata.name);
      return false;
    case 'end':
      return true;
    case 'probe':
      runDueProbes(pod, rt, ctx, at);
      return false;
    case 'decide': {
      const decision = decide(step.hook, pod, ctx, s.container, s.facts);
      const steps = (step.outcomes as Readonly<Record<string, readonly Step[]>>)[decision.outcome] ?? [];
      s.facts = { ...s.facts, ...decision.facts };
      return run(steps, s);
    }
    default: {
      const never: never = step;
      throw new Error(`unknown step ${JSON.stringify(never)}`);
    }
  }
}

/** The binding the scheduler posts (pods/binding) and what the kubelet records on admitting the pod. */
function bind(pod: Pod, facts: Facts, stamp: string): void {
  pod.spec.nodeName = facts.node;
  pod.status.startTime = stamp;
  if (facts.hostIP) {
    pod.status.hostIP = facts.hostIP;
    pod.status.hostIPs = [{ ip: facts.hostIP }];
  }
}

function startContainers(pod: Pod, ctx: LifecycleContext, stamp: string, restart: boolean): void {
  const previous = new Map((pod.status.containerStatuses ?? []).map((st) => [st.name, st]));
  pod.status.containerStatuses = pod.spec.containers.map((c) => {
    const before = previous.get(c.name);
    const ref = parseImageRef(c.image)!;
    return {
      containerID: `containerd://${hex(ctx, 64)}`,
      image: ref.full,
      imageID: restart ? (before?.imageID ?? '') : imageIdOf(c),
      lastState: restart ? (before?.state.terminated ? { terminated: before.state.terminated } : (before?.lastState ?? {})) : {},
      name: c.name,
      ready: startingFlags(c).ready,
      restartCount: before?.restartCount ?? 0,
      started: startingFlags(c).started,
      state: { running: { startedAt: stamp } },
    };
  });
}

function terminateContainer(pod: Pod, exitCode: number, stamp: string): void {
  const status = pod.status.containerStatuses![0];
  const startedAt = status.state.running?.startedAt ?? stamp;
  status.state = { terminated: { containerID: status.containerID, exitCode, finishedAt: stamp, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt } as never };
  status.ready = false;
  status.started = false;
}

function hex(ctx: LifecycleContext, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'[ctx.rng.int(16)];
  return out;
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

export function render(text: Text, s: Scope): string {
  return text.replace(PLACEHOLDER, (_, name: string) => variable(name as TemplateVariable, s));
}

function variable(name: TemplateVariable, s: Scope): string {
  const { pod, facts } = s;
  const container = s.container ?? pod.spec.containers[0];
  switch (name) {
    case 'name':
      return pod.metadata.name;
    case 'namespace':
      return pod.metadata.namespace ?? '';
    case 'uid':
      return pod.metadata.uid;
    case 'node':
      return facts.node ?? pod.spec.nodeName ?? '';
    case 'container':
      return container.name;
    case 'image':
      return container.image;
    case 'message':
      return facts.message ?? '';
    case 'took':
      return facts.took ?? '';
    case 'size':
      return String(facts.size ?? '');
    case 'pullError':
      return pullError(pod);
    case 'backOffSeconds':
      return String(backoffMs((pod.status.containerStatuses?.[0]?.restartCount ?? 0) + 1) / 1000);
    default: {
      const never: never = name;
      throw new Error(`unknown template variable {{${String(never)}}}`);
    }
  }
}
