// nslookup (bind9 and BusyBox), dig and host against the simulated CoreDNS. Expected shapes come
// from field captures: BusyBox 1.36 `nslookup shop` printing the answer and then NXDOMAIN for the
// other search domains (A and AAAA) with exit 1; bind9 nslookup's `Address:\t10.96.0.10#53`; dig
// 9.18 against CoreDNS with the mDNS warning, `flags: qr aa rd`, "recursion requested but not
// available", `udp: 1232` and an echoed cookie.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

async function cluster() {
  const sim = createSimulation({ seed: 1 });
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: named\nspec:\n  selector:\n    app: web\n  ports:\n  - name: http\n    port: 80\n';
  for (const l of ['kubectl create deployment web --image=nginx', 'kubectl expose deployment web --port 80', `kubectl apply -f - <<'EOF'\n${svc}EOF`, 'kubectl create service externalname ext --external-name web.default.svc.cluster.local', 'kubectl run bb --image=busybox --command -- sleep infinity', 'kubectl run tools --image=nicolaka/netshoot --command -- sleep infinity']) {
    const r = await sim.exec(l);
    expect(r.exitCode, r.stderr).toBe(0);
  }
  settle(sim);
  return { sim, ip: (s: string) => sim.cluster.get('services', 'default', s)!.spec.clusterIP! };
}

describe('nslookup', () => {
  it('BusyBox: the answer, then NXDOMAIN for every other search domain, A and AAAA, and exit 1', async () => {
    const c = await cluster();
    const r = await c.sim.exec('kubectl exec bb -- nslookup web');
    expect(r.stdout).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${c.ip('web')}\n\n** server can't find web.svc.cluster.local: NXDOMAIN\n\n** server can't find web.cluster.local: NXDOMAIN\n\n** server can't find web.svc.cluster.local: NXDOMAIN\n\n** server can't find web.cluster.local: NXDOMAIN\n\n\n`);
    expect(r.stderr).toBe('command terminated with exit code 1\n');
  });

  it('BusyBox does not search names with a dot: web.default goes upstream and fails', async () => {
    const c = await cluster();
    const r = await c.sim.exec('kubectl exec bb -- nslookup web.default');
    expect(r.stdout).toBe("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nNon-authoritative answer:\n\n** server can't find web.default: NXDOMAIN\n\n");
    expect((await c.sim.exec('kubectl exec bb -- nslookup web.default.svc.cluster.local')).stdout).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${c.ip('web')}\n\n\n`);
  });

  it('bind9: the first name of the search list that exists; NXDOMAIN with exit 1; a reverse lookup', async () => {
    const c = await cluster();
    const r = await c.sim.exec('kubectl exec tools -- nslookup web');
    expect(r.stdout).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${c.ip('web')}\n\n`);
    expect(r.exitCode).toBe(0);
    const nope = await c.sim.exec('kubectl exec tools -- nslookup nope');
    expect(nope.stdout).toBe("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find nope: NXDOMAIN\n\n");
    expect(nope.exitCode).toBe(1);
    expect((await c.sim.exec('kubectl exec tools -- nslookup 10.96.0.10')).stdout).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n10.0.96.10.in-addr.arpa\tname = kube-dns.kube-system.svc.cluster.local.\n\n');
    expect((await c.sim.exec('kubectl exec tools -- nslookup -type=srv _http._tcp.named')).stdout).toContain('_http._tcp.named.default.svc.cluster.local\tservice = 0 100 80 named.default.svc.cluster.local.\n');
  });

  it('on a node, systemd-resolved knows nothing of cluster.local; asking CoreDNS directly works', async () => {
    const c = await cluster();
    const r = await c.sim.exec('ssh node-1\nnslookup kubernetes.default\ndig +short @10.96.0.10 kubernetes.default.svc.cluster.local\nexit');
    expect(r.stdout).toContain("Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\n** server can't find kubernetes.default: NXDOMAIN\n\n");
    expect(r.stdout).toContain('\n10.96.0.1\n');
  });
});

describe('dig', () => {
  it('prints the full answer as dig 9.18 does against CoreDNS', async () => {
    const c = await cluster();
    const r = await c.sim.exec('kubectl exec tools -- dig web.default.svc.cluster.local');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/\n;; WHEN: Mon Jan 05 09:0\d:\d\d UTC 2026\n/);
    const text = r.stdout.replace(/id: \d+/, 'id: ID').replace(/COOKIE: [0-9a-f]{16}/, 'COOKIE: C').replace(/WHEN: .*/, 'WHEN: T');
    expect(text).toBe([
      '',
      '; <<>> DiG 9.18.33 <<>> web.default.svc.cluster.local',
      ';; global options: +cmd',
      ';; Got answer:',
      ';; WARNING: .local is reserved for Multicast DNS',
      ';; You are currently testing what happens when an mDNS query is leaked to DNS',
      ';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: ID',
      ';; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1',
      ';; WARNING: recursion requested but not available',
      '',
      ';; OPT PSEUDOSECTION:',
      '; EDNS: version: 0, flags:; udp: 1232',
      '; COOKIE: C (echoed)',
      ';; QUESTION SECTION:',
      ';web.default.svc.cluster.local.\tIN\tA',
      '',
      ';; ANSWER SECTION:',
      `web.default.svc.cluster.local.\t30\tIN\tA\t${c.ip('web')}`,
      '',
      ';; Query time: 0 msec',
      ';; SERVER: 10.96.0.10#53(10.96.0.10) (UDP)',
      ';; WHEN: T',
      // 12 header + 35 question + 45 answer (owner written out) + 21 OPT: the sum fits two field captures.
      ';; MSG SIZE  rcvd: 113',
      '',
      '',
    ].join('\n'));
  });

  it('does not use the search list: `dig web` asks for web. and CoreDNS forwards it upstream; +search finds it', async () => {
    const c = await cluster();
    const r = await c.sim.exec('kubectl exec tools -- dig web');
    expect(r.stdout).toContain(';; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN');
    expect(r.stdout).toContain(';; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1\n\n');
    expect(r.stdout).toContain(';web.\t\t\t\tIN\tA\n');
    // The root's SOA (TTL 86400) as CoreDNS's `cache 30` hands it out: capped at 30 s (plugin/cache caps the reply it writes too).
    expect(r.stdout).toContain('.\t\t\t30\tIN\tSOA\ta.root-servers.net. nstld.verisign-grs.com. ');
    expect((await c.sim.exec('kubectl exec tools -- dig +short +search web')).stdout).toBe(`${c.ip('web')}\n`);
  });

  it('+short for SRV, PTR with -x, a CNAME chain, and +noall +answer', async () => {
    const c = await cluster();
    expect((await c.sim.exec('kubectl exec tools -- dig +short SRV _http._tcp.named.default.svc.cluster.local')).stdout).toBe('0 100 80 named.default.svc.cluster.local.\n');
    expect((await c.sim.exec('kubectl exec tools -- dig +short -x 10.96.0.1')).stdout).toBe('kubernetes.default.svc.cluster.local.\n');
    expect((await c.sim.exec('kubectl exec tools -- dig +short ext.default.svc.cluster.local')).stdout).toBe(`web.default.svc.cluster.local.\n${c.ip('web')}\n`);
    expect((await c.sim.exec('kubectl exec tools -- dig +noall +answer kubernetes.default.svc.cluster.local')).stdout).toBe('kubernetes.default.svc.cluster.local.\t30 IN A\t10.96.0.1\n'.replace('\t30 IN A', '\t30\tIN\tA'));
  });

  it('times out when a NetworkPolicy blocks egress to CoreDNS (exit 9), and rejects bad options', async () => {
    const c = await cluster();
    const deny = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-egress\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n';
    await c.sim.exec(`kubectl apply -f - <<'EOF'\n${deny}EOF`);
    const r = await c.sim.exec('kubectl exec tools -- dig +short web.default.svc.cluster.local');
    expect(r.stdout).toBe(';; communications error to 10.96.0.10#53: timed out\n'.repeat(3) + ';; no servers could be reached\n');
    expect(r.exitCode).toBe(9);
    expect((await c.sim.exec('kubectl exec tools -- dig +bogus x')).stdout + (await c.sim.exec('kubectl exec tools -- dig +bogus x')).stderr).toContain('Invalid option: +bogus\nUsage:  dig [@global-server]');
  });
});

describe('host', () => {
  it('answers in host\'s words, through the search list', async () => {
    const c = await cluster();
    expect((await c.sim.exec('kubectl exec tools -- host web')).stdout).toBe(`web.default.svc.cluster.local has address ${c.ip('web')}\n`);
    expect((await c.sim.exec('kubectl exec tools -- host ext')).stdout).toBe(`ext.default.svc.cluster.local is an alias for web.default.svc.cluster.local.\nweb.default.svc.cluster.local has address ${c.ip('web')}\n`);
    expect((await c.sim.exec('kubectl exec tools -- host -t srv _http._tcp.named')).stdout).toBe('_http._tcp.named.default.svc.cluster.local has SRV record 0 100 80 named.default.svc.cluster.local.\n');
    expect((await c.sim.exec('kubectl exec tools -- host 10.96.0.10')).stdout).toBe('10.0.96.10.in-addr.arpa domain name pointer kube-dns.kube-system.svc.cluster.local.\n');
    const nope = await c.sim.exec('kubectl exec tools -- host nope');
    expect(nope.stdout).toBe('Host nope not found: 3(NXDOMAIN)\n');
    expect(nope.exitCode).toBe(1);
    expect((await c.sim.exec('kubectl exec tools -- host web 10.96.0.10')).stdout).toBe(`Using domain server:\nName: 10.96.0.10\nAddress: 10.96.0.10#53\nAliases: \n\nweb.default.svc.cluster.local has address ${c.ip('web')}\n`);
  });

  it('every query is a packet a capture sees', async () => {
    const c = await cluster();
    const r = await c.sim.exec('kubectl exec -it tools -- bash\ntcpdump -ni eth0 -c 2 udp port 53 &\nhost -t srv _http._tcp.named\nexit');
    expect(r.combined).toMatch(/> 10\.96\.0\.10\.53: \d+\+ SRV\? _http\._tcp\.named\.default\.svc\.cluster\.local\. \(\d+\)\n/);
    expect(r.combined).toMatch(/10\.96\.0\.10\.53 > [\d.]+: \d+\*- 1\/0\/1 SRV named\.default\.svc\.cluster\.local\.:80 0 100 \(\d+\)\n/);
  });
});
