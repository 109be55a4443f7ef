import { describe, expect, it } from 'vitest';
import { ManualClock, SIMULATION_EPOCH_MS } from '../../core/clock';
import { createRng } from '../../core/random';
import { Cluster } from '../cluster';
import { bootstrapCluster } from '../../simulation/cluster-bootstrap';
import { ApiError } from '../../kube/api-errors';
import type { DeploymentRequest } from '../workload-admission';
import type { Pod } from '../../kube/types';
import { isPodReady } from './index';
import { restartedAt } from '../apiserver/rollout-restart';

function fresh(seed = 1) {
  const clock = new ManualClock(SIMULATION_EPOCH_MS);
  return { clock, cluster: bootstrapCluster(clock, createRng(seed), { cni: 'calico', proxyMode: 'iptables' }) };
}

const web = (extra: Partial<DeploymentRequest> = {}): DeploymentRequest => ({
  name: 'web',
  namespace: 'default',
  labels: { app: 'web' },
  replicas: 3,
  selector: { matchLabels: { app: 'web' } },
  template: { labels: { app: 'web' }, containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80, name: 'http' }] }] },
  ...extra,
});

const podsOf = (cluster: Cluster, prefix: string, ns = 'default') => cluster.list('pods', ns).filter((p) => p.metadata.name.startsWith(prefix));
const live = (pods: Pod[]) => pods.filter((p) => !p.metadata.deletionTimestamp);

describe('Deployment → ReplicaSet → Pods', () => {
  it('creates one ReplicaSet named after the template hash and its pods at once', () => {
    const { cluster } = fresh();
    cluster.api.create('deployments', web());
    const [rs] = cluster.list('replicasets', 'default');
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(hash).toMatch(/^[4-9bcdf]{9,10}$/);
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true });
    expect(rs.metadata.annotations).toEqual({ 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'deployment.kubernetes.io/revision': '1' });
    const pods = podsOf(cluster, 'web-');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.generateName).toBe(`web-${hash}-`);
      expect(p.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
      expect(p.spec.nodeName).toMatch(/^node-[12]$/);
    }
  });

  it('reports Available and NewReplicaSetAvailable once the pods are Ready', () => {
    const { clock, cluster } = fresh();
    const d = cluster.api.create('deployments', web());
    expect(d.status.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Available', 'False', 'MinimumReplicasUnavailable'],
      ['Progressing', 'True', 'ReplicaSetUpdated'],
    ]);
    cluster.advanceTo(clock.now() + 60_000);
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(d.status.unavailableReplicas).toBeUndefined();
    const rsName = cluster.list('replicasets', 'default')[0].metadata.name;
    expect(d.status.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`],
    ]);
  });

  it('scales up and down through the ReplicaSet', () => {
    const { clock, cluster } = fresh();
    cluster.api.create('deployments', web());
    cluster.advanceTo(clock.now() + 60_000);
    cluster.api.scale('deployments', 'default', 'web', 5);
    expect(live(podsOf(cluster, 'web-'))).toHaveLength(5);
    cluster.advanceTo(clock.now() + 60_000);
    cluster.api.scale('deployments', 'default', 'web', 1);
    expect(live(podsOf(cluster, 'web-'))).toHaveLength(1);
    cluster.advanceTo(clock.now() + 60_000);
    expect(podsOf(cluster, 'web-')).toHaveLength(1);
    expect(cluster.get('deployments', 'default', 'web')?.status).toMatchObject({ replicas: 1, readyReplicas: 1, availableReplicas: 1 });
  });

  it('replaces a deleted pod at once, with a new name', () => {
    const { clock, cluster } = fresh();
    cluster.api.create('deployments', web());
    cluster.advanceTo(clock.now() + 60_000);
    const victim = podsOf(cluster, 'web-')[0].metadata.name;
    cluster.api.delete('pods', 'default', victim);
    const after = live(podsOf(cluster, 'web-'));
    expect(after).toHaveLength(3);
    expect(after.map((p) => p.metadata.name)).not.toContain(victim);
    cluster.advanceTo(clock.now() + 60_000);
    expect(podsOf(cluster, 'web-').filter(isPodReady)).toHaveLength(3);
  });

  it('rollout restart rolls within maxSurge/maxUnavailable and ends on a new ReplicaSet', () => {
    const { clock, cluster } = fresh();
    cluster.api.create('deployments', web({ replicas: 4 }));
    cluster.advanceTo(clock.now() + 60_000);
    const oldRs = cluster.list('replicasets', 'default')[0].metadata.name;
    cluster.api.patch('deployments', 'default', 'web', restartedAt(cluster.now()));
    // 4 replicas: maxSurge 1, maxUnavailable 1 → never more than 5 pods, never fewer than 3 ready.
    for (let t = 0; t < 120; t++) {
      const pods = live(podsOf(cluster, 'web-'));
      expect(pods.length).toBeLessThanOrEqual(5);
      expect(pods.filter(isPodReady).length).toBeGreaterThanOrEqual(3);
      cluster.advanceTo(clock.now() + 500);
    }
    const sets = cluster.list('replicasets', 'default');
    expect(sets).toHaveLength(2);
    const newRs = sets.find((rs) => rs.metadata.name !== oldRs)!;
    expect(newRs.spec.replicas).toBe(4);
    expect(newRs.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(cluster.get('replicasets', 'default', oldRs)?.spec.replicas).toBe(0);
    expect(podsOf(cluster, 'web-').every((p) => p.metadata.name.startsWith(newRs.metadata.name))).toBe(true);
    const d = cluster.get('deployments', 'default', 'web')!;
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']).toBe('2026-01-05T09:01:00Z');
  });

  it('Recreate stops every old pod before starting new ones', () => {
    const { clock, cluster } = fresh();
    cluster.api.create('deployments', web({ strategy: { type: 'Recreate' } }));
    cluster.advanceTo(clock.now() + 60_000);
    cluster.api.patch('deployments', 'default', 'web', restartedAt(cluster.now()));
    const sets = () => cluster.list('replicasets', 'default');
    expect(sets().map((rs) => rs.spec.replicas).sort()).toEqual([0, 0]);
    cluster.advanceTo(clock.now() + 60_000);
    expect(sets().map((rs) => rs.spec.replicas).sort()).toEqual([0, 3]);
  });

  it('deleting the Deployment garbage-collects its ReplicaSet and pods', () => {
    const { clock, cluster } = fresh();
    cluster.api.create('deployments', web());
    cluster.advanceTo(clock.now() + 60_000);
    cluster.api.delete('deployments', 'default', 'web');
    expect(cluster.list('replicasets', 'default')).toHaveLength(0);
    expect(podsOf(cluster, 'web-').every((p) => p.metadata.deletionTimestamp)).toBe(true);
    cluster.advanceTo(clock.now() + 60_000);
    expect(podsOf(cluster, 'web-')).toHaveLength(0);
  });

  it('collects the old ReplicaSet when its Deployment is replaced by a namesake (same name, new uid)', () => {
    const { clock, cluster } = fresh();
    cluster.api.create('deployments', web());
    cluster.advanceTo(clock.now() + 60_000);
    const oldSet = cluster.list('replicasets', 'default')[0];
    cluster.api.delete('deployments', 'default', 'web');
    cluster.api.create('deployments', web({ template: { labels: { app: 'web' }, containers: [{ name: 'nginx', image: 'nginx:1.27' }] } }));
    cluster.advanceTo(clock.now() + 60_000);
    const owners = cluster.list('replicasets', 'default').map((rs) => rs.metadata.ownerReferences?.[0]?.uid);
    expect(cluster.list('replicasets', 'default').map((rs) => rs.metadata.uid)).not.toContain(oldSet.metadata.uid);
    expect(owners).toEqual([cluster.get('deployments', 'default', 'web')!.metadata.uid]);
  });

  it('refuses a missing, empty or mismatched selector with the API server texts', () => {
    const { cluster } = fresh();
    const err = (req: DeploymentRequest) => {
      try {
        cluster.api.create('deployments', req);
      } catch (e) {
        return (e as ApiError).message;
      }
      return 'no error';
    };
    expect(err(web({ selector: undefined }))).toBe('Deployment.apps "web" is invalid: spec.selector: Required value');
    expect(err(web({ selector: {} }))).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    );
    expect(err(web({ selector: { matchLabels: { app: 'other' } } }))).toBe(
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    );
    expect(cluster.list('deployments', 'default')).toHaveLength(0);
    cluster.api.create('deployments', web());
    expect(err(web())).toBe('deployments.apps "web" already exists');
  });
});

describe('kube-system workloads', () => {
  it('coredns is a Deployment: a deleted coredns pod is replaced', () => {
    const { clock, cluster } = fresh();
    const d = cluster.get('deployments', 'kube-system', 'coredns')!;
    expect(d.status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2 });
    const victim = podsOf(cluster, 'coredns-', 'kube-system')[0];
    cluster.api.delete('pods', 'kube-system', victim.metadata.name);
    const pods = live(podsOf(cluster, 'coredns-', 'kube-system'));
    expect(pods).toHaveLength(2);
    cluster.advanceTo(clock.now() + 60_000);
    expect(podsOf(cluster, 'coredns-', 'kube-system').filter(isPodReady)).toHaveLength(2);
    expect(d.status.readyReplicas).toBe(2);
  });

  it('kube-proxy and calico-node are DaemonSets with one pod per node; a deleted one comes back on its node', () => {
    const { clock, cluster } = fresh();
    for (const name of ['kube-proxy', 'calico-node']) {
      const ds = cluster.get('daemonsets', 'kube-system', name)!;
      expect(ds.status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, numberAvailable: 3, updatedNumberScheduled: 3, numberMisscheduled: 0 });
    }
    const victim = podsOf(cluster, 'kube-proxy-', 'kube-system').find((p) => p.spec.nodeName === 'node-1')!;
    cluster.api.delete('pods', 'kube-system', victim.metadata.name);
    cluster.advanceTo(clock.now() + 60_000);
    const onNode1 = podsOf(cluster, 'kube-proxy-', 'kube-system').filter((p) => p.spec.nodeName === 'node-1');
    expect(onNode1).toHaveLength(1);
    expect(onNode1[0].metadata.name).not.toBe(victim.metadata.name);
    expect(isPodReady(onNode1[0])).toBe(true);
    expect(onNode1[0].spec.tolerations.map((t) => t.key ?? '*')).toEqual([
      '*', 'node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable', 'node.kubernetes.io/disk-pressure',
      'node.kubernetes.io/memory-pressure', 'node.kubernetes.io/pid-pressure', 'node.kubernetes.io/unschedulable', 'node.kubernetes.io/network-unavailable',
    ]);
  });

  it('a settled cluster round-trips through toJSON/restore without a write', () => {
    const { clock, cluster } = fresh();
    cluster.api.create('deployments', web());
    cluster.advanceTo(clock.now() + 60_000);
    const state = JSON.parse(JSON.stringify(cluster.toJSON()));
    const again = Cluster.restore(new ManualClock(clock.now()), createRng(7), structuredClone(state));
    again.advanceTo(clock.now());
    expect(JSON.parse(JSON.stringify(again.toJSON()))).toEqual(state);
  });
});
