// A pod's resolver end to end: dnsPolicy and dnsConfig admitted and stored, rendered into the
// pod's /etc/resolv.conf, and deciding how lookups are sent and timed; NodeLocal DNSCache.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { DnsCheckSchema } from '../../labs/schema';
import { gradeDnsCheck } from '../../labs/checks/dns-check';

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

const latency = (pod: string) => DnsCheckSchema.parse({ id: 'c', title: 'C', kind: 'dns', from: { namespace: 'shop', pod }, name: 'api.payments.example', expect: 'resolves', latency: { lookups: 200, maxSeconds: 0.5 } });

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
    const plain = gradeDnsCheck(latency('plain'), sim);
    expect(plain).toMatchObject({ passed: false, feedbackId: 'dns.slow' });
    expect((plain.params as { worst?: string } | undefined)?.worst).toMatch(/^5\.\d\d s$/);
    expect(gradeDnsCheck(latency('reopen'), sim)).toMatchObject({ passed: true, feedbackId: 'dns.fast_ok' });
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
        args: ["-localip", "169.254.20.10,10.96.0.10"]
EOF`;
    expect((await sim.exec(ds)).exitCode).toBe(0);
    settle(sim);
    expect(gradeDnsCheck(latency('plain'), sim)).toMatchObject({ passed: true });
  });

  it('counts queries per lookup: ndots:5 walks the search list, a trailing dot asks once', async () => {
    const sim = await cluster();
    await sim.exec(podYaml('plain', ''));
    settle(sim);
    const q = (name: string) => DnsCheckSchema.parse({ id: 'c', title: 'C', kind: 'dns', from: { namespace: 'shop', pod: 'plain' }, name, expect: 'resolves', maxQueries: 2 });
    expect(gradeDnsCheck(q('api.payments.example'), sim)).toMatchObject({ passed: false, feedbackId: 'dns.too_many_queries', params: { queries: 8 } });
    expect(gradeDnsCheck(q('api.payments.example.'), sim)).toMatchObject({ passed: true, feedbackId: 'dns.queries_ok', params: { queries: 2 } });
  });
});
