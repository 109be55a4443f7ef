// The Job controller (pkg/controller/job/job_controller.go), NonIndexed completion mode, with the
// v1.34 defaults (JobPodReplacementPolicy, JobSuccessPolicy and JobManagedBy on):
// - Pods are `<job>-<5 chars>` from the template (whose labels the API server filled with
//   job-name / controller-uid, both plain and `batch.kubernetes.io/`), each carrying the
//   `batch.kubernetes.io/job-tracking` finalizer until the controller has counted it.
// - manageJob: at most `parallelism` active pods, never more than the completions still missing;
//   a Job without completions stops starting pods after its first success. A pod being deleted
//   is counted as failed and, with podReplacementPolicy TerminatingOrFailed, replaced at once.
// - More failures than `backoffLimit`: the FailureTarget condition (BackoffLimitExceeded), active
//   pods deleted, then Failed once none is terminating. Enough successes with nothing active:
//   SuccessCriteriaMet (CompletionsReached), then Complete and completionTime.
// - status: startTime on the first sync, active/succeeded/failed (omitted at 0), ready and
//   terminating (always present), uncountedTerminatedPods {}.
// Simplifications: a failed pod is replaced at once rather than after the 10 s doubling back-off,
// and activeDeadlineSeconds and ttlSecondsAfterFinished are not enforced: controllers here run
// when something they watch changes, and nothing wakes them when only time passes.

import type { Job, JobCondition, Pod } from '../../kube/types';
import type { EventSource } from '../event-recorder';
import { podRequestFromTemplate } from '../pod-template';
import { rfc3339 } from '../time-format';
import type { Controller, ControllerHost, PodRequest } from './controller';
import { isPodReady, ownerRef, setStatus, uniquePodName } from './controller-helpers';

export const JOB_CONTROLLER: EventSource = { component: 'job-controller' };
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
const COMPLETIONS_REACHED = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
const BACKOFF_LIMIT_EXCEEDED = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };

export const jobController: Controller = {
  name: 'job',
  watches: ['jobs', 'pods'],
  reconcile(host, at) {
    let changed = false;
    for (const job of host.store.list('jobs')) changed = reconcileJob(host, job, [...(host.podsByOwner.get(job.metadata.uid) ?? [])], at) || changed;
    return changed;
  },
};

/** The pod a Job asks for: its template, owned by the Job, tracked by the finalizer. */
export function jobPodRequest(job: Job, name: string): PodRequest {
  const req = podRequestFromTemplate(job.spec.template, name, job.metadata.namespace!, ownerRef(job));
  req.generateName = `${job.metadata.name}-`;
  return req;
}

const isTerminal = (pod: Pod) => pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed';
const hasCondition = (job: Job, type: JobCondition['type']) => (job.status.conditions ?? []).some((c) => c.type === type && c.status === 'True');

export function isJobFinished(job: Job): boolean {
  return hasCondition(job, 'Complete') || hasCondition(job, 'Failed');
}

function reconcileJob(host: ControllerHost, job: Job, pods: Pod[], at: number): boolean {
  let changed = false;
  let succeeded = job.status.succeeded ?? 0;
  let failed = job.status.failed ?? 0;
  // trackJobStatusAndRemoveFinalizers: a pod is counted once, when its finalizer comes off.
  for (const pod of pods) {
    if (!pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER)) continue;
    const isFailed = pod.status.phase === 'Failed' || (!!pod.metadata.deletionTimestamp && pod.status.phase !== 'Succeeded');
    if (pod.status.phase !== 'Succeeded' && !isFailed) continue;
    if (pod.status.phase === 'Succeeded') succeeded++;
    else failed++;
    const rest = pod.metadata.finalizers.filter((f) => f !== JOB_TRACKING_FINALIZER);
    if (rest.length) pod.metadata.finalizers = rest;
    else delete pod.metadata.finalizers;
    host.store.touch(pod);
    changed = true;
  }
  let active = pods.filter((p) => !isTerminal(p) && !p.metadata.deletionTimestamp);
  let terminating = pods.filter((p) => !isTerminal(p) && !!p.metadata.deletionTimestamp).length;
  const conditions = structuredClone(job.status.conditions ?? []);
  const startTime = job.status.startTime ?? (job.spec.suspend ? undefined : rfc3339(at));

  if (!isJobFinished(job)) {
    const failing = hasCondition(job, 'FailureTarget') || failed > job.spec.backoffLimit;
    if (failing) {
      if (!hasCondition(job, 'FailureTarget')) conditions.push(condition('FailureTarget', BACKOFF_LIMIT_EXCEEDED, at));
      for (const pod of active) deleteJobPod(host, job, pod, at);
      terminating += active.length;
      changed = changed || active.length > 0;
      active = [];
      if (terminating === 0) {
        conditions.push(condition('Failed', BACKOFF_LIMIT_EXCEEDED, at));
        host.events?.record(at, job, 'Warning', BACKOFF_LIMIT_EXCEEDED.reason, BACKOFF_LIMIT_EXCEEDED.message, JOB_CONTROLLER);
      }
    } else {
      const managed = manageJob(host, job, active, succeeded, at);
      changed = changed || managed.changed;
      active = managed.active;
      terminating += managed.deleted;
      const complete = job.spec.completions === undefined ? succeeded > 0 && active.length === 0 : succeeded >= job.spec.completions && active.length === 0;
      if (complete) {
        if (!hasCondition(job, 'SuccessCriteriaMet')) conditions.push(condition('SuccessCriteriaMet', COMPLETIONS_REACHED, at));
        if (terminating === 0) {
          conditions.push(condition('Complete', COMPLETIONS_REACHED, at));
          host.events?.record(at, job, 'Normal', 'Completed', 'Job completed', JOB_CONTROLLER);
        }
      }
    }
  }
  const completionTime = job.status.completionTime ?? conditions.find((c) => c.type === 'Complete' && c.status === 'True')?.lastTransitionTime;
  const status: Job['status'] = {
    ...(active.length ? { active: active.length } : {}),
    ...(completionTime ? { completionTime } : {}),
    ...(conditions.length ? { conditions } : {}),
    ...(failed ? { failed } : {}),
    ready: active.filter(isPodReady).length,
    ...(startTime ? { startTime } : {}),
    ...(succeeded ? { succeeded } : {}),
    terminating,
    uncountedTerminatedPods: {},
  };
  return setStatus(host.store, job, status) || changed;
}

/** manageJob for NonIndexed Jobs: how many pods should run now, and starting or removing the difference. */
function manageJob(host: ControllerHost, job: Job, active: Pod[], succeeded: number, at: number): { active: Pod[]; deleted: number; changed: boolean } {
  const parallelism = job.spec.parallelism;
  let want: number;
  if (job.spec.suspend) want = 0;
  else if (job.spec.completions === undefined) want = succeeded > 0 ? active.length : parallelism;
  else want = Math.max(0, Math.min(job.spec.completions - succeeded, parallelism));
  if (active.length > want) {
    // activePodsForRemoval: the least valuable pods first (not yet scheduled, not ready, newest).
    const victims = [...active].sort(removalRank).slice(0, active.length - want);
    for (const pod of victims) deleteJobPod(host, job, pod, at);
    return { active: active.filter((p) => !victims.includes(p)), deleted: victims.length, changed: true };
  }
  const out = [...active];
  for (let i = active.length; i < want; i++) {
    const name = uniquePodName(host.store, host.rng, job.metadata.namespace!, job.metadata.name);
    const pod = host.createPod(jobPodRequest(job, name), at);
    // The finalizer is part of the pod the controller sends (it is in the same create).
    pod.metadata.finalizers = [JOB_TRACKING_FINALIZER];
    host.events?.record(at, job, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, JOB_CONTROLLER);
    out.push(pod);
  }
  return { active: out, deleted: 0, changed: out.length !== active.length };
}

function removalRank(a: Pod, b: Pod): number {
  const scheduled = (p: Pod) => (p.spec.nodeName ? 1 : 0);
  const ready = (p: Pod) => (isPodReady(p) ? 1 : 0);
  return scheduled(a) - scheduled(b) || ready(a) - ready(b) || Date.parse(b.metadata.creationTimestamp) - Date.parse(a.metadata.creationTimestamp) || (a.metadata.name < b.metadata.name ? -1 : 1);
}

function deleteJobPod(host: ControllerHost, job: Job, pod: Pod, at: number): void {
  host.deletePod(pod, at);
  host.events?.record(at, job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, JOB_CONTROLLER);
}

function condition(type: JobCondition['type'], why: { reason: string; message: string }, at: number): JobCondition {
  const stamp = rfc3339(at);
  return { lastProbeTime: stamp, lastTransitionTime: stamp, message: why.message, reason: why.reason, status: 'True', type };
}
