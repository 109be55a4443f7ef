// The kubelet's probe workers (pkg/kubelet/prober/worker.go, prober.go) on the injected clock.
// One worker per container and probe kind ticks every periodSeconds from when the kubelet took
// the pod (its startTime), so the first probe after a container starts comes at the next tick,
// as on a real node. A tick is skipped while the container is not running, before
// initialDelaySeconds have passed since it started, for liveness and readiness until the startup
// probe has passed, and for liveness and startup once the pod is being deleted (the worker sets
// Success and stops, for a quiet shutdown). A result counts only after successThreshold (or
// failureThreshold) equal results in a row; readiness starts as Failure, liveness as Success,
// startup as Unknown, and each new container ID starts them again. Every failed run is a
// `Warning Unhealthy` event; a liveness or startup failure that counts kills the container
// (`Killing`: "Container web failed liveness probe, will be restarted"), which then restarts
// through the crash back-off of pod-stages.ts.

import type { Container, Pod, Probe } from '../../kube/types';
import { ALWAYS_HEALTHY } from '../container-prober';
import { containerFieldPath, kubelet } from '../event-recorder';
import { setReadiness } from '../pod-status';
import { rfc3339 } from '../time-format';
import { enter, type ContainerProbes, type LifecycleContext, type PodRuntime, type ProbeKind, type ProbeTrack } from './pod-runtime';

const FIELDS: Readonly<Record<ProbeKind, 'livenessProbe' | 'readinessProbe' | 'startupProbe'>> = { liveness: 'livenessProbe', readiness: 'readinessProbe', startup: 'startupProbe' };
const TITLE: Readonly<Record<ProbeKind, string>> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };
const KINDS: readonly ProbeKind[] = ['startup', 'liveness', 'readiness'];

/** The initial results of worker.go's newWorker. */
function freshTrack(kind: ProbeKind): ProbeTrack {
  return { run: 0, result: kind === 'readiness' ? 'failure' : kind === 'liveness' ? 'success' : 'unknown' };
}

/** Whether `pod` has any probe at all (most do not, and cost nothing). */
export function hasProbes(pod: Pod): boolean {
  return pod.spec.containers.some((c) => c.livenessProbe || c.readinessProbe || c.startupProbe);
}

/** The probe state of `c`, started again when the container ID changed (a restart). */
function stateOf(rt: PodRuntime, pod: Pod, c: Container): ContainerProbes | undefined {
  const status = pod.status.containerStatuses?.find((s) => s.name === c.name);
  if (!status?.containerID) return undefined;
  const all = (rt.probes ??= {});
  let state = all[c.name];
  if (!state || state.containerID !== status.containerID) {
    state = { containerID: status.containerID };
    for (const kind of KINDS) if (c[FIELDS[kind]]) state[kind] = freshTrack(kind);
    all[c.name] = state;
  }
  return state;
}

/** Startup has passed (or there is no startup probe): liveness and readiness may run. */
function started(state: ContainerProbes): boolean {
  return !state.startup || state.startup.result === 'success';
}

function active(kind: ProbeKind, state: ContainerProbes, pod: Pod): boolean {
  const track = state[kind];
  if (!track || track.onHold) return false;
  const deleting = !!pod.metadata.deletionTimestamp;
  switch (kind) {
    case 'startup':
      return !deleting && track.result !== 'success';
    case 'liveness':
      return !deleting && started(state);
    case 'readiness':
      return started(state);
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** The first tick of `probe`'s worker after `after` at which it may run for a container started at `startedMs`. */
function nextTick(anchor: number, probe: Probe, startedMs: number, after: number): number {
  const period = Math.max(1, probe.periodSeconds) * 1000;
  const earliest = Math.max(after + 1, startedMs + (probe.initialDelaySeconds ?? 0) * 1000);
  return anchor + Math.ceil((earliest - anchor) / period) * period;
}

interface DueProbe {
  at: number;
  container: Container;
  kind: ProbeKind;
}

/** A container the kubelet is stopping, when it ends. */
function dueKill(pod: Pod, rt: PodRuntime): { at: number; container: Container } | undefined {
  for (const c of pod.spec.containers) {
    const kill = rt.probes?.[c.name]?.kill;
    if (kill) return { at: kill.at, container: c };
  }
  return undefined;
}

function dueProbes(pod: Pod, rt: PodRuntime): DueProbe[] {
  const anchor = Date.parse(pod.status.startTime ?? '');
  if (!Number.isFinite(anchor) || !pod.status.podIP) return [];
  const out: DueProbe[] = [];
  for (const c of pod.spec.containers) {
    const running = pod.status.containerStatuses?.find((s) => s.name === c.name)?.state.running;
    if (!running || !(c.livenessProbe || c.readinessProbe || c.startupProbe)) continue;
    const state = stateOf(rt, pod, c);
    if (!state) continue;
    // startedAt is whole seconds; the runtime record knows the instant the container started.
    const startedMs = Math.max(Date.parse(running.startedAt), rt.stage === 'running' ? rt.since : -Infinity);
    for (const kind of KINDS) {
      if (!active(kind, state, pod)) continue;
      const track = state[kind]!;
      out.push({ at: nextTick(anchor, c[FIELDS[kind]]!, startedMs, track.lastTick ?? startedMs - 1), container: c, kind });
    }
  }
  return out;
}

/** When the pod's next probe runs; Infinity when none will. */
export function nextProbeAt(pod: Pod, rt: PodRuntime): number {
  if (!hasProbes(pod)) return Infinity;
  return Math.min(dueKill(pod, rt)?.at ?? Infinity, ...dueProbes(pod, rt).map((d) => d.at));
}

/** Runs every probe of `pod` due at `at`, in container order (startup, liveness, readiness), and applies what counts. */
export function runDueProbes(pod: Pod, rt: PodRuntime, ctx: LifecycleContext, at: number): void {
  const prober = ctx.prober ?? ALWAYS_HEALTHY;
  const kill = dueKill(pod, rt);
  if (kill && kill.at <= at) {
    containerStopped(pod, rt, ctx, kill.container, at);
    return;
  }
  let changed = false;
  for (const due of dueProbes(pod, rt)) {
    if (due.at !== at) continue;
    const { container: c, kind } = due;
    const state = rt.probes![c.name];
    const track = state[kind]!;
    track.lastTick = at;
    const probe = c[FIELDS[kind]]!;
    const verdict = prober.run(pod, c, probe, at);
    const event = (reason: string, type: 'Normal' | 'Warning', message: string) => ctx.events?.record(at, pod, type, reason, message, kubelet(pod.spec.nodeName!), containerFieldPath(c.name));
    if (verdict.result === 'unknown') {
      event('Unhealthy', 'Warning', `${TITLE[kind]} probe errored and resulted in unknown state: ${verdict.error}`);
      continue;
    }
    if (verdict.result === 'failure') event('Unhealthy', 'Warning', `${TITLE[kind]} probe failed: ${verdict.output}`);
    const outcome = verdict.result;
    if (track.last === outcome) track.run += 1;
    else {
      track.last = outcome;
      track.run = 1;
    }
    const threshold = outcome === 'failure' ? probe.failureThreshold : probe.successThreshold;
    if (track.run < threshold) continue;
    if (track.result !== outcome) changed = true;
    track.result = outcome;
    if (kind !== 'readiness' && outcome === 'failure') {
      track.onHold = true;
      track.run = 0;
      event('Killing', 'Normal', `Container ${c.name} failed ${kind} probe, will be restarted`);
      const graceMs = (probe.terminationGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds) * 1000;
      const stop = prober.stop(pod, c, graceMs);
      state.kill = { at: at + stop.afterMs, exitCode: stop.exitCode };
      if (stop.afterMs === 0) {
        containerStopped(pod, rt, ctx, c, at);
        return;
      }
    }
  }
  // A worker that could not run now (startup not passed yet) skipped this tick: it never catches up on old ones.
  for (const state of Object.values(rt.probes ?? {})) {
    for (const kind of KINDS) {
      const track = state[kind];
      if (track && (track.lastTick ?? -Infinity) < at) track.lastTick = at;
    }
  }
  if (changed && applyResults(pod, rt, at)) ctx.store.touch(pod);
}

/** The containers' started/ready flags and the pod's Ready conditions from the probe results; true when something changed. */
function applyResults(pod: Pod, rt: PodRuntime, at: number): boolean {
  const before = JSON.stringify(pod.status);
  for (const s of pod.status.containerStatuses ?? []) {
    const c = pod.spec.containers.find((x) => x.name === s.name);
    const state = rt.probes?.[s.name];
    if (!c || !state || !s.state.running) continue;
    s.started = started(state);
    s.ready = s.started && (!state.readiness || state.readiness.result === 'success');
  }
  setReadiness(pod, true, rfc3339(at));
  return JSON.stringify(pod.status) !== before;
}

/** What a container's status is when it starts: ready only without a readiness probe, started only without a startup probe. */
export function startingFlags(c: Container): { ready: boolean; started: boolean } {
  return { ready: !c.readinessProbe && !c.startupProbe, started: !c.startupProbe };
}

/**
 * kuberuntime stopped the container (SIGTERM, then SIGKILL after the probe's or the pod's grace
 * period; what the program does on SIGTERM gave the exit code). It then waits in the crash back-off.
 */
function containerStopped(pod: Pod, rt: PodRuntime, ctx: LifecycleContext, c: Container, at: number): void {
  const state = rt.probes![c.name];
  const exitCode = state.kill?.exitCode ?? 137;
  delete state.kill;
  const stamp = rfc3339(at);
  for (const s of pod.status.containerStatuses ?? []) {
    if (s.name !== c.name) continue;
    const startedAt = s.state.running?.startedAt ?? stamp;
    s.state = { terminated: { containerID: s.containerID, exitCode, finishedAt: stamp, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt } as never };
    s.ready = false;
    s.started = false;
  }
  setReadiness(pod, false, stamp);
  ctx.store.touch(pod);
  enter(rt, 'exited', at);
}
