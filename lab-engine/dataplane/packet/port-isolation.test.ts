// Isolated bridge ports (`bridge link set dev X isolated on`, IFLA_BRPORT_ISOLATED): cni0 never
// forwards a frame from one isolated port out another (br_forward.c should_deliver,
// br_skb_isolated), so two isolated pods on one node cannot reach each other, while a pod on a
// non-isolated port, and traffic the node routes in from another node (it leaves by the bridge
// device, not a port), still reach them. `bridge -d link show` prints the flag, and a snapshot keeps it.

import { describe, expect, it } from 'vitest';
import { createSimulation, restoreSimulation, settle, type FlatnetSimulation } from '../../simulation/simulation';
import { hopSummary } from './render-hop';

const pod = (name: string, node: string) => `apiVersion: v1
kind: Pod
metadata: { name: ${name} }
spec:
  nodeSelector: { kubernetes.io/hostname: ${node} }
  containers:
    - name: app
      image: registry.k8s.io/e2e-test-images/agnhost:2.53
      args: [netexec, --http-port=8080]
`;

const PODS = [pod('a', 'node-1'), pod('b', 'node-1'), pod('c', 'node-1'), pod('far', 'node-2')].join('---\n');

async function cluster(): Promise<FlatnetSimulation> {
  const sim = createSimulation({ seed: 3, topology: { cni: 'flannel', proxyMode: 'iptables' }, files: { '/lab/pods.yaml': PODS } });
  expect((await sim.exec('kubectl apply -f /lab/pods.yaml')).exitCode).toBe(0);
  settle(sim);
  return sim;
}

function ipOf(sim: FlatnetSimulation, name: string): string {
  return (sim.get('pods', 'default', name) as { status: { podIP: string } }).status.podIP;
}

function send(sim: FlatnetSimulation, from: string, to: string) {
  return sim.probe({ from: { kind: 'pod', namespace: 'default', name: from }, dst: ipOf(sim, to), protocol: 'tcp', dport: 8080 });
}

/** node-1's veth whose peer is pod `name`: the pod's eth0 iflink is that veth's ifindex, which `bridge link show` prints first. */
async function vethOf(sim: FlatnetSimulation, name: string): Promise<string> {
  const out = await sim.exec(`kubectl exec ${name} -- cat /sys/class/net/eth0/iflink`);
  const ifindex = out.stdout.trim();
  const links = await sim.exec('ssh node-1 bridge link show');
  const m = new RegExp(`^${ifindex}: (veth[0-9a-f]+)@`, 'm').exec(links.stdout);
  expect(m, links.stdout).not.toBeNull();
  return m![1];
}

describe('isolated bridge ports', () => {
  it('drops frames between two isolated ports and names both ports', async () => {
    const sim = await cluster();
    expect(send(sim, 'a', 'b').outcome.kind).toBe('delivered');
    const [va, vb] = [await vethOf(sim, 'a'), await vethOf(sim, 'b')];
    for (const v of [va, vb]) expect((await sim.exec(`ssh node-1 bridge link set dev ${v} isolated on`)).exitCode).toBe(0);
    const result = send(sim, 'a', 'b');
    expect(result.outcome.kind).toBe('unreachable');
    const drop = result.hops.at(-1)!;
    expect(drop).toMatchObject({ kind: 'drop', drop: 'ports-isolated', bridge: 'cni0', inPort: va, port: vb, node: 'node-1' });
    expect(hopSummary(drop)).toBe(`cni0 will not forward from ${va} to ${vb}: both ports are isolated, so the ARP request for ${ipOf(sim, 'b')} is never answered`);
    expect(send(sim, 'b', 'a').outcome.kind).toBe('unreachable');
  });

  it('still forwards between an isolated and a non-isolated port, and from another node', async () => {
    const sim = await cluster();
    const [va, vb] = [await vethOf(sim, 'a'), await vethOf(sim, 'b')];
    await sim.exec(`ssh node-1 bridge link set dev ${va} isolated on`);
    await sim.exec(`ssh node-1 bridge link set dev ${vb} isolated on`);
    expect(send(sim, 'a', 'c').outcome.kind).toBe('delivered');
    expect(send(sim, 'c', 'b').outcome.kind).toBe('delivered');
    expect(send(sim, 'far', 'a').outcome.kind).toBe('delivered');
    expect(send(sim, 'a', 'far').outcome.kind).toBe('delivered');
  });

  it('shows the flag in bridge -d link show, turns it off again, and keeps it in a snapshot', async () => {
    const sim = await cluster();
    const [va, vb] = [await vethOf(sim, 'a'), await vethOf(sim, 'b')];
    await sim.exec(`ssh node-1 bridge link set dev ${va} isolated on`);
    await sim.exec(`ssh node-1 bridge link set dev ${vb} isolated on`);
    const shown = await sim.exec(`ssh node-1 bridge -d link show dev ${va}`);
    expect(shown.stdout).toContain(' vlan_tunnel off isolated on locked off ');
    const restored = restoreSimulation(sim.snapshot());
    expect(send(restored, 'a', 'b').outcome.kind).toBe('unreachable');
    await sim.exec(`ssh node-1 bridge link set dev ${vb} isolated off`);
    expect(send(sim, 'a', 'b').outcome.kind).toBe('delivered');
    expect((await sim.exec(`ssh node-1 bridge -d link show dev ${vb}`)).stdout).toContain(' isolated off ');
  });

  it('rejects a value other than on/off, and refuses cni0 itself (no bridge port)', async () => {
    const sim = await cluster();
    const va = await vethOf(sim, 'a');
    const bad = await sim.exec(`ssh node-1 bridge link set dev ${va} isolated yes`);
    expect(bad.exitCode).toBe(255);
    expect(bad.stderr).toBe('Error: argument of "isolated" must be "on" or "off"\n');
    const br = await sim.exec('ssh node-1 bridge link set dev cni0 isolated off');
    expect(br.stderr).toBe('RTNETLINK answers: Operation not supported\n');
  });

  it('leaves the sender a FAILED neighbour entry for its peer, REACHABLE with the MAC once the port is fixed', async () => {
    const sim = await cluster();
    expect((await sim.exec(`kubectl run probe --image=nicolaka/netshoot --overrides='{"spec":{"nodeSelector":{"kubernetes.io/hostname":"node-1"}}}' --command -- sleep infinity`)).exitCode).toBe(0);
    settle(sim);
    const [vp, vb] = [await vethOf(sim, 'probe'), await vethOf(sim, 'b')];
    await sim.exec(`ssh node-1 bridge link set dev ${vp} isolated on`);
    await sim.exec(`ssh node-1 bridge link set dev ${vb} isolated on`);
    const ipB = ipOf(sim, 'b');
    expect((await sim.exec(`kubectl exec probe -- curl -sS -m 5 http://${ipB}:8080`)).exitCode).not.toBe(0);
    expect((await sim.exec('kubectl exec probe -- ip neigh')).stdout).toContain(`${ipB} dev eth0 FAILED\n`);
    await sim.exec(`ssh node-1 bridge link set dev ${vb} isolated off`);
    expect((await sim.exec(`kubectl exec probe -- curl -sS -m 5 http://${ipB}:8080`)).exitCode).toBe(0);
    expect((await sim.exec('kubectl exec probe -- ip neigh')).stdout).toMatch(new RegExp(`^${ipB.replace(/\./g, '\\.')} dev eth0 lladdr [0-9a-f:]{17} REACHABLE$`, 'm'));
  });

  it('reads and writes the flag through /sys/class/net/<port>/brport/isolated', async () => {
    const sim = await cluster();
    const [va, vb] = [await vethOf(sim, 'a'), await vethOf(sim, 'b')];
    expect((await sim.exec(`ssh node-1 cat /sys/class/net/${va}/brport/isolated`)).stdout).toBe('0\n');
    for (const v of [va, vb]) expect((await sim.exec(`ssh node-1 "echo 1 > /sys/class/net/${v}/brport/isolated"`)).exitCode).toBe(0);
    expect((await sim.exec(`ssh node-1 cat /sys/class/net/${vb}/brport/isolated`)).stdout).toBe('1\n');
    expect(send(sim, 'a', 'b').outcome.kind).toBe('unreachable');
    expect((await sim.exec(`ssh node-1 cat /sys/class/net/${va}/brport/hairpin_mode`)).stdout).toBe('1\n');
  });

  it("makes curl wait for the unanswered ARP: No route to host after about 3 s, or curl's own -m timeout first", async () => {
    const sim = await cluster();
    const [va, vb] = [await vethOf(sim, 'a'), await vethOf(sim, 'b')];
    await sim.exec(`ssh node-1 bridge link set dev ${va} isolated on`);
    await sim.exec(`ssh node-1 bridge link set dev ${vb} isolated on`);
    const ipB = ipOf(sim, 'b');
    const slow = await sim.exec(`kubectl exec a -- curl -sS -m 10 http://${ipB}:8080`);
    expect(slow.stderr).toContain(`curl: (7) Failed to connect to ${ipB} port 8080 after 3004 ms: No route to host`);
    const quick = await sim.exec(`kubectl exec a -- curl -sS -m 2 http://${ipB}:8080`);
    expect(quick.stderr).toContain('curl: (28) Connection timed out after 2001 milliseconds');
  });
});
