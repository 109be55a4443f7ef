import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { ENDPOINT_PROPAGATION_MS } from '../../cluster/lifecycle/termination-timing';

// The race a rolling update runs: a deleted pod closes its socket at SIGTERM, while kube-proxy
// keeps DNATing new connections to it until the endpoint change has reached its rules.
describe('a deleted pod in kube-proxy\'s rules', () => {
  it('gets new connections, and refuses them, until the change propagates; then none reach it', async () => {
    const sim = createSimulation({ seed: 5 });
    for (const line of ['kubectl create deployment web --image=nginx:1.27 --replicas=2', 'kubectl expose deployment web --port=80', 'kubectl run client --image=nicolaka/netshoot --command -- sleep infinity']) {
      expect((await sim.exec(line)).exitCode).toBe(0);
    }
    settle(sim);
    const [victim] = sim.list('pods').filter((p) => p.metadata.labels?.app === 'web');
    const name = victim!.metadata.name;
    const clusterIP = (sim.get('services', 'default', 'web') as { spec: { clusterIP: string } }).spec.clusterIP;
    expect((await sim.exec(`kubectl delete pod ${name} --wait=false`)).exitCode).toBe(0);
    const deletedAt = sim.now();
    const connect = (connection: number) => sim.httpGet({ from: { kind: 'pod', namespace: 'default', name: 'client' }, dst: clusterIP, port: 80, host: 'web', path: '/', connection });
    const refusedByVictim = (from: number) => Array.from({ length: 20 }, (_, i) => connect(from + i)).filter((r) => r.kind === 'no-response' && r.refused && r.backend === `default/${name}`).length;
    // The API already says terminating (not ready), but kube-proxy's rules still hold the pod.
    const slices = sim.list('endpointslices', 'default') as { endpoints: { targetRef?: { name: string }; conditions: { ready?: boolean; terminating?: boolean } }[] }[];
    expect(slices.flatMap((s) => s.endpoints).find((e) => e.targetRef?.name === name)?.conditions).toMatchObject({ ready: false, terminating: true });
    expect(refusedByVictim(1)).toBeGreaterThan(0);
    sim.advanceTo(deletedAt + ENDPOINT_PROPAGATION_MS);
    expect(refusedByVictim(100)).toBe(0);
    expect(Array.from({ length: 20 }, (_, i) => connect(200 + i)).every((r) => r.kind === 'response' && r.status === 200)).toBe(true);
  });
});
