import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { listensOn } from './listeners';

// A JVM image opens its socket seconds after the container starts, and any server closes it at SIGTERM.
describe('listening over a pod\'s life', () => {
  it('opens the socket startupMs after the container starts and closes it when SIGTERM arrives, after the preStop hook', async () => {
    const sim = createSimulation({ seed: 2 });
    await sim.exec('kubectl run web --image=ghcr.io/flatnet-labs/shop-web:2.4.1 --port=8080');
    settle(sim);
    const pod = sim.cluster.get('pods', 'default', 'web')!;
    const started = Date.parse(pod.status.containerStatuses![0]!.state.running!.startedAt);
    expect(listensOn(pod, 8080, 'tcp', started + 5_999)).toBe(false);
    expect(listensOn(pod, 8080, 'tcp', started + 6_000)).toBe(true);
    // Without a time, what a settled server holds (what ss lists).
    expect(listensOn(pod, 8080, 'tcp')).toBe(true);
  });

  it('a deleted pod refuses from SIGTERM on; a preStop sleep keeps it listening for the sleep', async () => {
    const sim = createSimulation({ seed: 2 });
    const hooked = `apiVersion: v1
kind: Pod
metadata: {name: hooked}
spec:
  containers:
  - name: web
    image: ghcr.io/flatnet-labs/shop-web:2.4.1
    lifecycle: {preStop: {sleep: {seconds: 5}}}
`;
    sim.fs.write('/tmp/hooked.yaml', hooked);
    await sim.exec('kubectl run plain --image=ghcr.io/flatnet-labs/shop-web:2.4.1 && kubectl apply -f /tmp/hooked.yaml');
    settle(sim);
    expect(sim.cluster.get('pods', 'default', 'hooked')!.spec.containers[0]!.lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
    await sim.exec('kubectl delete pod plain hooked --wait=false');
    const now = sim.now();
    const plain = sim.cluster.get('pods', 'default', 'plain')!;
    const hookedPod = sim.cluster.get('pods', 'default', 'hooked')!;
    expect(listensOn(plain, 8080, 'tcp', now)).toBe(false);
    expect(listensOn(hookedPod, 8080, 'tcp', now + 4_999)).toBe(true);
    expect(listensOn(hookedPod, 8080, 'tcp', now + 5_000)).toBe(false);
    // The kubelet waits for the hook, then the JVM's 3 s shutdown: the pod is gone after 8 s, not before.
    sim.advanceTo(now + 7_900);
    expect(sim.cluster.get('pods', 'default', 'hooked')).toBeDefined();
    sim.advanceTo(now + 8_100);
    expect(sim.cluster.get('pods', 'default', 'hooked')).toBeUndefined();
  });
});
