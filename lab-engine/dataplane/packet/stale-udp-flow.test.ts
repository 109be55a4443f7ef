// A UDP client that keeps one socket (a statsd client's `… | nc -u statsd 8125` loop) keeps one
// conntrack flow: later datagrams reuse the entry and its DNAT. kube-proxy's reconciler
// (pkg/proxy/conntrack/cleanup.go) deletes such a flow when its endpoint stops serving — unless the
// Service has no serving endpoint at all (kubernetes/kubernetes#139628) or the endpoint kept its IP
// and only changed port (the reconciler compares IPs). `conntrack -D` on the client's node ends it.

import { describe, expect, it } from 'vitest';
import { createSimulation, restoreSimulation, settle } from '../../simulation/simulation';
import { udpSenders } from '../apps/udp-sender';
import { hopSummary } from './render-hop';

const STATSD = (hostNetwork: boolean, port: number) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: statsd, namespace: monitoring }
spec:
  replicas: 1
  strategy: { type: Recreate }
  selector: { matchLabels: { app: statsd } }
  template:
    metadata: { labels: { app: statsd } }
    spec:
      hostNetwork: ${hostNetwork}
      nodeSelector: { kubernetes.io/hostname: node-2 }
      containers:
        - name: statsd
          image: registry.k8s.io/e2e-test-images/agnhost:2.53
          args: [netexec, --http-port=8080, --udp-port=${port}]
`;
const SERVICE = (targetPort: number) => `apiVersion: v1
kind: Service
metadata: { name: statsd, namespace: monitoring }
spec:
  selector: { app: statsd }
  ports: [{ name: statsd, protocol: UDP, port: 8125, targetPort: ${targetPort} }]
`;
const CLIENT = `apiVersion: v1
kind: Pod
metadata: { name: checkout, namespace: shop, labels: { app: checkout } }
spec:
  nodeSelector: { kubernetes.io/hostname: node-1 }
  containers:
    - name: app
      image: busybox:1.36
      command: [sh, -c, 'while true; do echo "checkout.orders:1|c"; sleep 10; done | nc -u statsd.monitoring 8125']
`;

async function statsdCluster(hostNetwork: boolean) {
  const sim = createSimulation({ seed: 7, files: { '/tmp/statsd.yaml': STATSD(hostNetwork, 8125), '/tmp/svc.yaml': SERVICE(8125), '/tmp/client.yaml': CLIENT } });
  for (const line of ['kubectl create namespace monitoring', 'kubectl create namespace shop', 'kubectl apply -f /tmp/statsd.yaml', 'kubectl apply -f /tmp/svc.yaml', 'kubectl apply -f /tmp/client.yaml']) {
    const r = await sim.exec(line);
    expect(r.exitCode, `${line}: ${r.stderr}`).toBe(0);
  }
  settle(sim);
  await sim.exec('sleep 25');
  const clusterIP = sim.cluster.get('services', 'monitoring', 'statsd')!.spec.clusterIP!;
  const onNode = async (node: string, line: string) => sim.exec(`ssh ${node}\n${line}\nexit`);
  return { sim, clusterIP, onNode };
}

type StatsdCluster = Awaited<ReturnType<typeof statsdCluster>>;

/** node-1's UDP flows from the client to the Service, as `conntrack -L` prints them. */
async function clientFlows(c: StatsdCluster): Promise<string[]> {
  const out = (await c.onNode('node-1', `conntrack -L -p udp --orig-dst ${c.clusterIP}`)).stdout;
  return out.split('\n').filter((l) => l.startsWith('udp '));
}

/** Where the client's next datagram goes: a grader's probe from its own socket. */
function nextDatagram(c: StatsdCluster) {
  const pod = c.sim.cluster.get('pods', 'shop', 'checkout')!;
  const sport = udpSenders(pod)[0].sourcePort;
  return c.sim.network.checkProbe({ from: { kind: 'pod', namespace: 'shop', name: 'checkout' }, dst: c.clusterIP, protocol: 'udp', dport: 8125, sport });
}

describe('a steady UDP sender and conntrack', () => {
  it('one socket, one flow: later datagrams reuse the entry (and its DNAT) and refresh its 30 s, unreplied', async () => {
    const c = await statsdCluster(false);
    const statsd = c.sim.cluster.list('pods', 'monitoring')[0];
    const first = await clientFlows(c);
    expect(first).toHaveLength(1);
    const client = c.sim.cluster.get('pods', 'shop', 'checkout')!.status.podIP!;
    expect(first[0]).toMatch(new RegExp(`^udp      17 (2\\d|30) src=${client} dst=${c.clusterIP} sport=(\\d+) dport=8125 \\[UNREPLIED\\] src=${statsd.status.podIP} dst=${client} sport=8125 dport=\\2 mark=0 use=1$`));
    await c.sim.exec('sleep 60');
    const later = await clientFlows(c);
    expect(later).toHaveLength(1);
    // The same flow (same source port), its timeout refreshed by the last datagram (sent at most 10 s ago).
    expect(later[0].split(' ').slice(3).join(' ')).toBe(first[0].split(' ').slice(3).join(' '));
    const left = Number(later[0].split(/\s+/)[2]);
    expect(left).toBeGreaterThanOrEqual(20);
    const trace = nextDatagram(c);
    expect(trace.outcome.kind).toBe('delivered');
    const nat = trace.hops.find((h) => h.kind === 'netfilter' && h.table === 'nat');
    expect(nat && hopSummary(nat)).toBe(`nat PREROUTING: conntrack: a packet of a known flow gets its first packet's NAT, DNAT ${c.clusterIP}:8125 → ${statsd.status.podIP}:8125; no nat rule is consulted`);
  });

  it('the flow ends 30 s after the client stops sending', async () => {
    const c = await statsdCluster(false);
    expect(await clientFlows(c)).toHaveLength(1);
    await c.sim.exec('kubectl -n shop delete pod checkout --wait=false');
    await c.sim.exec('sleep 45');
    expect(await clientFlows(c)).toEqual([]);
  });

  it("kube-proxy's reconciler deletes the flow once its endpoint stops serving, and the next datagram goes to the new pod", async () => {
    const c = await statsdCluster(false);
    const old = c.sim.cluster.list('pods', 'monitoring')[0].status.podIP!;
    expect((await clientFlows(c))[0]).toContain(`src=${old} `);
    await c.sim.exec('kubectl -n monitoring delete pod -l app=statsd');
    await c.sim.exec('sleep 30');
    const now = c.sim.cluster.list('pods', 'monitoring').find((p) => p.status.phase === 'Running')!.status.podIP!;
    expect(now).not.toBe(old);
    const flows = await clientFlows(c);
    expect(flows).toHaveLength(1);
    expect(flows[0]).toContain(`src=${now} `);
  });

  it('a Service scaled to zero keeps the flow to the gone pod as long as the client sends (kubernetes#139628)', async () => {
    const c = await statsdCluster(false);
    const old = c.sim.cluster.list('pods', 'monitoring')[0].status.podIP!;
    await c.sim.exec('kubectl -n monitoring scale deployment statsd --replicas=0');
    await c.sim.exec('sleep 90');
    expect(c.sim.cluster.list('pods', 'monitoring')).toEqual([]);
    const flows = await clientFlows(c);
    expect(flows).toHaveLength(1);
    expect(flows[0]).toContain(`[UNREPLIED] src=${old} `);
    expect(nextDatagram(c).outcome.kind).not.toBe('delivered');
  });

  it('a hostNetwork endpoint that moved port keeps its IP, so the flow survives; conntrack -D on the client node ends it', async () => {
    const c = await statsdCluster(true);
    const node2 = '172.18.0.4';
    expect((await clientFlows(c))[0]).toContain(`src=${node2} dst=172.18.0.3 sport=8125 `);
    c.sim.fs.write('/tmp/statsd.yaml', STATSD(true, 9125));
    c.sim.fs.write('/tmp/svc.yaml', SERVICE(9125));
    await c.sim.exec('kubectl apply -f /tmp/statsd.yaml -f /tmp/svc.yaml');
    await c.sim.exec('sleep 60');
    expect(c.sim.cluster.list('endpointslices', 'monitoring')[0].ports?.[0]?.port).toBe(9125);
    expect((await clientFlows(c))[0]).toContain(`src=${node2} dst=172.18.0.3 sport=8125 `);
    const stale = nextDatagram(c);
    expect(stale.outcome).toMatchObject({ kind: 'refused', by: 'no-listener' });
    // The endpoint's node keeps its own entry (the flow as it arrived, already NATed): deleting it there changes nothing.
    expect((await c.onNode('node-2', `conntrack -D -p udp --orig-dst ${c.clusterIP}`)).stderr).toContain('conntrack v1.4.7 (conntrack-tools): 0 flow entries have been deleted.\n');
    const del = await c.onNode('node-1', `conntrack -D -p udp --orig-dst ${c.clusterIP} --dport 8125`);
    expect(del.stderr).toContain('conntrack v1.4.7 (conntrack-tools): 1 flow entries have been deleted.\n');
    expect(nextDatagram(c).outcome).toMatchObject({ kind: 'delivered', at: { ip: node2, port: 9125 } });
    await c.sim.exec('sleep 10');
    expect((await clientFlows(c))[0]).toContain(`src=${node2} dst=172.18.0.3 sport=9125 `);
  });

  it("a restored session keeps the flow and the sender's pace: a reload does not quietly fix a stale entry", async () => {
    const c = await statsdCluster(true);
    c.sim.fs.write('/tmp/statsd.yaml', STATSD(true, 9125));
    c.sim.fs.write('/tmp/svc.yaml', SERVICE(9125));
    await c.sim.exec('kubectl apply -f /tmp/statsd.yaml -f /tmp/svc.yaml');
    await c.sim.exec('sleep 60');
    const before = await clientFlows(c);
    expect(before[0]).toContain('sport=8125 ');
    const restored = restoreSimulation(JSON.parse(JSON.stringify(c.sim.snapshot())));
    const again = { ...c, sim: restored, onNode: (node: string, line: string) => restored.exec(`ssh ${node}\n${line}\nexit`) };
    expect(await clientFlows(again)).toEqual(before);
    await restored.exec('sleep 120');
    const later = await clientFlows(again);
    expect(later).toHaveLength(1);
    expect(later[0]).toContain(' src=172.18.0.4 dst=172.18.0.3 sport=8125 ');
  });
});
