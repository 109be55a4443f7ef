// A pod reaching itself through its Service on a bridge CNI: kube-proxy DNATs the connection to
// the caller's own address, and cni0 must send the frame back out the port it came in by, which
// br_forward's should_deliver allows only with the port's hairpin_mode (BR_HAIRPIN_MODE). The flag
// comes from the node's CNI config at the sandbox's CNI ADD, survives a later config edit, changes
// with `bridge link set`, and is kept by a snapshot. kubenet's promiscuous cbr0 routes the frame
// back through the node's stack instead.

import { describe, expect, it } from 'vitest';
import { createSimulation, restoreSimulation, settle, type FlatnetSimulation } from '../../simulation/simulation';
import type { TopologyOptions } from '../../core/topology';
import type { ProbeResult } from './types';
import { hopSummary } from './render-hop';

const APP = `apiVersion: v1
kind: Pod
metadata: { name: solo, labels: { app: solo } }
spec:
  nodeSelector: { kubernetes.io/hostname: node-1 }
  containers:
    - name: app
      image: registry.k8s.io/e2e-test-images/agnhost:2.53
      args: [netexec, --http-port=8080]
---
apiVersion: v1
kind: Service
metadata: { name: self }
spec:
  selector: { app: solo }
  ports: [{ port: 80, targetPort: 8080 }]
`;

const HARDEN = `ssh node-1 "sed -i 's/hairpinMode\\": true/hairpinMode\\": false/' /etc/cni/net.d/10-flannel.conflist"`;
const UNHARDEN = `ssh node-1 "sed -i 's/hairpinMode\\": false/hairpinMode\\": true/' /etc/cni/net.d/10-flannel.conflist"`;

async function cluster(cni: TopologyOptions['cni'], before: string[] = []): Promise<FlatnetSimulation> {
  const sim = createSimulation({ seed: 3, topology: { cni, proxyMode: 'iptables' }, files: { '/lab/app.yaml': APP } });
  for (const line of [...before, 'kubectl apply -f /lab/app.yaml']) expect((await sim.exec(line)).exitCode).toBe(0);
  settle(sim);
  return sim;
}

/** solo calls its own Service; it is the only endpoint, so kube-proxy always picks it. */
function selfCall(sim: FlatnetSimulation): ProbeResult {
  const ip = sim.get('services', 'default', 'self') as { spec: { clusterIP: string } };
  return sim.probe({ from: { kind: 'pod', namespace: 'default', name: 'solo' }, dst: ip.spec.clusterIP, protocol: 'tcp', dport: 80 });
}

async function vethOfSolo(sim: FlatnetSimulation): Promise<string> {
  const out = await sim.exec('ssh node-1 bridge link show');
  // The only pod on node-1's cni0 is solo (CoreDNS runs on the control plane here): its port is the one listed.
  const ports = [...out.stdout.matchAll(/^\d+: (veth[0-9a-f]+)@/gm)].map((m) => m[1]);
  expect(ports).toHaveLength(1);
  return ports[0];
}

describe('bridge hairpin_mode', () => {
  it('delivers a pod to itself with the shipped flannel config (hairpinMode true)', async () => {
    const sim = await cluster('flannel');
    const result = selfCall(sim);
    expect(result.outcome.kind).toBe('delivered');
    expect(result.hops.some((h) => h.kind === 'bridge' && h.hairpin === true)).toBe(true);
  });

  it('drops the frame at cni0 when the pod was created under hairpinMode false: the connection hangs', async () => {
    const sim = await cluster('flannel', [HARDEN]);
    const result = selfCall(sim);
    expect(result.outcome.kind).toBe('dropped');
    const drop = result.hops.at(-1);
    expect(drop).toMatchObject({ kind: 'drop', drop: 'hairpin-off', bridge: 'cni0', node: 'node-1' });
    const veth = await vethOfSolo(sim);
    expect(hopSummary(drop!)).toBe(`cni0 will not send a frame back out ${veth}, the port it came in by: hairpin_mode is off`);
    const trace = await sim.exec('trace pod/solo svc/self:80');
    expect(trace.stdout).toContain(`verdict: DROPPED: cni0 on node-1 will not send a frame back out ${veth}, the port it came in by: hairpin_mode is off`);
  });

  it('keeps the port of a pod created before the config changed, and gives the change to pods created after', async () => {
    const before = await cluster('flannel');
    await before.exec(HARDEN);
    expect(selfCall(before).outcome.kind).toBe('delivered');

    const after = await cluster('flannel', [HARDEN]);
    expect((await after.exec(UNHARDEN)).exitCode).toBe(0);
    settle(after);
    expect(selfCall(after).outcome.kind).toBe('dropped');
    await after.exec('kubectl delete pod solo');
    await after.exec('kubectl apply -f /lab/app.yaml');
    settle(after);
    expect(selfCall(after).outcome.kind).toBe('delivered');
  });

  it('lets bridge link set turn the live port on, and a snapshot keeps it', async () => {
    const sim = await cluster('flannel', [HARDEN]);
    const veth = await vethOfSolo(sim);
    expect((await sim.exec(`ssh node-1 bridge link set dev ${veth} hairpin on`)).exitCode).toBe(0);
    expect(selfCall(sim).outcome.kind).toBe('delivered');

    const restored = restoreSimulation(sim.snapshot());
    expect(selfCall(restored).outcome.kind).toBe('delivered');
    expect((await restored.exec(`ssh node-1 bridge -d link show dev ${veth}`)).stdout).toContain('\n    hairpin on ');
    await restored.exec(`ssh node-1 bridge link set dev ${veth} hairpin off`);
    expect(selfCall(restored).outcome.kind).toBe('dropped');
    expect(selfCall(restoreSimulation(restored.snapshot())).outcome.kind).toBe('dropped');
  });

  it("shows the flag in the node's sysfs and takes kubelet's hairpin-veth write there", async () => {
    const sim = await cluster('flannel', [HARDEN]);
    const veth = await vethOfSolo(sim);
    const file = `/sys/class/net/${veth}/brport/hairpin_mode`;
    expect((await sim.exec(`ssh node-1 cat ${file}`)).stdout).toBe('0\n');
    const refused = await sim.exec(`ssh node-1 "echo on > ${file}"`);
    expect(refused.stderr).toContain('Invalid argument');
    expect(selfCall(sim).outcome.kind).toBe('dropped');
    expect((await sim.exec(`ssh node-1 "echo 1 > ${file}"`)).exitCode).toBe(0);
    expect((await sim.exec(`ssh node-1 cat ${file}`)).stdout).toBe('1\n');
    expect(selfCall(sim).outcome.kind).toBe('delivered');
  });

  it('reaches itself on kubenet: hairpin off on the port, but cbr0 is promiscuous', async () => {
    const sim = await cluster('kubenet');
    const result = selfCall(sim);
    expect(result.outcome.kind).toBe('delivered');
    const hop = result.hops.find((h) => h.kind === 'bridge' && h.hairpin);
    expect(hop).toMatchObject({ bridge: 'cbr0', promiscuous: true });
    expect((await sim.exec('ssh node-1 bridge -d link show')).stdout).toContain('\n    hairpin off ');
  });
});
