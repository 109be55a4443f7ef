// Packets through kube-proxy's rules: the flow expectations of upstream's
// TestInternalTrafficPolicyE2E (pod → ClusterIP reaches the endpoints; Local without local
// endpoints → DROP; no endpoints → REJECT; GROUND-TRUTH §2.4) and the kernel's statistic and
// recent semantics.

import { describe, expect, it } from 'vitest';
import { createRng } from '../../../core/random';
import { syncIptablesRules } from '../iptables-sync';
import { internalTrafficPolicyCase, makeService, makeSlice, TEST_NODE } from '../testing-fixtures';
import { nodeTables } from './node-tables';
import { walkChain, type Packet, type RecentLists, type WalkContext } from './walk';

const podToClusterIP: Packet = { src: '10.0.2.5', dst: '172.30.1.1', protocol: 'tcp', sport: 40000, dport: 80, ctstate: ['NEW'] };

function ctx(seed = 1, extra: Partial<WalkContext> = {}): WalkContext {
  const rng = createRng(seed);
  return { isLocalAddress: (ip) => ip === TEST_NODE.nodeIP || ip.startsWith('127.'), random: () => rng.next(), ...extra };
}

describe('walkChain over a node synced by kube-proxy', () => {
  it('pod → ClusterIP: nat PREROUTING → KUBE-SERVICES → KUBE-SVC- → KUBE-SEP- → DNAT, each hop explained', () => {
    const t = nodeTables(syncIptablesRules(internalTrafficPolicyCase('Cluster')));
    const r = walkChain(t.nat, 'PREROUTING', podToClusterIP, ctx(7));
    expect(r.verdict.kind).toBe('DNAT');
    const chains = r.matchedRules.map((m) => m.chain);
    expect(chains.slice(0, 2)).toEqual(['PREROUTING', 'KUBE-SERVICES']);
    expect(chains[2]).toBe('KUBE-SVC-AQI2S6QIMU7PVVRP');
    expect(chains.at(-1)).toMatch(/^KUBE-SEP-/);
    const svcHop = r.matchedRules[1];
    expect(svcHop.spec).toBe('-A KUBE-SERVICES -d 172.30.1.1/32 -p tcp -m comment --comment "ns1/svc1 cluster IP" -m tcp --dport 80 -j KUBE-SVC-AQI2S6QIMU7PVVRP');
    expect(svcHop.because).toEqual(['destination 172.30.1.1 is in 172.30.1.1/32', 'protocol tcp', 'comment "ns1/svc1 cluster IP"', 'tcp destination port 80']);
    // A pod source is inside 10.0.0.0/8: no masquerade mark.
    expect(r.packet.mark ?? 0).toBe(0);
  });

  it('the statistic rules spread new connections evenly over 3 endpoints (seeded RNG)', () => {
    const t = nodeTables(syncIptablesRules(internalTrafficPolicyCase('Cluster')));
    const c = ctx(42);
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const v = walkChain(t.nat, 'OUTPUT', podToClusterIP, c).verdict;
      if (v.kind === 'DNAT') counts.set(v.toDestination, (counts.get(v.toDestination) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['10.0.1.1:80', '10.0.1.2:80', '10.0.1.3:80']);
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(120);
  });

  it('same seed, same pick (DESIGN: a seed reproduces kube-proxy\'s endpoint pick)', () => {
    const t = nodeTables(syncIptablesRules(internalTrafficPolicyCase('Cluster')));
    const pick = () => walkChain(t.nat, 'OUTPUT', podToClusterIP, ctx(99)).verdict;
    expect(pick()).toEqual(pick());
  });

  it('an off-cluster source is marked for masquerade in KUBE-SVC- (! -s 10.0.0.0/8 → KUBE-MARK-MASQ)', () => {
    const t = nodeTables(syncIptablesRules(internalTrafficPolicyCase('Cluster')));
    const r = walkChain(t.nat, 'PREROUTING', { ...podToClusterIP, src: '192.168.5.5' }, ctx(3));
    expect(r.packet.mark).toBe(0x4000);
    const mark = r.matchedRules.find((m) => m.chain === 'KUBE-MARK-MASQ');
    expect(mark?.effect).toBe('MARK or 0x4000: mark 0x0 → 0x4000');
    expect(r.verdict.kind).toBe('DNAT');
    // ... and KUBE-POSTROUTING masquerades it.
    const post = walkChain(t.nat, 'POSTROUTING', r.packet, ctx());
    expect(post.verdict).toEqual({ kind: 'MASQUERADE' });
  });

  it('internalTrafficPolicy Local with a local endpoint: only 10.0.1.1:80', () => {
    const t = nodeTables(syncIptablesRules(internalTrafficPolicyCase('Local')));
    for (let seed = 0; seed < 20; seed++) expect(walkChain(t.nat, 'OUTPUT', podToClusterIP, ctx(seed)).verdict).toEqual({ kind: 'DNAT', toDestination: '10.0.1.1:80' });
  });

  it('internalTrafficPolicy Local without local endpoints: nat passes it, filter DROPs it', () => {
    const t = nodeTables(syncIptablesRules(internalTrafficPolicyCase('Local', [{ ip: '10.0.1.2', node: 'host1' }])));
    expect(walkChain(t.nat, 'OUTPUT', podToClusterIP, ctx()).verdict).toEqual({ kind: 'POLICY', policy: 'ACCEPT' });
    const f = walkChain(t.filter, 'FORWARD', podToClusterIP, ctx());
    expect(f.verdict).toEqual({ kind: 'DROP' });
    expect(f.matchedRules.at(-1)?.because).toContain('comment "ns1/svc1 has no local endpoints"');
  });

  it('no endpoints: filter REJECTs with icmp-port-unreachable (curl: Connection refused)', () => {
    const t = nodeTables(syncIptablesRules(internalTrafficPolicyCase('Cluster', [])));
    expect(walkChain(t.filter, 'OUTPUT', podToClusterIP, ctx()).verdict).toEqual({ kind: 'REJECT', rejectWith: 'icmp-port-unreachable' });
  });

  it('established connections skip the service portals in filter (ctstate NEW only)', () => {
    const t = nodeTables(syncIptablesRules(internalTrafficPolicyCase('Cluster', [])));
    expect(walkChain(t.filter, 'OUTPUT', { ...podToClusterIP, ctstate: ['ESTABLISHED'] }, ctx()).verdict).toEqual({ kind: 'POLICY', policy: 'ACCEPT' });
  });

  it('ClientIP affinity: once a client is remembered, -m recent --rcheck sends it to the same endpoint within 10800 s', () => {
    const svc = makeService('ns1', 'svc1', { clusterIP: '172.30.1.1', ports: [{ port: 80 }], sessionAffinity: 'ClientIP' });
    const t = nodeTables(syncIptablesRules({ services: [svc], endpointSlices: [makeSlice('ns1', 'svc1', [{ port: 80 }], [1, 2, 3].map((n) => ({ ip: `10.0.1.${n}` })))], node: TEST_NODE }));
    const recent: RecentLists = new Map();
    const first = walkChain(t.nat, 'OUTPUT', podToClusterIP, ctx(1, { recent, now: 100 })).verdict;
    for (let seed = 2; seed < 12; seed++) expect(walkChain(t.nat, 'OUTPUT', podToClusterIP, ctx(seed, { recent, now: 200 })).verdict).toEqual(first);
    // Each pick refreshed the entry (the SEP's --set) at 200 s; 10801 s later it has expired.
    const later = walkChain(t.nat, 'OUTPUT', podToClusterIP, ctx(5, { recent, now: 200 + 10801 }));
    expect(later.matchedRules.some((m) => m.because.some((b) => b.startsWith('recent: 10.0.2.5 used')))).toBe(false);
  });

  it('NodePort from outside: KUBE-SERVICES last rule → KUBE-NODEPORTS → KUBE-EXT- masquerades → DNAT', () => {
    const svc = makeService('ns2', 'svc2', { type: 'NodePort', clusterIP: '172.30.0.42', ports: [{ name: 'p80', port: 80, nodePort: 30080 }] });
    const t = nodeTables(syncIptablesRules({ services: [svc], endpointSlices: [makeSlice('ns2', 'svc2', [{ name: 'p80', port: 80 }], [{ ip: '10.180.0.2' }])], node: TEST_NODE }));
    const r = walkChain(t.nat, 'PREROUTING', { src: '203.0.113.7', dst: TEST_NODE.nodeIP, protocol: 'tcp', sport: 5555, dport: 30080 }, ctx());
    expect(r.verdict).toEqual({ kind: 'DNAT', toDestination: '10.180.0.2:80' });
    expect(r.packet.mark).toBe(0x4000);
    expect(r.matchedRules.map((m) => m.chain)).toEqual(['PREROUTING', 'KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-EXT-GNZBNJ2PO5MGZ6GT', 'KUBE-MARK-MASQ', 'KUBE-EXT-GNZBNJ2PO5MGZ6GT', 'KUBE-SVC-GNZBNJ2PO5MGZ6GT', 'KUBE-SEP-RS4RBKLTHTF2IUXJ']);
  });
});
