// A client without keep-alive behind a node's masquerade: 900 new connections a second to one
// API:port from node-1 need 108,000 source ports for the 120 s each keeps in TIME_WAIT; the node
// has 64,512. New connections from any pod on node-1 to that API are then dropped (a trace says
// so), `conntrack -S` counts insert_failed, the app logs Go's dial timeout; node-2 is untouched.
// With keep-alive the same load holds a small pool. The table survives a snapshot.

import { describe, expect, it } from 'vitest';
import { createSimulation, restoreSimulation, settle, type FlatnetSimulation as Simulation } from '../../simulation/simulation';
import { EXTERNAL_HOSTS } from './world';
import { hopSummary } from './render-hop';

const API = EXTERNAL_HOSTS['payments-api'];

const CHECKOUT = (keepAlive: boolean) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: checkout, namespace: shop }
spec:
  replicas: 3
  selector: { matchLabels: { app: checkout } }
  template:
    metadata: { labels: { app: checkout } }
    spec:
      nodeSelector: { kubernetes.io/hostname: node-1 }
      containers:
        - name: checkout
          image: ghcr.io/flatnet-shop/checkout:2.4.1
          env:
            - { name: TARGET_URL, value: "https://api.payments.example/v1/charges" }
            - { name: RATE, value: "300" }
            - { name: KEEPALIVE, value: "${keepAlive}" }
`;
const PROBE = (node: string) => `apiVersion: v1
kind: Pod
metadata: { name: probe-${node}, namespace: shop }
spec:
  nodeSelector: { kubernetes.io/hostname: ${node} }
  containers: [{ name: c, image: busybox:1.36, command: [sleep, infinity] }]
`;

async function shop(keepAlive: boolean): Promise<Simulation> {
  const sim = createSimulation({ seed: 3, files: { '/tmp/checkout.yaml': CHECKOUT(keepAlive), '/tmp/p1.yaml': PROBE('node-1'), '/tmp/p2.yaml': PROBE('node-2') } });
  for (const line of ['kubectl create namespace shop', 'kubectl apply -f /tmp/checkout.yaml -f /tmp/p1.yaml -f /tmp/p2.yaml']) {
    const r = await sim.exec(line);
    expect(r.exitCode, `${line}: ${r.stderr}`).toBe(0);
  }
  settle(sim);
  await sim.exec('sleep 180');
  return sim;
}

const connect = (sim: Simulation, pod: string) => sim.network.checkProbe({ from: { kind: 'pod', namespace: 'shop', name: pod }, dst: API, protocol: 'tcp', dport: 443 });
const onNode = (sim: Simulation, node: string, line: string) => sim.exec(`ssh ${node} ${line}`);

describe('SNAT port exhaustion', () => {
  it('without keep-alive node-1 runs out of ports to the API: new connections from node-1 are dropped, node-2 is fine', async () => {
    const sim = await shop(false);
    const blocked = connect(sim, 'probe-node-1');
    expect(blocked.outcome.kind).toBe('dropped');
    const drop = blocked.hops.at(-1);
    expect(drop && hopSummary(drop)).toBe(
      'masquerade on node-1 finds no free source port from 172.18.0.3 to 203.0.113.10:443/tcp: 64512 of 64512 taken; conntrack cannot insert the flow (insert_failed) and the SYN is dropped',
    );
    expect(connect(sim, 'probe-node-2').outcome).toMatchObject({ kind: 'delivered', at: { netns: 'external/payments-api', sourceSeen: '172.18.0.4' } });
    const stats = (await onNode(sim, 'node-1', 'conntrack -S')).stdout;
    const failed = Number(/insert_failed=(\d+)/.exec(stats)?.[1]);
    expect(failed).toBeGreaterThan(0);
    expect((await onNode(sim, 'node-1', 'conntrack -C')).stdout).toBe('64512\n');
    expect((await onNode(sim, 'node-2', 'conntrack -S')).stdout).toContain('insert_failed=0 drop=0');
    const pod = sim.cluster.list('pods', 'shop').find((p) => p.metadata.name.startsWith('checkout-'))!;
    expect((await sim.exec(`kubectl -n shop logs ${pod.metadata.name} --tail=1`)).stdout).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d payment call failed: Post "https:\/\/api\.payments\.example\/v1\/charges": dial tcp 203\.0\.113\.10:443: i\/o timeout\n$/);
    // insert_failed climbs again once the ports granted in the first 72 s have been reused and the
    // rest are still in TIME_WAIT (the load fills the table in 64,512 / 900 = 72 s, ports come back 120 s on).
    await sim.exec('sleep 30');
    expect(Number(/insert_failed=(\d+)/.exec((await onNode(sim, 'node-1', 'conntrack -S')).stdout)?.[1])).toBeGreaterThan(failed);
  });

  it('conntrack lists, counts, deletes and flushes the counted flows as entries', async () => {
    const sim = await shop(false);
    const filter = '-p tcp --orig-dst 203.0.113.10 --state TIME_WAIT';
    expect((await onNode(sim, 'node-1', `'conntrack -L ${filter} > /dev/null'`)).stderr).toBe('conntrack v1.4.7 (conntrack-tools): 64512 flow entries have been shown.\n');
    const listed = (await onNode(sim, 'node-1', `'conntrack -L ${filter} 2>/dev/null | head -5000'`)).stdout.trim().split('\n');
    expect(listed[0]).toMatch(/^tcp {6}6 \d+ TIME_WAIT src=10\.244\.1\.\d+ dst=203\.0\.113\.10 sport=\d+ dport=443 src=203\.0\.113\.10 dst=172\.18\.0\.3 sport=443 dport=\d+ \[ASSURED\] mark=0 use=1$/);
    // Each flow of the tuple has its own masquerade port.
    expect(new Set(listed.map((l) => /dport=(\d+) \[ASSURED\]/.exec(l)?.[1])).size).toBe(5000);
    const pod = sim.cluster.list('pods', 'shop').find((p) => p.metadata.name.startsWith('checkout-'))!.status.podIP!;
    const deleted = await onNode(sim, 'node-1', `'conntrack -D -s ${pod} > /dev/null'`);
    expect(deleted.stderr).toMatch(/: \d+ flow entries have been deleted\.\n$/);
    expect(Number((await onNode(sim, 'node-1', 'conntrack -C')).stdout)).toBeLessThan(64_512);
    expect((await onNode(sim, 'node-1', 'conntrack -F')).exitCode).toBe(0);
    expect((await onNode(sim, 'node-1', 'conntrack -C')).stdout).toBe('0\n');
    expect(connect(sim, 'probe-node-1').outcome.kind).toBe('delivered');
    // The client has not changed: in 72 s the ports are gone again.
    await sim.exec('sleep 80');
    expect(connect(sim, 'probe-node-1').outcome.kind).toBe('dropped');
  });

  it('with keep-alive the same load holds a pool of connections per replica', async () => {
    const sim = await shop(true);
    expect(connect(sim, 'probe-node-1').outcome.kind).toBe('delivered');
    expect((await onNode(sim, 'node-1', 'conntrack -C')).stdout).toBe('45\n');
    expect((await onNode(sim, 'node-1', 'conntrack -S')).stdout).toContain('insert_failed=0');
  });

  it('a snapshot keeps the ports taken; once the load stops they come back as their TIME_WAIT ends', async () => {
    const sim = await shop(false);
    const copy = restoreSimulation(JSON.parse(JSON.stringify(sim.snapshot())));
    expect(connect(copy, 'probe-node-1').outcome.kind).toBe('dropped');
    expect((await onNode(copy, 'node-1', 'conntrack -C')).stdout).toBe('64512\n');
    await copy.exec('kubectl -n shop scale deployment checkout --replicas=0');
    await copy.exec('sleep 60');
    const halfway = Number((await onNode(copy, 'node-1', 'conntrack -C')).stdout);
    expect(halfway).toBeGreaterThan(0);
    expect(halfway).toBeLessThan(64_512);
    await copy.exec('sleep 65');
    expect((await onNode(copy, 'node-1', 'conntrack -C')).stdout).toBe('0\n');
    expect(connect(copy, 'probe-node-1').outcome.kind).toBe('delivered');
  });

  it('a shorter conntrack TIME_WAIT on the node makes the same load fit; a wider ip_local_port_range does not', async () => {
    const sim = await shop(false);
    expect((await onNode(sim, 'node-1', "'sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\"'")).stdout).toBe('net.ipv4.ip_local_port_range = 1024 65535\n');
    await sim.exec('sleep 130');
    expect(connect(sim, 'probe-node-1').outcome.kind).toBe('dropped');
    expect((await onNode(sim, 'node-1', 'sysctl -w net.netfilter.nf_conntrack_tcp_timeout_time_wait=30')).exitCode).toBe(0);
    await sim.exec('sleep 130');
    expect(connect(sim, 'probe-node-1').outcome.kind).toBe('delivered');
    // 900 a second, each held 30 s.
    expect((await onNode(sim, 'node-1', 'conntrack -C')).stdout).toBe('27000\n');
  });
});
