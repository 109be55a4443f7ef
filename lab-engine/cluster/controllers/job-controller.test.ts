// The Job controller on the injected clock: completions reached with at most `parallelism` pods at
// once, the SuccessCriteriaMet → Complete conditions and completionTime, backoffLimit turning
// into FailureTarget → Failed, a work-queue Job (no completions), a deleted pod counted as a
// failure and replaced, and the registry's defaults and immutability texts.

import { describe, expect, it } from 'vitest';
import { ApiError } from '../../kube/api-errors';
import type { Job } from '../../kube/types';
import { createSimulation, settle } from '../../simulation/simulation';
import type { JobRequest } from '../registry/job';
import { JOB_TRACKING_FINALIZER } from './job-controller';

const job = (command: string[], extra: Partial<JobRequest> = {}): JobRequest => ({
  name: 'work',
  namespace: 'default',
  template: { containers: [{ name: 'work', image: 'busybox:1.36', command }], restartPolicy: 'Never' },
  ...extra,
});

function fresh() {
  const sim = createSimulation({ seed: 1 });
  return { sim, cluster: sim.cluster };
}

type Sim = ReturnType<typeof fresh>['sim'];
const podsOf = (sim: Sim) => sim.cluster.list('pods', 'default').filter((p) => p.metadata.labels?.['job-name'] === 'work');
const active = (sim: Sim) => podsOf(sim).filter((p) => p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed' && !p.metadata.deletionTimestamp);
const conditions = (j: Job) => (j.status.conditions ?? []).map((c) => [c.type, c.status, c.reason, c.message]);

/** Steps the clock event by event until the Job finishes, checking `each` at every instant. */
function runToEnd(sim: Sim, each: () => void): void {
  for (let steps = 0; steps < 500; steps++) {
    each();
    const next = sim.cluster.nextEventAt();
    if (next === undefined) break;
    sim.cluster.advanceTo(next);
  }
}

describe('Job controller', () => {
  it('runs `completions` pods, never more than `parallelism` at once, then completes', () => {
    const { sim, cluster } = fresh();
    const j = cluster.api.create('jobs', job(['sh', '-c', 'echo working && sleep 5'], { completions: 5, parallelism: 2 }));
    expect(active(sim)).toHaveLength(2);
    expect(j.status.startTime).toBe('2026-01-05T09:00:00Z');
    runToEnd(sim, () => expect(active(sim).length).toBeLessThanOrEqual(2));
    expect(podsOf(sim)).toHaveLength(5);
    expect(podsOf(sim).every((p) => p.status.phase === 'Succeeded' && !p.metadata.finalizers)).toBe(true);
    expect(conditions(j)).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ]);
    expect(j.status).toMatchObject({ succeeded: 5, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(j.status.active).toBeUndefined();
    expect(j.status.completionTime).toBe(j.status.conditions![1].lastTransitionTime);
    // Three waves of pods at 5 s each plus start-up: it took more than 15 s.
    expect(Date.parse(j.status.completionTime!) - Date.parse(j.status.startTime!)).toBeGreaterThan(15_000);
  });

  it('names pods after the Job, labels them as the template says and tracks them with the finalizer until counted', () => {
    const { sim, cluster } = fresh();
    const j = cluster.api.create('jobs', job(['sleep', '3600']));
    const [pod] = podsOf(sim);
    expect(pod.metadata.name).toMatch(/^work-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.metadata.generateName).toBe('work-');
    expect(pod.metadata.finalizers).toEqual([JOB_TRACKING_FINALIZER]);
    expect(pod.metadata.labels).toEqual({ 'batch.kubernetes.io/controller-uid': j.metadata.uid, 'batch.kubernetes.io/job-name': 'work', 'controller-uid': j.metadata.uid, 'job-name': 'work' });
    expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', blockOwnerDeletion: true, controller: true, kind: 'Job', name: 'work', uid: j.metadata.uid }]);
    settle(sim);
    expect(j.status).toMatchObject({ active: 1, ready: 1 });
  });

  it('fails with BackoffLimitExceeded once failures pass backoffLimit', () => {
    const { sim, cluster } = fresh();
    const j = cluster.api.create('jobs', job(['sh', '-c', 'exit 3'], { backoffLimit: 2 }));
    runToEnd(sim, () => expect(active(sim).length).toBeLessThanOrEqual(1));
    expect(podsOf(sim).map((p) => p.status.phase)).toEqual(['Failed', 'Failed', 'Failed']);
    expect(j.status).toMatchObject({ failed: 3, terminating: 0 });
    expect(conditions(j)).toEqual([
      ['FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ['Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ]);
    expect(j.status.completionTime).toBeUndefined();
    const warning = cluster.list('events', 'default').find((e) => e.reason === 'BackoffLimitExceeded');
    expect(warning).toMatchObject({ type: 'Warning', message: 'Job has reached the specified backoff limit', source: { component: 'job-controller' } });
  });

  it('a work queue (no completions) starts no pod after the first success and completes when all have ended', () => {
    const { sim, cluster } = fresh();
    const j = cluster.api.create('jobs', job(['sleep', '3'], { parallelism: 3 }));
    expect(j.spec.completions).toBeUndefined();
    expect(active(sim)).toHaveLength(3);
    settle(sim);
    expect(podsOf(sim)).toHaveLength(3);
    expect(j.status).toMatchObject({ succeeded: 3 });
    expect(conditions(j).map((c) => c[0])).toEqual(['SuccessCriteriaMet', 'Complete']);
  });

  it('counts a deleted running pod as failed and replaces it at once (podReplacementPolicy TerminatingOrFailed)', () => {
    const { sim, cluster } = fresh();
    const j = cluster.api.create('jobs', job(['sleep', '3600']));
    settle(sim);
    const [first] = podsOf(sim);
    cluster.api.delete('pods', 'default', first.metadata.name);
    expect(j.status).toMatchObject({ failed: 1, active: 1, terminating: 1 });
    expect(active(sim).map((p) => p.metadata.name)).not.toContain(first.metadata.name);
  });

  it('deleting the Job deletes its pods (the garbage collector)', () => {
    const { sim, cluster } = fresh();
    cluster.api.create('jobs', job(['sleep', '3600'], { parallelism: 2, completions: 4 }));
    settle(sim);
    cluster.api.delete('jobs', 'default', 'work');
    settle(sim);
    expect(podsOf(sim)).toHaveLength(0);
  });
});

describe('Job registry', () => {
  const message = (fn: () => unknown): string => {
    try {
      fn();
    } catch (error) {
      if (error instanceof ApiError) return error.message;
      throw error;
    }
    throw new Error('expected an ApiError');
  };

  it('defaults like SetDefaults_Job and generates the selector and labels', () => {
    const { cluster } = fresh();
    const j = cluster.api.create('jobs', job(['echo', 'hi']));
    const uid = j.metadata.uid;
    expect(j.spec).toMatchObject({ backoffLimit: 6, completionMode: 'NonIndexed', completions: 1, manualSelector: false, parallelism: 1, podReplacementPolicy: 'TerminatingOrFailed', suspend: false });
    expect(j.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    expect(j.metadata.labels).toEqual(j.spec.template.metadata.labels);
    expect(j.metadata.labels).toEqual({ 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'work', 'controller-uid': uid, 'job-name': 'work' });
  });

  it('requires restartPolicy OnFailure or Never', () => {
    const { cluster } = fresh();
    expect(message(() => cluster.api.create('jobs', job(['echo'], { template: { containers: [{ name: 'w', image: 'busybox' }] } })))).toBe(
      'Job.batch "work" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    );
  });

  it('keeps completions and the template immutable; parallelism may change', () => {
    const { cluster } = fresh();
    cluster.api.create('jobs', job(['sleep', '3600'], { completions: 3 }));
    expect(message(() => cluster.api.update('jobs', job(['sleep', '3600'], { completions: 4 })))).toBe('Job.batch "work" is invalid: spec.completions: Invalid value: 4: field is immutable');
    expect(message(() => cluster.api.update('jobs', job(['sleep', '60'], { completions: 3 })))).toMatch(/^Job\.batch "work" is invalid: spec\.template: Invalid value: core\.PodTemplateSpec\{.*Command:\[\]string\{"sleep", "60"\}.*\}: field is immutable$/);
    expect(cluster.api.update('jobs', job(['sleep', '3600'], { completions: 3, parallelism: 2 })).spec.parallelism).toBe(2);
  });
});
