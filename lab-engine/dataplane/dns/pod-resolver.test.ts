// A pod's resolver end to end: dnsPolicy and dnsConfig admitted and stored, rendered into the
// pod's /etc/resolv.conf, and deciding how lookups are sent and timed; NodeLocal DNSCache.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import type { Simulation } from '../../simulation/contract';

async function cluster() {
  const sim = createSimulation({ seed: 5 });
  for (const l of ['kubectl create namespace shop', 'kubectl -n shop create deployment web --image=nginx', 'kubectl -n shop expose deployment web --port 80']) {
    expect((await sim.exec(l)).exitCode).toBe(0);
  }
  settle(sim);
  return sim;
}

const podYaml = (name: string, dns: string) => `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
spec:
${dns}
  containers:
  - name: c
    image: nginx:1.27
EOF`;

/** 200 timed lookups of the payment API from `pod`: the slowest, and how many stalled. */
function sample(sim: Simulation, pod: string): { worstMs: number; stalled: number } {
  const r = sim.lookup('shop', pod, 'api.payments.example', { lookups: 200 });
  if (r.kind !== 'resolved') throw new Error(`lookup ${r.kind}`);
  return { worstMs: Math.max(...r.timings.map((t) => t.elapsedMs)), stalled: r.timings.filter((t) => t.stalls > 0).length };
}

describe('pod resolver', () => {
  it('admits dnsPolicy None with its dnsConfig and writes it into the pod resolv.conf', async () => {
    const sim = await cluster();
    const r = await sim.exec(podYaml('custom', '  dnsPolicy: None\n  dnsConfig:\n    nameservers: [10.96.0.10]\n    searches: [shop.svc.cluster.local]\n    options:\n    - name: ndots\n      value: "1"'));
    expect(r.exitCode).toBe(0);
    settle(sim);
    expect((await sim.exec('kubectl -n shop get pod custom -o jsonpath={.spec.dnsPolicy}')).stdout).toBe('None');
    expect((await sim.exec('kubectl -n shop exec custom -- cat /etc/resolv.conf')).stdout).toBe('search shop.svc.cluster.local\nnameserver 10.96.0.10\noptions ndots:1\n');
    expect(sim.lookup('shop', 'custom', 'web')).toMatchObject({ kind: 'resolved', fqdn: 'web.shop.svc.cluster.local' });
  });

  it('refuses dnsPolicy None without nameservers, and an unknown policy, with the API server words', async () => {
    const sim = await cluster();
    const none = await sim.exec(podYaml('bad', '  dnsPolicy: None'));
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toContain('spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None');
    const odd = await sim.exec(podYaml('odd', '  dnsPolicy: ClusterFist'));
    expect(odd.stderr).toContain('spec.dnsPolicy: Unsupported value: "ClusterFist": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"');
  });

  it('times lookups: the default resolver stalls behind the DNAT; single-request-reopen does not', async () => {
    const sim = await cluster();
    await sim.exec(podYaml('plain', ''));
    await sim.exec(podYaml('reopen', '  dnsConfig:\n    options:\n    - name: single-request-reopen'));
    settle(sim);
    const plain = sample(sim, 'plain');
    expect(plain.stalled).toBeGreaterThan(10);
    expect(plain.worstMs).toBeGreaterThanOrEqual(5000);
    expect(sample(sim, 'reopen')).toEqual({ worstMs: expect.any(Number), stalled: 0 });
    expect(sample(sim, 'reopen').worstMs).toBeLessThan(50);
  });

  it('NodeLocal DNSCache bound on the kube-dns ClusterIP takes the pods off the race', async () => {
    const sim = await cluster();
    await sim.exec(podYaml('plain', ''));
    const ds = `kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-local-dns, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: node-local-dns}}
  template:
    metadata: {labels: {k8s-app: node-local-dns}}
    spec:
      hostNetwork: true
      dnsPolicy: Default
      tolerations: [{operator: Exists}]
      containers:
      - name: node-cache
        image: registry.k8s.io/dns/k8s-dns-node-cache:1.26.4
        args: ["-localip", "169.254.20.10,10.96.0.10", "-upstreamsvc", "kube-dns-upstream"]
---
apiVersion: v1
kind: Service
metadata: {name: kube-dns-upstream, namespace: kube-system}
spec:
  selector: {k8s-app: kube-dns}
  ports: [{name: dns, port: 53, protocol: UDP}, {name: dns-tcp, port: 53, protocol: TCP}]
EOF`;
    expect((await sim.exec(ds)).exitCode).toBe(0);
    settle(sim);
    expect(sample(sim, 'plain').stalled).toBe(0);
  });

  it('counts queries per lookup: ndots:5 walks the search list, a trailing dot asks once', async () => {
    const sim = await cluster();
    await sim.exec(podYaml('plain', ''));
    settle(sim);
    const queries = (name: string) => {
      const r = sim.lookup('shop', 'plain', name);
      return r.kind === 'resolved' ? r.timings[0].queries - 2 * r.timings[0].stalls : -1;
    };
    expect(queries('api.payments.example')).toBe(8);
    expect(queries('api.payments.example.')).toBe(2);
    expect(queries('web')).toBe(2);
  });

  it("counts the learner's lost races in insert_failed of the client's node, and none with single-request-reopen", async () => {
    const sim = await cluster();
    await sim.exec(podYaml('plain', '  nodeName: node-1'));
    await sim.exec(podYaml('reopen', '  nodeName: node-2\n  dnsConfig:\n    options:\n    - name: single-request-reopen'));
    settle(sim);
    const failed = async (pod: string, node: string) => {
      for (let i = 0; i < 30; i++) await sim.exec(`kubectl -n shop exec ${pod} -- curl -s -m 1 -o /dev/null http://api.payments.example/`);
      const stats = (await sim.exec(`ssh ${node} conntrack -S`)).stdout;
      return Number(/cpu=0.*insert_failed=(\d+)/.exec(stats)?.[1]);
    };
    expect(await failed('plain', 'node-1')).toBeGreaterThan(0);
    expect(await failed('reopen', 'node-2')).toBe(0);
  });
});
