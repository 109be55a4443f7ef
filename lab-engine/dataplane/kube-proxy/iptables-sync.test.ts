// kube-proxy iptables mode against upstream's own expectations: kubernetes/kubernetes
// pkg/proxy/iptables/proxier_test.go (GROUND-TRUTH §2.3, §2.4 variants).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syncIptablesRules } from './iptables-sync';
import { renderRestorePayload } from './restore-payload';
import { internalTrafficPolicyCase, makeService, makeSlice, TEST_NODE } from './testing-fixtures';

const golden = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

describe('TestInternalTrafficPolicyE2E (proxier_test.go)', () => {
  it('internalTrafficPolicy Cluster: clusterExpectedIPTables, byte for byte', () => {
    expect(renderRestorePayload(syncIptablesRules(internalTrafficPolicyCase('Cluster')))).toBe(golden('TestInternalTrafficPolicyE2E-cluster.restore'));
  });

  it('internalTrafficPolicy Local with a local endpoint: KUBE-SVL- with one unconditional jump', () => {
    const t = syncIptablesRules(internalTrafficPolicyCase('Local'));
    const text = renderRestorePayload(t);
    expect(text).toContain('-A KUBE-SERVICES -m comment --comment "ns1/svc1 cluster IP" -m tcp -p tcp -d 172.30.1.1 --dport 80 -j KUBE-SVL-AQI2S6QIMU7PVVRP\n');
    const svl = t.nat.find((c) => c.name === 'KUBE-SVL-AQI2S6QIMU7PVVRP');
    expect(svl?.rules.map((r) => r.args.join(' '))).toEqual([
      '-m comment --comment ns1/svc1 cluster IP -m tcp -p tcp -d 172.30.1.1 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ',
      '-m comment --comment ns1/svc1 -> 10.0.1.1:80 -j KUBE-SEP-3JOIVZTXZZRGORX4',
    ]);
    expect(t.nat.map((c) => c.name).filter((n) => n.startsWith('KUBE-SEP-'))).toEqual(['KUBE-SEP-3JOIVZTXZZRGORX4']);
    expect(t.nat.some((c) => c.name.startsWith('KUBE-SVC-'))).toBe(false);
  });

  it('internalTrafficPolicy Local without local endpoints: no nat chains, filter DROP "has no local endpoints"', () => {
    const t = syncIptablesRules(internalTrafficPolicyCase('Local', [{ ip: '10.0.1.2', node: 'host1' }, { ip: '10.0.1.3', node: 'host2' }]));
    expect(t.nat.map((c) => c.name)).toEqual(['KUBE-NODEPORTS', 'KUBE-SERVICES', 'KUBE-MARK-MASQ', 'KUBE-POSTROUTING']);
    expect(renderRestorePayload(t)).toContain('-A KUBE-SERVICES -m comment --comment "ns1/svc1 has no local endpoints" -m tcp -p tcp -d 172.30.1.1 --dport 80 -j DROP\n');
  });

  it('no endpoints at all: filter REJECT "has no endpoints"', () => {
    const t = syncIptablesRules(internalTrafficPolicyCase('Cluster', []));
    expect(renderRestorePayload(t)).toContain('-A KUBE-SERVICES -m comment --comment "ns1/svc1 has no endpoints" -m tcp -p tcp -d 172.30.1.1 --dport 80 -j REJECT\n');
    expect(t.nat.some((c) => c.name.startsWith('KUBE-SVC-'))).toBe(false);
  });
});

describe('TestOverallIPTablesRules (proxier_test.go, current upstream: nfacct counters and localhost NodePorts)', () => {
  it('six Services (ClusterIP, LB+Local, NodePort, externalIP, LB+sourceRanges+affinity, no endpoints), byte for byte', () => {
    const p80 = (extra: Partial<{ nodePort: number; targetPort: number }> = {}) => [{ name: 'p80', port: 80, protocol: 'TCP' as const, ...extra }];
    const services = [
      makeService('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: p80() }),
      makeService('ns2', 'svc2', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', clusterIP: '172.30.0.42', ports: p80({ nodePort: 3001 }), externalIPs: ['192.168.99.22'], healthCheckNodePort: 30000 }, { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } }),
      makeService('ns3', 'svc3', { type: 'NodePort', clusterIP: '172.30.0.43', ports: p80({ nodePort: 3003 }) }),
      makeService('ns4', 'svc4', { type: 'NodePort', clusterIP: '172.30.0.44', externalIPs: ['192.168.99.33'], ports: p80({ targetPort: 80 }) }),
      makeService(
        'ns5', 'svc5',
        { type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', clusterIP: '172.30.0.45', ports: p80({ nodePort: 3002 }), healthCheckNodePort: 30000, loadBalancerSourceRanges: [' 203.0.113.0/25'], sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } },
        { loadBalancer: { ingress: [{ ip: '5.6.7.8' }] } },
      ),
      makeService('ns6', 'svc6', { type: 'ClusterIP', clusterIP: '172.30.0.46', ports: p80({ targetPort: 80 }) }),
    ];
    const port = [{ name: 'p80', port: 80 }];
    const endpointSlices = [
      makeSlice('ns1', 'svc1', port, [{ ip: '10.180.0.1' }]),
      makeSlice('ns2', 'svc2', port, [{ ip: '10.180.0.2' }]), // no nodeName: not local
      makeSlice('ns3', 'svc3', port, [{ ip: '10.180.0.3' }]),
      makeSlice('ns4', 'svc4', port, [{ ip: '10.180.0.4' }, { ip: '10.180.0.5', node: TEST_NODE.name }]),
      makeSlice('ns5', 'svc5', port, [{ ip: '10.180.0.3' }]),
    ];
    const t = syncIptablesRules({ services, endpointSlices, node: { ...TEST_NODE, nfacct: true } });
    expect(renderRestorePayload(t)).toBe(golden('TestOverallIPTablesRules.restore'));
  });
});

describe('NodePort, externalTrafficPolicy, LoadBalancer, affinity (proxier.go syncProxyRules)', () => {
  const nodePortSvc = (etp: 'Cluster' | 'Local') =>
    makeService('ns2', 'svc2', { type: 'NodePort', clusterIP: '172.30.0.42', ports: [{ name: 'p80', port: 80, targetPort: 80, nodePort: 3001 }], externalTrafficPolicy: etp, ...(etp === 'Local' ? { healthCheckNodePort: 30000 } : {}) });

  it('NodePort with Cluster policy: KUBE-NODEPORTS → KUBE-EXT- (masquerade) → KUBE-SVC-', () => {
    const t = syncIptablesRules({ services: [nodePortSvc('Cluster')], endpointSlices: [makeSlice('ns2', 'svc2', [{ name: 'p80', port: 80 }], [{ ip: '10.180.0.2', node: 'host1' }])], node: TEST_NODE });
    const text = renderRestorePayload(t);
    expect(text).toContain('-A KUBE-NODEPORTS -m comment --comment ns2/svc2:p80 -m tcp -p tcp --dport 3001 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT\n');
    expect(text).toContain('-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "masquerade traffic for ns2/svc2:p80 external destinations" -j KUBE-MARK-MASQ\n-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -j KUBE-SVC-GNZBNJ2PO5MGZ6GT\n');
    expect(text).toContain('-A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.2:80\n');
  });

  it('externalTrafficPolicy Local without local endpoints: pods and LOCAL short-circuit to SVC, the rest DROPs; health check port ACCEPTed', () => {
    const t = syncIptablesRules({ services: [nodePortSvc('Local')], endpointSlices: [makeSlice('ns2', 'svc2', [{ name: 'p80', port: 80 }], [{ ip: '10.180.0.2', node: 'host1' }])], node: TEST_NODE });
    const text = renderRestorePayload(t);
    expect(text).toContain('-A KUBE-NODEPORTS -m comment --comment "ns2/svc2:p80 health check node port" -m tcp -p tcp --dport 30000 -j ACCEPT\n');
    expect(text).toContain('-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 3001 -j DROP\n');
    expect(text).toContain(
      [
        '-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "pod traffic for ns2/svc2:p80 external destinations" -s 10.0.0.0/8 -j KUBE-SVC-GNZBNJ2PO5MGZ6GT',
        '-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "masquerade LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ',
        '-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "route LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-GNZBNJ2PO5MGZ6GT',
      ].join('\n') + '\n',
    );
    expect(t.nat.some((c) => c.name === 'KUBE-SVL-GNZBNJ2PO5MGZ6GT')).toBe(false);
  });

  it('externalTrafficPolicy Local with a local endpoint: KUBE-EXT- falls through to KUBE-SVL-', () => {
    const t = syncIptablesRules({ services: [nodePortSvc('Local')], endpointSlices: [makeSlice('ns2', 'svc2', [{ name: 'p80', port: 80 }], [{ ip: '10.180.0.2', node: 'test-hostname' }])], node: TEST_NODE });
    expect(renderRestorePayload(t)).toContain('-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -j KUBE-SVL-GNZBNJ2PO5MGZ6GT\n');
  });

  it('LoadBalancer with loadBalancerSourceRanges: KUBE-FW- admits the ranges, KUBE-PROXY-FIREWALL drops the rest', () => {
    const svc = makeService(
      'ns5', 'svc5',
      { type: 'LoadBalancer', clusterIP: '172.30.0.45', ports: [{ name: 'p80', port: 80, targetPort: 80, nodePort: 3003 }], loadBalancerSourceRanges: ['203.0.113.0/25'] },
      { loadBalancer: { ingress: [{ ip: '5.6.7.8' }] } },
    );
    const text = renderRestorePayload(syncIptablesRules({ services: [svc], endpointSlices: [makeSlice('ns5', 'svc5', [{ name: 'p80', port: 80 }], [{ ip: '10.180.0.3' }])], node: TEST_NODE }));
    expect(text).toContain('-A KUBE-PROXY-FIREWALL -m comment --comment "ns5/svc5:p80 traffic not accepted by KUBE-FW-NUKIZ6OKUXPJNT4C" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j DROP\n');
    expect(text).toContain('-A KUBE-SERVICES -m comment --comment "ns5/svc5:p80 loadbalancer IP" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j KUBE-FW-NUKIZ6OKUXPJNT4C\n');
    expect(text).toContain('-A KUBE-FW-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 loadbalancer IP" -s 203.0.113.0/25 -j KUBE-EXT-NUKIZ6OKUXPJNT4C\n-A KUBE-FW-NUKIZ6OKUXPJNT4C -m comment --comment "other traffic to ns5/svc5:p80 will be dropped by KUBE-PROXY-FIREWALL"\n');
    expect(text).toContain('-A KUBE-SEP-I77PXRDZVX7PMWMN -m comment --comment ns5/svc5:p80 -s 10.180.0.3 -j KUBE-MARK-MASQ\n');
  });

  it('sessionAffinity ClientIP: recent --rcheck per endpoint before the statistic rules, recent --set in each SEP', () => {
    const svc = makeService('ns1', 'svc1', { clusterIP: '172.30.1.1', ports: [{ port: 80 }], sessionAffinity: 'ClientIP' });
    const text = renderRestorePayload(syncIptablesRules({ services: [svc], endpointSlices: [makeSlice('ns1', 'svc1', [{ port: 80 }], [{ ip: '10.0.1.1' }, { ip: '10.0.1.2' }])], node: TEST_NODE }));
    expect(text).toContain(
      [
        '-A KUBE-SVC-AQI2S6QIMU7PVVRP -m comment --comment "ns1/svc1 -> 10.0.1.1:80" -m recent --name KUBE-SEP-3JOIVZTXZZRGORX4 --rcheck --seconds 10800 --reap -j KUBE-SEP-3JOIVZTXZZRGORX4',
        '-A KUBE-SVC-AQI2S6QIMU7PVVRP -m comment --comment "ns1/svc1 -> 10.0.1.2:80" -m recent --name KUBE-SEP-IO5XOSKPAXIFQXAJ --rcheck --seconds 10800 --reap -j KUBE-SEP-IO5XOSKPAXIFQXAJ',
        '-A KUBE-SVC-AQI2S6QIMU7PVVRP -m comment --comment "ns1/svc1 -> 10.0.1.1:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-3JOIVZTXZZRGORX4',
      ].join('\n'),
    );
    expect(text).toContain('-A KUBE-SEP-3JOIVZTXZZRGORX4 -m comment --comment ns1/svc1 -m recent --name KUBE-SEP-3JOIVZTXZZRGORX4 --set -m tcp -p tcp -j DNAT --to-destination 10.0.1.1:80\n');
  });

  it('endpoints are ordered by their IP:port string (GROUND-TRUTH §2.2 field capture: .10 before .9)', () => {
    const svc = makeService('default', 'httpenv', { clusterIP: '10.99.85.244', ports: [{ port: 8888 }] });
    const ips = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => ({ ip: `172.17.0.${n}` }));
    const t = syncIptablesRules({ services: [svc], endpointSlices: [makeSlice('default', 'httpenv', [{ port: 8888 }], ips)], node: TEST_NODE });
    const svcChain = t.nat.find((c) => c.name === 'KUBE-SVC-6ZVPY37LGINYSSPR');
    expect(svcChain?.rules[1].target).toEqual({ kind: 'jump', chain: 'KUBE-SEP-GPWR3APAVUJOODXU' });
    expect(svcChain?.rules.slice(1).map((r) => r.args[3])).toEqual(['10', '11', '12', '3', '4', '5', '6', '7', '8', '9'].map((n) => `default/httpenv -> 172.17.0.${n}:8888`));
  });

  it('unready endpoints are left out; with none ready, serving-terminating ones drain', () => {
    const svc = makeService('ns1', 'svc1', { clusterIP: '172.30.1.1', ports: [{ port: 80 }] });
    const slices = [makeSlice('ns1', 'svc1', [{ port: 80 }], [{ ip: '10.0.1.1', ready: false, serving: true, terminating: true }, { ip: '10.0.1.2', ready: false, serving: false }])];
    const t = syncIptablesRules({ services: [svc], endpointSlices: slices, node: TEST_NODE });
    expect(t.nat.filter((c) => c.name.startsWith('KUBE-SEP-')).map((c) => c.name)).toEqual(['KUBE-SEP-3JOIVZTXZZRGORX4']);
  });
});
