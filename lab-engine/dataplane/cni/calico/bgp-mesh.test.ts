// BGP sessions follow calico-node: a node drops its route to a peer whose calico-node is gone,
// keeps its own routes when its own calico-node is gone (BIRD's kernel protocol `persist`), and a
// cross-node packet to the silent peer's block then leaves by the default gateway and is lost.

import { describe, expect, it } from 'vitest';
import { bgpSession, holdsRouteTo } from './bgp-mesh';
import { createSimulation } from '../../../simulation/simulation';

const view = { runningDaemonSets: { 'node-1': ['kube-system/calico-node', 'kube-system/kube-proxy'], 'node-2': ['kube-system/kube-proxy'] } };

describe('the BGP mesh', () => {
  it('is Established only between two running calico-nodes', () => {
    expect(bgpSession(view, 'node-1', 'node-2')).toEqual({ kind: 'refused' });
    expect(bgpSession(view, 'node-2', 'node-1')).toEqual({ kind: 'local-down' });
    expect(bgpSession({ runningDaemonSets: { a: ['kube-system/calico-node'], b: ['kube-system/calico-node'] } }, 'a', 'b')).toEqual({ kind: 'established' });
  });

  it('withdraws the silent peer’s route, and a node without BIRD keeps what it had', () => {
    expect(holdsRouteTo(view, 'node-1', 'node-2')).toBe(false);
    expect(holdsRouteTo(view, 'node-2', 'node-1')).toBe(true);
    // A hand-built view with no agent information: every speaker counts as up.
    expect(holdsRouteTo({}, 'node-1', 'node-2')).toBe(true);
  });

  it('takes node-2’s block out of the other nodes’ tables when calico-node leaves node-2', async () => {
    const sim = createSimulation({ seed: 1 });
    const before = await sim.exec('ssh node-1 ip route');
    expect(before.stdout).toContain('10.244.2.0/24 via 172.18.0.4 dev tunl0 proto bird onlink');
    await sim.exec(`kubectl label node node-1 pool=general
kubectl label node control-plane pool=general
kubectl -n kube-system patch ds calico-node -p '{"spec":{"template":{"spec":{"nodeSelector":{"kubernetes.io/os":"linux","pool":"general"}}}}}'
kubectl run web --image=nginx --overrides='{"spec":{"nodeName":"node-2"}}'
kubectl run client --image=nginx --overrides='{"spec":{"nodeName":"node-1"}}'
sleep 60`);
    // The patch kept the DaemonSet's tolerations: the tainted control-plane still runs calico-node.
    expect((await sim.exec('kubectl -n kube-system get ds calico-node')).stdout).toMatch(/calico-node +2 +2 +2 /);
    const node1 = await sim.exec('ssh node-1 ip route');
    expect(node1.stdout).not.toContain('10.244.2.0/24');
    expect(node1.stdout).toContain('10.244.0.0/24 via 172.18.0.2 dev tunl0 proto bird onlink');
    // node-2 keeps its routes to the others: its BIRD is gone, the kernel routes persist.
    expect((await sim.exec('ssh node-2 ip route')).stdout).toContain('10.244.1.0/24 via 172.18.0.3 dev tunl0 proto bird onlink');
    const lost = await sim.exec('trace --brief pod/client pod/web:80');
    expect(lost.stdout).toContain('verdict: DROPPED');
    expect(lost.stdout).toContain('node/node-1         route to 10.244.2.2: out eth0 via 172.18.0.1');
    // The label brings calico-node back to node-2, its sessions up, and the route with them.
    await sim.exec('kubectl label node node-2 pool=general\nsleep 30');
    expect((await sim.exec('ssh node-1 ip route')).stdout).toContain('10.244.2.0/24 via 172.18.0.4 dev tunl0 proto bird onlink');
    expect((await sim.exec('trace --brief pod/client pod/web:80')).stdout).toContain('verdict: DELIVERED');
  });
});
