import { describe, expect, it } from 'vitest';
import { kinds, webCluster } from '../../simulation/testing/packet-test-kit';
import { hopReasons, hopSummary } from './render-hop';

describe('sendProbe on calico (IPIP, iptables mode)', () => {
  it('pod → ClusterIP: DNAT in nat PREROUTING on the client node, then the route to the picked endpoint', async () => {
    const c = await webCluster('calico');
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.web.spec.clusterIP!, protocol: 'tcp', dport: 80 });
    expect(r.outcome.kind).toBe('delivered');
    const nat = r.hops.find((h) => h.kind === 'netfilter')!;
    expect(nat.netns).toBe(`node/${c.client.spec.nodeName}`);
    expect(hopSummary(nat)).toMatch(/^nat PREROUTING: KUBE-SERVICES → KUBE-SVC-[A-Z0-9]{16} → KUBE-SEP-[A-Z0-9]{16}: DNAT /);
    expect(hopReasons(nat)[0]).toMatch(new RegExp(`^-A KUBE-SERVICES -d ${c.web.spec.clusterIP}/32 -p tcp -m comment --comment "default/web cluster IP"`));
    if (r.outcome.kind !== 'delivered') throw new Error('unreachable');
    expect(c.webPods.map((p) => p.status.podIP)).toContain(r.outcome.at.ip);
    // Pod to Service traffic keeps the client's address: kube-proxy only masquerades off-cluster sources.
    expect(r.outcome.at.sourceSeen).toBe(c.client.status.podIP);
    expect(r.replied).toBe(true);
  });

  it('pod → pod on another node: IP-in-IP through tunl0 with 20 bytes of outer header', async () => {
    const c = await webCluster('calico');
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'tcp', dport: 80 });
    expect(kinds(r.hops)).toEqual([
      'pod/default/client route',
      'pod/default/client veth',
      `node/${c.client.spec.nodeName} route`,
      `node/${c.client.spec.nodeName} encap`,
      `node/${c.client.spec.nodeName} wire`,
      `node/${c.remoteWeb.spec.nodeName} decap`,
      `node/${c.remoteWeb.spec.nodeName} route`,
      `node/${c.remoteWeb.spec.nodeName} veth`,
      `pod/default/${c.remoteWeb.metadata.name} deliver`,
    ]);
    const encap = r.hops.find((h) => h.kind === 'encap')!;
    expect(encap.headers.outer).toMatchObject({ kind: 'ipip', sizeBytes: 80 });
    expect(encap.headers.sizeBytes).toBe(60);
    expect(hopReasons(r.hops.find((h) => h.kind === 'route' && h.netns.startsWith('node/'))!)[0]).toMatch(/ via 172\.18\.0\.\d dev tunl0 proto bird onlink$/);
  });

  it('a port nothing listens on is refused by the pod kernel (RST), not dropped', async () => {
    const c = await webCluster('calico');
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'tcp', dport: 8080 });
    expect(r.outcome).toMatchObject({ kind: 'refused', by: 'no-listener' });
    expect(hopSummary(r.hops.at(-1)!)).toContain('listens on tcp/8080');
  });

  it('a Service without endpoints is refused by kube-proxy\'s REJECT in filter FORWARD', async () => {
    const c = await webCluster('calico');
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.empty.spec.clusterIP!, protocol: 'tcp', dport: 80 });
    expect(r.outcome).toEqual({ kind: 'refused', by: 'reject-rule' });
    expect(hopSummary(r.hops.at(-1)!)).toMatch(/^filter FORWARD: REJECT \(icmp-port-unreachable\)/);
    expect(hopReasons(r.hops.at(-1)!).join('\n')).toContain('default/empty:80-80 has no endpoints');
  });

  it('ping to a ClusterIP goes unanswered in iptables mode: no rule DNATs ICMP and the default route leads away', async () => {
    const c = await webCluster('calico');
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.web.spec.clusterIP!, protocol: 'icmp' });
    expect(r.outcome.kind).toBe('dropped');
    // No rule DNATs it; the only rule that matches is Calico's natOutgoing MASQUERADE, as for any
    // pod packet leaving the pools (felix/rules/nat.go) — finding 3 of issue 15.
    expect(r.hops.some((h) => h.kind === 'netfilter' && h.verdict !== 'MASQUERADE')).toBe(false);
    expect(hopSummary(r.hops.at(-1)!)).toContain('sent to 172.18.0.1 through eth0');
  });

  it('the workstation reaches a NodePort on any node; the pod sees the node\'s address (masquerade)', async () => {
    const c = await webCluster('calico');
    const nodePort = c.web.spec.ports![0].nodePort!;
    const r = c.sim.network.probe({ from: { kind: 'external', host: 'workstation' }, dst: '172.18.0.2', protocol: 'tcp', dport: nodePort });
    expect(r.outcome.kind).toBe('delivered');
    const nat = r.hops.find((h) => h.kind === 'netfilter')!;
    expect(hopSummary(nat)).toContain('KUBE-NODEPORTS → KUBE-EXT-');
    expect(r.hops.filter((h) => hopSummary(h).includes('MASQUERADE'))).toHaveLength(1);
    if (r.outcome.kind === 'delivered') expect(r.outcome.at.sourceSeen).not.toBe('172.18.0.100');
  });

  it('from the internet a node address is not reachable', async () => {
    const c = await webCluster('calico');
    const r = c.sim.network.probe({ from: { kind: 'external', host: 'internet' }, dst: '172.18.0.3', protocol: 'tcp', dport: 22 });
    expect(r.outcome.kind).toBe('dropped');
  });

  it('a packet larger than the tunnel MTU with DF set gets ICMP fragmentation-needed; without DF it is fragmented', async () => {
    const c = await webCluster('calico');
    const big = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'icmp', sizeBytes: 1500, df: true });
    expect(big.outcome).toMatchObject({ kind: 'unreachable', icmp: 'frag-needed' });
    expect(hopSummary(big.hops.at(-1)!)).toContain('MTU 1480');
    const fragmented = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'icmp', sizeBytes: 1500, df: false });
    expect(fragmented.outcome.kind).toBe('delivered');
    expect(fragmented.hops.some((h) => h.kind === 'mtu' && hopSummary(h).includes('fragmented into 2'))).toBe(true);
  });

  it('records the connection in the client node\'s conntrack table with its DNAT', async () => {
    const c = await webCluster('calico');
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.web.spec.clusterIP!, protocol: 'tcp', dport: 80, sport: 40000 });
    if (r.outcome.kind !== 'delivered') throw new Error(r.outcome.kind);
    // Beside it, the IPIP flow between the nodes when the endpoint is on another one.
    const entries = c.sim.network.nodes.conntrack(c.client.spec.nodeName!).list(c.sim.now()).filter((e) => e.protocol === 'tcp');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ protocol: 'tcp', tcpState: 'ESTABLISHED', orig: { src: c.client.status.podIP, dst: c.web.spec.clusterIP, sport: 40000, dport: 80 }, reply: { src: r.outcome.at.ip, dport: 40000 } });
  });

  it('a NodePort connection from outside is recorded with the client\'s own address, and the reply goes to the masquerade address', async () => {
    const c = await webCluster('calico');
    const nodePort = c.web.spec.ports![0].nodePort!;
    const r = c.sim.network.probe({ from: { kind: 'external', host: 'workstation' }, dst: '172.18.0.3', protocol: 'tcp', dport: nodePort, sport: 50000 });
    if (r.outcome.kind !== 'delivered') throw new Error(r.outcome.kind);
    const [entry] = c.sim.network.nodes.conntrack('node-1').list(c.sim.now());
    expect(entry.orig).toEqual({ src: '172.18.0.100', dst: '172.18.0.3', sport: 50000, dport: nodePort });
    expect(entry.reply).toEqual({ src: r.outcome.at.ip, dst: r.outcome.at.sourceSeen, sport: 80, dport: 50000 });
    expect(r.outcome.at.sourceSeen).not.toBe('172.18.0.100');
  });

  it('the same seed picks the same endpoint', async () => {
    const picks = [];
    for (let i = 0; i < 2; i++) {
      const c = await webCluster('calico', 'iptables', 7);
      const r = c.sim.network.probe({ from: c.fromClient, dst: c.web.spec.clusterIP!, protocol: 'tcp', dport: 80 });
      picks.push(r.outcome.kind === 'delivered' ? r.outcome.at.ip : r.outcome.kind);
    }
    expect(picks[0]).toBe(picks[1]);
  });
});

describe('sendProbe on flannel (VXLAN)', () => {
  it('crosses cni0 and flannel.1 with 50 bytes of VXLAN overhead', async () => {
    const c = await webCluster('flannel');
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'tcp', dport: 80 });
    expect(r.outcome.kind).toBe('delivered');
    expect(r.hops.filter((h) => h.kind === 'bridge').map((h) => hopSummary(h))).toEqual([
      expect.stringContaining('is a port of cni0'),
      expect.stringContaining('cni0 forwards the frame to veth'),
    ]);
    const encap = r.hops.find((h) => h.kind === 'encap')!;
    expect(hopSummary(encap)).toContain('VXLAN (VNI 1, UDP 8472)');
    expect(encap.headers.outer!.sizeBytes - encap.headers.sizeBytes).toBe(50);
    expect(hopReasons(r.hops.find((h) => h.kind === 'route' && h.netns.startsWith('node/'))!)[0]).toMatch(/^10\.244\.\d\.0\/24 via 10\.244\.\d\.0 dev flannel\.1 onlink$/);
  });
});

describe('sendProbe in IPVS mode', () => {
  it('IPVS picks a real server for the ClusterIP; no KUBE-SVC chains are walked', async () => {
    const c = await webCluster('calico', 'ipvs');
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.web.spec.clusterIP!, protocol: 'tcp', dport: 80 });
    expect(r.outcome.kind).toBe('delivered');
    const ipvs = r.hops.find((h) => h.kind === 'ipvs')!;
    expect(hopSummary(ipvs)).toMatch(/IPVS on node-\d: TCP 10\.\d+\.\d+\.\d+:80 \(default\/web cluster IP\) → 10\.244\.\d\.\d:80; rr/);
    expect(r.hops.some((h) => hopSummary(h).includes('KUBE-SVC-'))).toBe(false);
  });

  // pkg/proxy/ipvs/proxier.go writeIptablesRules (v1.27+, kubernetes#72236): the last KUBE-IPVS-FILTER
  // rule has no protocol, so an echo request to an address on kube-ipvs0 is a NEW "connection" that
  // no RETURN rule (ip,port sets) lets through (kubernetes/website#41002).
  it('a ClusterIP is local on kube-ipvs0, but KUBE-IPVS-FILTER rejects the echo request', async () => {
    const c = await webCluster('calico', 'ipvs');
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.web.spec.clusterIP!, protocol: 'icmp' });
    expect(r.outcome).toEqual({ kind: 'refused', by: 'reject-rule' });
    expect(hopReasons(r.hops.find((h) => h.kind === 'route' && h.netns.startsWith('node/'))!)[0]).toBe(`local ${c.web.spec.clusterIP} dev kube-ipvs0 table local`);
    const reject = r.hops.at(-1)!;
    expect(hopSummary(reject)).toBe('filter INPUT: REJECT (icmp-port-unreachable): KUBE-IPVS-FILTER refuses a new connection to an address on kube-ipvs0 that no IPVS virtual server takes');
    expect(hopReasons(reject).at(-1)).toBe('-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT --reject-with icmp-port-unreachable');
  });

  it('a port with no virtual server on a ClusterIP is refused by KUBE-IPVS-FILTER, not handed to the node sockets', async () => {
    const c = await webCluster('calico', 'ipvs');
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.web.spec.clusterIP!, protocol: 'tcp', dport: 10250 });
    expect(r.outcome).toEqual({ kind: 'refused', by: 'reject-rule' });
    expect(r.hops.some((h) => h.kind === 'ipvs')).toBe(false);
  });
});

describe('sendProbe and NetworkPolicy', () => {
  const allowFrontend = `kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-from-frontend
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
  - from:
    - podSelector:
        matchLabels:
          role: frontend
    ports:
    - port: 80
EOF`;

  it('calico enforces ingress on the destination node, after DNAT, naming the policy', async () => {
    const c = await webCluster('calico');
    expect((await c.sim.exec(allowFrontend)).exitCode).toBe(0);
    const denied = c.sim.network.probe({ from: c.fromClient, dst: c.web.spec.clusterIP!, protocol: 'tcp', dport: 80 });
    expect(denied.outcome.kind).toBe('dropped');
    const policy = denied.hops.find((h) => h.kind === 'policy')!;
    expect(hopSummary(policy)).toMatch(/^calico: ingress of default\/web-[a-z0-9]+-[a-z0-9]{5} denied: no NetworkPolicy rule allows tcp\/80 from 10\.244\./);
    expect(hopReasons(policy)[0]).toBe(`ingress of ${hopSummary(policy).split(' ')[3]} is isolated by: default/web-from-frontend`);
    // A label change is a re-evaluation: the next packet passes.
    c.sim.cluster.api.setMetadata('pods', 'default', 'client', { ...c.client.metadata.labels, role: 'frontend' }, undefined);
    const allowed = c.sim.network.probe({ from: c.fromClient, dst: c.web.spec.clusterIP!, protocol: 'tcp', dport: 80 });
    expect(allowed.outcome.kind).toBe('delivered');
    expect(hopSummary(allowed.hops.find((h) => h.kind === 'policy')!)).toContain('allows it (web-from-frontend)');
  });

  it('flannel ignores NetworkPolicy and says so', async () => {
    const c = await webCluster('flannel');
    expect((await c.sim.exec(allowFrontend)).exitCode).toBe(0);
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.web.spec.clusterIP!, protocol: 'tcp', dport: 80 });
    expect(r.outcome.kind).toBe('delivered');
    expect(hopSummary(r.hops.find((h) => h.kind === 'policy')!)).toContain('flannel does not enforce NetworkPolicy');
  });

  it('a default-deny egress policy stops the packet at the source node before any DNAT is routed', async () => {
    const c = await webCluster('calico');
    const deny = `kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-egress
spec:
  podSelector: {}
  policyTypes: [Egress]
EOF`;
    expect((await c.sim.exec(deny)).exitCode).toBe(0);
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'tcp', dport: 80 });
    expect(r.outcome.kind).toBe('dropped');
    expect(r.hops.at(-1)).toMatchObject({ kind: 'policy', netns: `node/${c.client.spec.nodeName}` });
    expect(hopSummary(r.hops.at(-1)!)).toContain('egress of default/client denied');
  });
});
