// ClaimPods in the ReplicaSet controller: a pod relabelled out of its ReplicaSet's selector is
// released (its ownerReference removed) and replaced; a pod being deleted is left alone; an
// orphan whose labels match again is adopted, and the ReplicaSet scales back down.

import { describe, expect, it } from 'vitest';
import { ManualClock, SIMULATION_EPOCH_MS } from '../../core/clock';
import { createRng } from '../../core/random';
import { bootstrapCluster } from '../../simulation/cluster-bootstrap';
import type { Cluster } from '../cluster';

function withWeb(): Cluster {
  const cluster = bootstrapCluster(new ManualClock(SIMULATION_EPOCH_MS), createRng(1), { cni: 'calico', proxyMode: 'iptables' });
  cluster.api.create('deployments', {
    name: 'web',
    namespace: 'default',
    labels: { app: 'web' },
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { labels: { app: 'web' }, containers: [{ name: 'nginx', image: 'nginx' }] },
  });
  return cluster;
}

const pods = (cluster: Cluster, app: string) => cluster.list('pods', 'default').filter((p) => p.metadata.labels?.app === app && !p.metadata.deletionTimestamp);

describe('ReplicaSet controller: claiming pods by their labels', () => {
  it('orphans a relabelled pod and starts a replacement', () => {
    const cluster = withWeb();
    const [first, second] = pods(cluster, 'web');
    const rsName = first.metadata.ownerReferences?.[0]?.name;
    cluster.api.patch('pods', 'default', first.metadata.name, (pod) => {
      pod.metadata.labels = { ...pod.metadata.labels, app: 'wbe' };
    });
    const orphan = cluster.get('pods', 'default', first.metadata.name)!;
    expect(orphan.metadata.ownerReferences).toBeUndefined();
    const web = pods(cluster, 'web');
    expect(web).toHaveLength(2);
    expect(web.map((p) => p.metadata.name)).toContain(second.metadata.name);
    expect(web.every((p) => p.metadata.ownerReferences?.[0]?.name === rsName)).toBe(true);
    expect(cluster.get('replicasets', 'default', rsName!)?.spec.replicas).toBe(2);
  });

  it('leaves a pod that is being deleted with its owner', () => {
    const cluster = withWeb();
    const [first] = pods(cluster, 'web');
    cluster.api.delete('pods', 'default', first.metadata.name);
    cluster.api.patch('pods', 'default', first.metadata.name, (pod) => {
      pod.metadata.labels = { ...pod.metadata.labels, app: 'wbe' };
    });
    expect(cluster.get('pods', 'default', first.metadata.name)?.metadata.ownerReferences?.[0]?.kind).toBe('ReplicaSet');
  });

  it('adopts an orphan that matches again and deletes the surplus pod it is cheapest to lose', () => {
    const cluster = withWeb();
    const before = pods(cluster, 'web').map((p) => p.metadata.name);
    const [first] = pods(cluster, 'web');
    const relabel = (app: string) =>
      cluster.api.patch('pods', 'default', first.metadata.name, (pod) => {
        pod.metadata.labels = { ...pod.metadata.labels, app };
      });
    relabel('wbe');
    const replacement = pods(cluster, 'web').find((p) => !before.includes(p.metadata.name))!.metadata.name;
    relabel('web');
    const back = cluster.get('pods', 'default', first.metadata.name)!;
    expect(back.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'ReplicaSet', controller: true, blockOwnerDeletion: true })]);
    const live = pods(cluster, 'web').map((p) => p.metadata.name);
    expect(live).toHaveLength(2);
    expect(live).toContain(first.metadata.name);
    // The replacement, not yet running, is the cheapest to lose.
    expect(live).not.toContain(replacement);
    expect(live.sort()).toEqual([...before].sort());
  });

  it('leaves a bare pod that no ReplicaSet selects alone', () => {
    const cluster = withWeb();
    cluster.api.create('pods', { name: 'client', namespace: 'default', labels: { app: 'web' }, containers: [{ name: 'shell', image: 'busybox' }] } as never);
    // Deployments' ReplicaSets also select on pod-template-hash, which a bare pod lacks.
    expect(cluster.get('pods', 'default', 'client')?.metadata.ownerReferences).toBeUndefined();
  });
});
