// The StatefulSet controller on the injected clock: ordinal pods with their identity, OrderedReady
// creation (each pod only once its predecessor is Running and Ready), Parallel creation,
// scale-down from the highest ordinal one pod at a time, a rolling update in reverse ordinal
// order, and the registry's defaulting and validation texts.

import { describe, expect, it } from 'vitest';
import { ApiError } from '../../kube/api-errors';
import type { Event, Pod } from '../../kube/types';
import { createSimulation, settle } from '../../simulation/simulation';
import type { StatefulSetRequest } from '../registry/statefulset';

const web = (extra: Partial<StatefulSetRequest> = {}): StatefulSetRequest => ({
  name: 'web',
  namespace: 'default',
  serviceName: 'web',
  replicas: 3,
  selector: { matchLabels: { app: 'web' } },
  template: { labels: { app: 'web' }, containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
  ...extra,
});

function fresh() {
  const sim = createSimulation({ seed: 1 });
  return { sim, cluster: sim.cluster };
}

const readyAt = (pod: Pod) => Date.parse(pod.status.conditions!.find((c) => c.type === 'Ready' && c.status === 'True')!.lastTransitionTime);
const podsOf = (sim: ReturnType<typeof fresh>['sim']) => sim.cluster.list('pods', 'default').filter((p) => p.metadata.name.startsWith('web-'));
const controllerEvents = (sim: ReturnType<typeof fresh>['sim'], reason: string): Event[] =>
  sim.cluster.list('events', 'default').filter((e) => e.source.component === 'statefulset-controller' && e.reason === reason).sort((a, b) => Date.parse(a.firstTimestamp!) - Date.parse(b.firstTimestamp!));

describe('StatefulSet pods', () => {
  it('are named by ordinal and carry their identity: hostname, subdomain and the controller labels', () => {
    const { sim, cluster } = fresh();
    const set = cluster.api.create('statefulsets', web());
    settle(sim);
    const pods = podsOf(sim);
    expect(pods.map((p) => p.metadata.name)).toEqual(['web-0', 'web-1', 'web-2']);
    const revision = set.status.updateRevision!;
    expect(revision).toMatch(/^web-[4-9bcdf]{9,10}$/);
    pods.forEach((pod, i) => {
      expect(pod.spec.hostname).toBe(`web-${i}`);
      expect(pod.spec.subdomain).toBe('web');
      expect(pod.metadata.generateName).toBeUndefined();
      expect(pod.metadata.labels).toEqual({ app: 'web', 'apps.kubernetes.io/pod-index': String(i), 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': `web-${i}` });
      expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'StatefulSet', name: 'web', uid: set.metadata.uid }]);
    });
    expect(set.status).toEqual({ availableReplicas: 3, collisionCount: 0, currentReplicas: 3, currentRevision: revision, observedGeneration: 1, readyReplicas: 3, replicas: 3, updateRevision: revision, updatedReplicas: 3 });
  });

  it('OrderedReady: each pod is created at the instant its predecessor became Running and Ready, not before', () => {
    const { sim, cluster } = fresh();
    const t0 = cluster.now();
    cluster.api.create('statefulsets', web());
    expect(podsOf(sim).map((p) => p.metadata.name)).toEqual(['web-0']);
    // Step the clock event by event: at no instant is a pod there whose predecessor is not yet Ready.
    for (let steps = 0; steps < 200 && podsOf(sim).length < 3; steps++) {
      const next = cluster.nextEventAt();
      if (next === undefined) break;
      cluster.advanceTo(next);
      const pods = podsOf(sim);
      for (let i = 1; i < pods.length; i++) expect(pods[i - 1].status.phase).toBe('Running');
    }
    settle(sim);
    const [p0, p1, p2] = podsOf(sim);
    expect(Date.parse(p0.metadata.creationTimestamp)).toBe(t0);
    expect(Date.parse(p1.metadata.creationTimestamp)).toBe(readyAt(p0));
    expect(Date.parse(p2.metadata.creationTimestamp)).toBe(readyAt(p1));
    expect(readyAt(p0)).toBeGreaterThan(t0);
    expect(controllerEvents(sim, 'SuccessfulCreate').map((e) => e.message)).toEqual([
      'create Pod web-0 in StatefulSet web successful',
      'create Pod web-1 in StatefulSet web successful',
      'create Pod web-2 in StatefulSet web successful',
    ]);
  });

  it('Parallel creates every pod at once', () => {
    const { sim, cluster } = fresh();
    cluster.api.create('statefulsets', web({ podManagementPolicy: 'Parallel' }));
    expect(podsOf(sim).map((p) => p.metadata.name)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('scales down from the highest ordinal, each pod only once the one above it is gone', () => {
    const { sim, cluster } = fresh();
    cluster.api.create('statefulsets', web());
    settle(sim);
    cluster.api.scale('statefulsets', 'default', 'web', 0);
    expect(podsOf(sim).filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name)).toEqual(['web-2']);
    const gone: string[] = [];
    for (let steps = 0; steps < 200 && podsOf(sim).length > 0; steps++) {
      const before = podsOf(sim).map((p) => p.metadata.name);
      const terminating = podsOf(sim).filter((p) => p.metadata.deletionTimestamp);
      expect(terminating.length).toBeLessThanOrEqual(1);
      const next = cluster.nextEventAt();
      if (next === undefined) break;
      cluster.advanceTo(next);
      const after = new Set(podsOf(sim).map((p) => p.metadata.name));
      gone.push(...before.filter((n) => !after.has(n)));
    }
    expect(gone).toEqual(['web-2', 'web-1', 'web-0']);
    expect(controllerEvents(sim, 'SuccessfulDelete').map((e) => e.message)).toEqual([
      'delete Pod web-2 in StatefulSet web successful',
      'delete Pod web-1 in StatefulSet web successful',
      'delete Pod web-0 in StatefulSet web successful',
    ]);
    expect(cluster.get('statefulsets', 'default', 'web')!.status).toMatchObject({ replicas: 0, availableReplicas: 0 });
  });

  it('rolls a new template out from the highest ordinal down, one ready pod at a time', () => {
    const { sim, cluster } = fresh();
    const set = cluster.api.create('statefulsets', web());
    settle(sim);
    const oldRevision = set.status.currentRevision;
    cluster.api.update('statefulsets', web({ template: { labels: { app: 'web' }, containers: [{ name: 'nginx', image: 'nginx:1.28', ports: [{ containerPort: 80 }] }] } }));
    expect(set.metadata.generation).toBe(2);
    settle(sim);
    expect(controllerEvents(sim, 'SuccessfulDelete').map((e) => e.message.split(' ')[2])).toEqual(['web-2', 'web-1', 'web-0']);
    expect(podsOf(sim).map((p) => [p.metadata.name, p.spec.containers[0].image])).toEqual([['web-0', 'nginx:1.28'], ['web-1', 'nginx:1.28'], ['web-2', 'nginx:1.28']]);
    expect(set.status.currentRevision).toBe(set.status.updateRevision);
    expect(set.status.currentRevision).not.toBe(oldRevision);
    expect(set.status).toMatchObject({ currentReplicas: 3, updatedReplicas: 3, readyReplicas: 3, observedGeneration: 2 });
  });

  it('keeps pods below the partition at their revision', () => {
    const { sim, cluster } = fresh();
    cluster.api.create('statefulsets', web({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }));
    settle(sim);
    cluster.api.update('statefulsets', web({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } }, template: { labels: { app: 'web' }, containers: [{ name: 'nginx', image: 'nginx:1.28' }] } }));
    settle(sim);
    expect(podsOf(sim).map((p) => p.spec.containers[0].image)).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.28']);
    expect(cluster.get('statefulsets', 'default', 'web')!.status).toMatchObject({ currentReplicas: 2, updatedReplicas: 1 });
  });
});

describe('StatefulSet registry', () => {
  const invalid = (fn: () => unknown): string => {
    try {
      fn();
    } catch (error) {
      if (error instanceof ApiError) return error.message;
      throw error;
    }
    throw new Error('expected an ApiError');
  };

  it('defaults like SetDefaults_StatefulSet', () => {
    const { cluster } = fresh();
    const set = cluster.api.create('statefulsets', web({ serviceName: undefined }));
    expect(set.spec).toMatchObject({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' }, podManagementPolicy: 'OrderedReady', revisionHistoryLimit: 10, serviceName: '', updateStrategy: { rollingUpdate: { partition: 0 }, type: 'RollingUpdate' } });
    expect(cluster.api.create('statefulsets', web({ name: 'od', updateStrategy: { type: 'OnDelete' } })).spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  it('refuses what ValidateStatefulSetSpec refuses, with its texts', () => {
    const { cluster } = fresh();
    expect(invalid(() => cluster.api.create('statefulsets', web({ template: { ...web().template, restartPolicy: 'Never' } })))).toBe('StatefulSet.apps "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"');
    expect(invalid(() => cluster.api.create('statefulsets', web({ selector: { matchLabels: { app: 'other' } } })))).toBe('StatefulSet.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`');
    expect(invalid(() => cluster.api.create('statefulsets', web({ podManagementPolicy: 'Random' })))).toBe(`StatefulSet.apps "web" is invalid: spec.podManagementPolicy: Invalid value: "Random": must be 'OrderedReady' or 'Parallel'`);
  });

  it('lets only replicas, template, updateStrategy and the like change (ValidateStatefulSetUpdate)', () => {
    const { cluster } = fresh();
    cluster.api.create('statefulsets', web());
    expect(invalid(() => cluster.api.update('statefulsets', web({ serviceName: 'other' })))).toBe(
      "StatefulSet.apps \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
    expect(cluster.api.update('statefulsets', web({ replicas: 5 })).spec.replicas).toBe(5);
  });
});
