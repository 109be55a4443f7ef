// Issue 14 finding 4: a scale or create past the workload quota is refused by the API server in
// kubectl's words, and a controller meeting the pod quota records FailedCreate instead of throwing
// out of the clock that ran it (the shell's background ticker, which would end labsh).

import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../simulation/simulation';
import { MAX_WORKLOAD_REPLICAS } from '../../core/limits';
import { forbidden } from '../../kube/api-errors';
import { ManualClock, SIMULATION_EPOCH_MS } from '../../core/clock';
import { createRng } from '../../core/random';
import { bootstrapCluster } from '../../simulation/cluster-bootstrap';
import { runControllers } from '../controllers/index';
import { ObjectStore } from '../object-store';
import { EventRecorder } from '../event-recorder';

describe('the workload replica quota', () => {
  it('refuses kubectl scale past the quota and keeps the old scale', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('kubectl create deployment big --image=nginx');
    const r = await sim.exec('kubectl scale deploy/big --replicas=100000');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`Error from server (Forbidden): deployments.apps "big" is forbidden: exceeded quota: flatnet-limits, requested: replicas=100000, limited: replicas=${MAX_WORKLOAD_REPLICAS}\n`);
    expect(sim.cluster.get('deployments', 'default', 'big')?.spec.replicas).toBe(1);
    sim.advanceTo(sim.now() + 5_000);
    expect(sim.list('pods', 'default').filter((p) => p.metadata.name.startsWith('big-'))).toHaveLength(1);
  });

  it('refuses a create or an apply asking for too many replicas', async () => {
    const sim = createSimulation({ seed: 1 });
    const created = await sim.exec('kubectl create deployment big --image=nginx --replicas=3000');
    expect(created.stderr).toMatch(/^error: failed to create deployment: deployments\.apps "big" is forbidden: exceeded quota: flatnet-limits/);
    expect(sim.get('deployments', 'default', 'big')).toBeUndefined();
    await sim.exec('kubectl create deployment web --image=nginx');
    const scaled = await sim.exec(`kubectl scale deploy/web --replicas=${MAX_WORKLOAD_REPLICAS}`);
    expect(scaled.exitCode).toBe(0);
  });

  it('a pod quota refusal in a controller becomes a FailedCreate event, not a throw', () => {
    const clock = new ManualClock(SIMULATION_EPOCH_MS);
    const cluster = bootstrapCluster(clock, createRng(1), { cni: 'calico', proxyMode: 'iptables' });
    cluster.api.create('deployments', {
      name: 'web', namespace: 'default', replicas: 3, selector: { matchLabels: { app: 'web' } },
      template: { labels: { app: 'web' }, containers: [{ name: 'c', image: 'nginx' }] },
    });
    const store = new ObjectStore(structuredClone(cluster.toJSON().store));
    const ports = {
      store,
      rng: createRng(2),
      events: new EventRecorder(store),
      createPod: () => { throw forbidden('pods "web-x" is forbidden: exceeded quota'); },
      deletePod: () => undefined,
    };
    // Pods the real cluster made are forgotten here so the controller wants to create them again.
    for (const pod of store.list('pods', 'default')) store.remove('pods', 'default', pod.metadata.name);
    expect(() => runControllers(ports, clock.now())).not.toThrow();
    const failed = store.list('events', 'default').filter((e) => (e as { reason?: string }).reason === 'FailedCreate');
    expect(failed.length).toBeGreaterThan(0);
  });
});
