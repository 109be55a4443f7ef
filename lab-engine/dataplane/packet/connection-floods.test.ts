// A pod that opens a connection per line fills its node's conntrack table on the clock; once the
// table is at nf_conntrack_max, a new flow's first packet on that node is dropped (a typed hop that
// trace renders), an existing flow's packets are not, the kernel logs it rate-limited, and raising
// the limit (sysctl -w) makes room at once. node-1's table, with kube-proxy's limit, is not full.

import { describe, expect, it } from 'vitest';
import { createSimulation, restoreSimulation } from '../../simulation/simulation';

type Simulation = ReturnType<typeof createSimulation>;

const SINK = `apiVersion: v1
kind: Pod
metadata: { name: sink, labels: { app: sink } }
spec:
  nodeName: node-1
  containers:
    - name: sink
      image: registry.k8s.io/e2e-test-images/agnhost:2.53
      args: [netexec, --http-port=5140, --udp-port=8125]
---
apiVersion: v1
kind: Service
metadata: { name: sink }
spec:
  selector: { app: sink }
  ports: [{ name: tcp, port: 5140 }, { name: udp, port: 8125, protocol: UDP }]
`;
const PODS = `apiVersion: v1
kind: Pod
metadata: { name: statsd-client }
spec:
  nodeName: node-2
  containers:
    - name: app
      image: busybox:1.36
      command: [sh, -c, 'while true; do echo "x:1|c"; sleep 5; done | nc -u sink 8125']
---
apiVersion: v1
kind: Pod
metadata: { name: client }
spec:
  nodeName: node-2
  containers: [{ name: c, image: nicolaka/netshoot:v0.13, command: [sleep, infinity] }]
`;
const FORWARDER = `apiVersion: v1
kind: Pod
metadata: { name: fwd }
spec:
  nodeName: node-2
  containers:
    - name: forwarder
      image: busybox:1.36
      command: [sh, -c, 'while true; do echo "x" | nc -w1 sink 5140; sleep 0.01; done']
`;

async function floodedCluster(max: number): Promise<Simulation> {
  const sim = createSimulation({ seed: 3 });
  const apply = async (y: string) => expect((await sim.exec(`kubectl apply -f - <<'EOF'\n${y}EOF`)).exitCode).toBe(0);
  await apply(SINK);
  await apply(PODS);
  await sim.exec(`sleep 20; ssh node-2 sysctl -w net.netfilter.nf_conntrack_max=${max}`);
  await apply(FORWARDER);
  await sim.exec('sleep 60');
  return sim;
}

describe('a per-line connection loop fills its node', () => {
  it('holds 100 TIME_WAIT flows a second, [ASSURED], on both nodes the connections cross, as a few cohorts', async () => {
    const sim = await floodedCluster(131_072);
    const count = await sim.exec('ssh node-2 conntrack -C; ssh node-1 conntrack -C -p tcp --dport 5140; ssh node-2 conntrack -L -p tcp --dport 5140 | tail -1');
    const [node2, node1, last] = count.stdout.trim().split('\n');
    // ~58 s of the loop (it starts once its pod runs) plus the statsd flow, the IPIP flow and the setup's own.
    expect(Number(node2)).toBeGreaterThan(5_500);
    expect(Number(node1)).toBeGreaterThan(5_500);
    expect(last).toMatch(/^tcp {6}6 120 TIME_WAIT src=10\.244\.2\.\d+ dst=10\.\d+\.\d+\.\d+ sport=\d+ dport=5140 src=10\.244\.1\.\d+ dst=10\.244\.2\.\d+ sport=5140 dport=\d+ \[ASSURED\] mark=0 use=1$/);
    expect(JSON.stringify(sim.snapshot()).length).toBeLessThan(200_000);
  });

  it("drops a new flow's first packet at a full table, keeps an existing flow going, and logs it as the kernel does", async () => {
    const sim = await floodedCluster(2_000);
    expect((await sim.exec('ssh node-2 conntrack -C')).stdout).toBe('2000\n');
    const trace = await sim.exec('trace client svc/sink:5140');
    expect(trace.stdout).toContain("conntrack: the table is full (2000 of nf_conntrack_max 2000): a new flow's first packet is dropped");
    expect(trace.stdout).toMatch(/verdict: DROPPED/);
    expect((await sim.exec('kubectl exec client -- curl -sS -m 2 http://sink:5140/')).exitCode).not.toBe(0);
    // The statsd client's one socket is a flow node-2 already holds: its datagrams pass.
    const flow = await sim.exec('sleep 10; ssh node-2 conntrack -L -p udp --dport 8125');
    expect(flow.stdout).toMatch(/^udp {6}17 (2\d|30) src=10\.244\.2\.\d+ .* dport=8125 \[UNREPLIED\]/m);
    const dmesg = await sim.exec('ssh node-2 dmesg');
    expect(dmesg.stdout).toMatch(/^\[ *\d+\.\d{6}\] nf_conntrack: nf_conntrack: table full, dropping packet$/m);
    expect(dmesg.stdout).toMatch(/^\[ *\d+\.\d{6}\] net_ratelimit: \d+ callbacks suppressed$/m);
    expect((await sim.exec('ssh node-2 conntrack -S')).stdout).toMatch(/^cpu=0 +\tfound=\d+ invalid=0 insert=\d+ insert_failed=0 drop=[1-9]\d* /);
  });

  it('makes room at once when the limit is raised, and a restored session keeps the table, its size and the loop', async () => {
    const sim = await floodedCluster(2_000);
    const again = restoreSimulation(sim.snapshot());
    expect((await again.exec('ssh node-2 sysctl -n net.netfilter.nf_conntrack_max net.netfilter.nf_conntrack_count')).stdout).toBe('2000\n2000\n');
    await again.exec('ssh node-2 sysctl -w net.netfilter.nf_conntrack_max=131072');
    expect((await again.exec('trace client svc/sink:5140 --brief')).stdout).toMatch(/verdict: DELIVERED/);
    expect(Number((await again.exec('sleep 30; ssh node-2 conntrack -C')).stdout)).toBeGreaterThan(4_000);
  });

  it('stops adding flows when the loop stops: its flows go after TIME_WAIT', async () => {
    const sim = await floodedCluster(131_072);
    await sim.exec('kubectl delete pod fwd --grace-period=0 --force');
    expect(Number((await sim.exec('sleep 121; ssh node-2 conntrack -C -p tcp --dport 5140')).stdout)).toBe(0);
  });
});

describe("kube-proxy's start", () => {
  it('sets nf_conntrack_max again when its pod restarts, over whatever sysctl left', async () => {
    const sim = createSimulation({ seed: 3 });
    await sim.exec('ssh node-2 sysctl -w net.netfilter.nf_conntrack_max=4096; ssh node-1 sysctl -w net.netfilter.nf_conntrack_max=4096');
    const pod = (await sim.exec("kubectl -n kube-system get pods -l k8s-app=kube-proxy -o wide | awk '/node-2/{print $1}'")).stdout.trim();
    expect((await sim.exec(`kubectl -n kube-system delete pod ${pod}; sleep 10`)).exitCode).toBe(0);
    expect((await sim.exec('ssh node-2 sysctl -n net.netfilter.nf_conntrack_max; ssh node-1 sysctl -n net.netfilter.nf_conntrack_max')).stdout).toBe('131072\n4096\n');
  });
});

describe('a per-line UDP loop', () => {
  it('leaves one [UNREPLIED] flow per datagram for the 30 s nf_conntrack_udp_timeout', async () => {
    const sim = createSimulation({ seed: 3 });
    expect((await sim.exec(`kubectl apply -f - <<'EOF'\n${SINK}EOF`)).exitCode).toBe(0);
    const udp = FORWARDER.replace('nc -w1 sink 5140; sleep 0.01', 'nc -u -w1 sink 8125; sleep 0.1');
    expect((await sim.exec(`kubectl apply -f - <<'EOF'\n${udp}EOF`)).exitCode).toBe(0);
    const r = await sim.exec('sleep 60; ssh node-2 conntrack -C -p udp --dport 8125; ssh node-2 conntrack -L -p udp --dport 8125 | tail -1');
    const [count, last] = r.stdout.trim().split('\n');
    expect(Number(count)).toBe(300);
    expect(last).toMatch(/^udp {6}17 30 src=10\.244\.2\.\d+ dst=\S+ sport=\d+ dport=8125 \[UNREPLIED\] src=10\.244\.1\.\d+ .* mark=0 use=1$/);
  });
});
