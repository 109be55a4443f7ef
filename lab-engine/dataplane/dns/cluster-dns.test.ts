// CoreDNS's answers against the Kubernetes DNS specification (kubernetes/dns
// docs/specification.md, schema 1.1.0) and the kubeadm Corefile (`pods insecure`, `ttl 30`).

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { queryClusterDns } from './cluster-dns';

const headless = `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
  ports:
  - name: pg
    port: 5432
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: 8080
  - port: 9000
    name: metrics
    protocol: UDP
---
apiVersion: v1
kind: Service
metadata:
  name: ext
spec:
  type: ExternalName
  externalName: web.default.svc.cluster.local
---
apiVersion: v1
kind: Service
metadata:
  name: outside
spec:
  type: ExternalName
  externalName: db.example.com
`;

async function cluster() {
  const sim = createSimulation({ seed: 1 });
  for (const l of ['kubectl create deployment db --image=nginx --replicas=2', 'kubectl create deployment web --image=nginx', `kubectl apply -f - <<'EOF'\n${headless}EOF`]) {
    const r = await sim.exec(l);
    expect(r.exitCode, r.stderr).toBe(0);
  }
  settle(sim);
  const ip = (svc: string) => sim.cluster.get('services', 'default', svc)!.spec.clusterIP!;
  const podIPs = (app: string) => sim.cluster.list('pods', 'default').filter((p) => p.metadata.labels?.app === app).map((p) => p.status.podIP!).sort();
  return { sim, ip, podIPs, q: (name: string, type: Parameters<typeof queryClusterDns>[2] = 'A') => queryClusterDns(sim.cluster, name, type) };
}

describe('CoreDNS cluster zone', () => {
  it('A for a ClusterIP Service, authoritative with TTL 30; AAAA is NOERROR without data and with the SOA', async () => {
    const c = await cluster();
    const a = c.q('web.default.svc.cluster.local');
    expect(a).toMatchObject({ rcode: 'NOERROR', authoritative: true, answers: [{ name: 'web.default.svc.cluster.local.', ttl: 30, type: 'A', data: c.ip('web') }] });
    const aaaa = c.q('web.default.svc.cluster.local', 'AAAA');
    expect(aaaa.rcode).toBe('NOERROR');
    expect(aaaa.answers).toEqual([]);
    expect(aaaa.authority[0]).toMatchObject({ name: 'cluster.local.', type: 'SOA', data: expect.stringMatching(/^ns\.dns\.cluster\.local\. hostmaster\.cluster\.local\. \d+ 7200 1800 86400 30$/) });
  });

  it('SRV for each named port only, with the protocol in the name and the target\'s A in additional', async () => {
    const c = await cluster();
    const srv = c.q('_http._tcp.web.default.svc.cluster.local', 'SRV');
    expect(srv.answers).toEqual([{ name: '_http._tcp.web.default.svc.cluster.local.', ttl: 30, type: 'SRV', data: '0 100 80 web.default.svc.cluster.local.' }]);
    expect(srv.additional).toEqual([{ name: 'web.default.svc.cluster.local.', ttl: 30, type: 'A', data: c.ip('web') }]);
    expect(c.q('_metrics._udp.web.default.svc.cluster.local', 'SRV').answers[0]?.data).toBe('0 100 9000 web.default.svc.cluster.local.');
    expect(c.q('_metrics._tcp.web.default.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
  });

  it('headless: one A per ready endpoint, SRV per endpoint and named port, endpoint names, NXDOMAIN without endpoints', async () => {
    const c = await cluster();
    const ips = c.podIPs('db');
    expect(c.q('db.default.svc.cluster.local').answers.map((r) => r.data).sort()).toEqual(ips);
    const srv = c.q('_pg._tcp.db.default.svc.cluster.local', 'SRV').answers.map((r) => r.data).sort();
    expect(srv).toEqual(ips.map((ip) => `0 50 5432 ${ip.replace(/\./g, '-')}.db.default.svc.cluster.local.`).sort());
    expect(c.q(`${ips[0].replace(/\./g, '-')}.db.default.svc.cluster.local`).answers[0].data).toBe(ips[0]);
    await c.sim.exec('kubectl scale deployment db --replicas=0');
    settle(c.sim);
    expect(c.q('db.default.svc.cluster.local').rcode).toBe('NXDOMAIN');
  });

  it('a pod whose subdomain names a headless Service gets <hostname>.<subdomain> records (spec 2.4.1); other subdomains get none', async () => {
    const c = await cluster();
    const pod = (name: string, subdomain: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels:\n    app: db\nspec:\n  hostname: ${name}\n  subdomain: ${subdomain}\n  containers:\n  - name: pg\n    image: nginx\n`;
    for (const l of [`kubectl apply -f - <<'EOF'\n${pod('db-primary', 'db')}EOF`, `kubectl apply -f - <<'EOF'\n${pod('db-other', 'elsewhere')}EOF`]) expect((await c.sim.exec(l)).exitCode).toBe(0);
    settle(c.sim);
    const primaryIP = c.sim.cluster.get('pods', 'default', 'db-primary')!.status.podIP!;
    expect(c.q('db-primary.db.default.svc.cluster.local').answers.map((r) => r.data)).toEqual([primaryIP]);
    expect(c.q('_pg._tcp.db.default.svc.cluster.local', 'SRV').answers.map((r) => r.data)).toContain('0 25 5432 db-primary.db.default.svc.cluster.local.');
    expect(c.q('db-other.db.default.svc.cluster.local').rcode).toBe('NXDOMAIN');
    const bad = await c.sim.exec(`kubectl apply -f - <<'EOF'\n${pod('x', 'Not_A_Label')}EOF`);
    expect(bad.stderr).toContain('spec.subdomain: Invalid value: "Not_A_Label": a lowercase RFC 1123 label');
  });

  it('ExternalName is a CNAME, followed inside the zone; pod A records; PTR for ClusterIPs; the schema version TXT', async () => {
    const c = await cluster();
    expect(c.q('ext.default.svc.cluster.local').answers).toEqual([
      { name: 'ext.default.svc.cluster.local.', ttl: 30, type: 'CNAME', data: 'web.default.svc.cluster.local.' },
      { name: 'web.default.svc.cluster.local.', ttl: 30, type: 'A', data: c.ip('web') },
    ]);
    expect(c.q('outside.default.svc.cluster.local').answers).toEqual([{ name: 'outside.default.svc.cluster.local.', ttl: 30, type: 'CNAME', data: 'db.example.com.' }]);
    expect(c.q('10-244-9-9.default.pod.cluster.local').answers[0].data).toBe('10.244.9.9');
    expect(c.q('10-244-9-9.nosuchns.pod.cluster.local').rcode).toBe('NXDOMAIN');
    const [a, b, cc, d] = c.ip('web').split('.');
    expect(c.q(`${d}.${cc}.${b}.${a}.in-addr.arpa`, 'PTR').answers[0].data).toBe('web.default.svc.cluster.local.');
    expect(c.q('dns-version.cluster.local', 'TXT').answers[0].data).toBe('"1.1.0"');
  });

  it('unknown names in the zone are NXDOMAIN; names outside it go upstream, which answers without authority', async () => {
    const c = await cluster();
    expect(c.q('nope.default.svc.cluster.local')).toMatchObject({ rcode: 'NXDOMAIN', authoritative: true });
    expect(c.q('web.svc.cluster.local').rcode).toBe('NXDOMAIN');
    expect(c.q('web')).toMatchObject({ rcode: 'NXDOMAIN', authoritative: false, authority: [{ name: '.', type: 'SOA' }] });
  });
});
