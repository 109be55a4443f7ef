import { describe, expect, it } from 'vitest';
import { ManualClock, SIMULATION_EPOCH_MS } from '../core/clock';
import { createRng } from '../core/random';
import { Cluster } from './cluster';
import { bootstrapCluster } from '../simulation/cluster-bootstrap';
import { EVENT_TTL_MS } from './event-recorder';
import type { PodRequest } from './pod-admission';
import type { Event } from '../kube/types';

function fresh(seed = 1) {
  const clock = new ManualClock(SIMULATION_EPOCH_MS);
  return { clock, cluster: bootstrapCluster(clock, createRng(seed), { cni: 'calico', proxyMode: 'iptables' }) };
}

const pod = (name: string, image: string, extra: Partial<PodRequest> = {}): PodRequest => ({ name, namespace: 'default', containers: [{ name, image }], ...extra });

/** `reason: message (xN)` per event about `name`, in the order the store lists them (by name, i.e. first seen). */
function about(cluster: Cluster, name: string): string[] {
  return cluster.list('events', 'default').filter((e) => e.involvedObject.name === name).map((e) => `${e.reason}: ${e.message}${count(e) > 1 ? ` (x${count(e)})` : ''}`);
}

function count(e: Event): number {
  return e.series?.count ?? e.count ?? 1;
}

describe('event recorder', () => {
  it('records a new pod: Scheduled, Pulling, Pulled, Created, Started on the seeded clock', () => {
    const { clock, cluster } = fresh();
    cluster.api.create('pods', pod('web', 'nginx', { imagePullPolicy: 'IfNotPresent' } as Partial<PodRequest>));
    cluster.advanceTo(clock.now() + 10_000);
    const events = cluster.list('events', 'default');
    const node = cluster.get('pods', 'default', 'web')!.spec.nodeName;
    expect(about(cluster, 'web')).toEqual([
      `Scheduled: Successfully assigned default/web to ${node}`,
      'Pulling: Pulling image "nginx"',
      'Pulled: Successfully pulled image "nginx" in 4s (4s including waiting). Image size: 72195292 bytes.',
      'Created: Created container: web',
      'Started: Started container web',
    ]);
    const [scheduled, pulling, , , started] = events;
    expect(scheduled).toMatchObject({ eventTime: '2026-01-05T09:00:00.000000Z', firstTimestamp: null, source: {}, reportingComponent: 'default-scheduler', action: 'Binding' });
    expect(pulling).toMatchObject({ type: 'Normal', firstTimestamp: '2026-01-05T09:00:01Z', count: 1, source: { component: 'kubelet', host: node }, involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{web}' } });
    expect(started.lastTimestamp).toBe('2026-01-05T09:00:05Z');
    expect(scheduled.metadata.name).toMatch(/^web\.[0-9a-f]{16}$/);
  });

  it('leaves resourceVersions and the seeded RNG untouched', () => {
    const a = fresh();
    const b = fresh();
    a.cluster.api.create('pods', pod('web', 'nginx'));
    a.cluster.advanceTo(a.clock.now() + 10_000);
    b.cluster.api.create('pods', pod('web', 'nginx'));
    b.cluster.advanceTo(b.clock.now() + 10_000);
    b.cluster.list('events');
    expect(a.cluster.generation()).toBe(b.cluster.generation());
    expect(a.cluster.get('pods', 'default', 'web')!.metadata.resourceVersion).toBe(b.cluster.get('pods', 'default', 'web')!.metadata.resourceVersion);
  });

  it('records an unpullable image: Failed, ErrImagePull, BackOff, counted on every retry', () => {
    const { clock, cluster } = fresh();
    cluster.api.create('pods', pod('web', 'nginx:nope'));
    cluster.advanceTo(clock.now() + 60_000);
    const notFound = 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found';
    expect(about(cluster, 'web').slice(1)).toEqual([
      'Pulling: Pulling image "nginx:nope" (x3)',
      `Failed: Failed to pull image "nginx:nope": ${notFound} (x3)`,
      'Failed: Error: ErrImagePull (x3)',
      'BackOff: Back-off pulling image "nginx:nope" (x3)',
      'Failed: Error: ImagePullBackOff (x3)',
    ]);
    const backOff = cluster.list('events', 'default').find((e) => e.reason === 'BackOff')!;
    expect(backOff.type).toBe('Normal');
    expect(Date.parse(backOff.lastTimestamp!)).toBeGreaterThan(Date.parse(backOff.firstTimestamp!));
  });

  it('counts BackOff for a crash-looping container', () => {
    const { clock, cluster } = fresh();
    const p = cluster.api.create('pods', pod('job', 'busybox', { imagePullPolicy: 'IfNotPresent' } as Partial<PodRequest>));
    cluster.advanceTo(clock.now() + 60_000);
    const backOff = cluster.list('events', 'default').find((e) => e.reason === 'BackOff')!;
    expect(backOff).toMatchObject({ type: 'Warning', message: `Back-off restarting failed container job in pod job_default(${p.metadata.uid})`, count: 3 });
    expect(backOff.involvedObject.fieldPath).toBeUndefined();
  });

  it('reports FailedScheduling with the scheduler message, as a series when it repeats', () => {
    const { clock, cluster } = fresh();
    cluster.api.create('pods', pod('web', 'nginx', { nodeSelector: { disk: 'ssd' } } as Partial<PodRequest>));
    cluster.advanceTo(clock.now() + 11 * 60_000);
    const [failed] = cluster.list('events', 'default');
    expect(failed).toMatchObject({
      type: 'Warning',
      reason: 'FailedScheduling',
      message: "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
      series: { count: 3 },
    });
  });

  it("records a Deployment's ScalingReplicaSet and its ReplicaSet's SuccessfulCreate and SuccessfulDelete", () => {
    const { clock, cluster } = fresh();
    cluster.api.create('deployments', { name: 'web', namespace: 'default', labels: { app: 'web' }, replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { labels: { app: 'web' }, containers: [{ name: 'nginx', image: 'nginx' }] } });
    cluster.advanceTo(clock.now() + 10_000);
    cluster.api.scale('deployments', 'default', 'web', 1);
    const [rs] = cluster.list('replicasets', 'default');
    const pods = cluster.list('pods', 'default').map((p) => p.metadata.name);
    expect(about(cluster, 'web')).toEqual([`ScalingReplicaSet: Scaled up replica set ${rs.metadata.name} from 0 to 2`, `ScalingReplicaSet: Scaled down replica set ${rs.metadata.name} from 2 to 1`]);
    const rsEvents = about(cluster, rs.metadata.name);
    expect(rsEvents.slice(0, 2).sort()).toEqual(pods.map((p) => `SuccessfulCreate: Created pod: ${p}`).sort());
    expect(rsEvents[2]).toMatch(/^SuccessfulDelete: Deleted pod: /);
    expect(cluster.list('events', 'default').find((e) => e.reason === 'ScalingReplicaSet')!.source).toEqual({ component: 'deployment-controller' });
  });

  it('drops events older than the API server TTL', () => {
    const { clock, cluster } = fresh();
    cluster.api.create('pods', pod('web', 'nginx'));
    cluster.advanceTo(clock.now() + 10_000);
    expect(cluster.list('events', 'default').length).toBe(5);
    cluster.advanceTo(clock.now() + EVENT_TTL_MS);
    expect(cluster.list('events', 'default')).toEqual([]);
  });
});
