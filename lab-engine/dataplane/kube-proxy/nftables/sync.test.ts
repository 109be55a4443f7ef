// Golden: kube-proxy's nftables table for a small cluster. Reference for names and rule shapes:
// kubernetes/kubernetes pkg/proxy/nftables/proxier_test.go (TestOverallNFTablesRules, baseRules:
// `service-ULMVA6XW-ns1/svc1/tcp/p80`, `endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80`), and
// pkg/proxy/nftables/proxier.go v1.34 (base chains of PR #132456).

import { describe, expect, it } from 'vitest';
import { evaluateNftChain, formatNftTable, syncNftables } from '.';
import { endpointChainBase, servicePortChainBase } from './names';

const svc = { metadata: { namespace: 'ns1', name: 'svc1' }, spec: { clusterIP: '172.30.0.41', ports: [{ name: 'p80', port: 80, protocol: 'TCP' as const }] } };
const slice = { metadata: { namespace: 'ns1', name: 'svc1-abc', labels: { 'kubernetes.io/service-name': 'svc1' } }, addressType: 'IPv4' as const, endpoints: [{ addresses: ['10.180.0.1'] }], ports: [{ name: 'p80', port: 80, protocol: 'TCP' as const }] };
const node = { name: 'test-node', nodeIP: '192.168.0.2', clusterCIDR: '10.0.0.0/8' };

describe('kube-proxy nftables mode', () => {
  it('names chains as upstream does', () => {
    expect(servicePortChainBase('ns1', 'svc1', 'tcp', 'p80')).toBe('ULMVA6XW-ns1/svc1/tcp/p80');
    expect(endpointChainBase('ns1', 'svc1', 'tcp', 'p80', '10.180.0.1', 80)).toBe('5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80');
  });

  it('writes the table and walks a ClusterIP connection to its endpoint', () => {
    const table = syncNftables({ services: [svc], endpointSlices: [slice], node, serviceCIDRs: ['172.30.0.0/16'] });
    const text = formatNftTable(table);
    expect(text).toContain('\tmap service-ips {\n\t\ttype ipv4_addr . inet_proto . inet_service : verdict\n\t\tcomment "ClusterIP, ExternalIP and LoadBalancer IP traffic"\n\t\telements = { 172.30.0.41 . tcp . 80 : goto service-ULMVA6XW-ns1/svc1/tcp/p80 }\n\t}\n');
    expect(text).toContain('\tchain service-ULMVA6XW-ns1/svc1/tcp/p80 {\n\t\tip daddr 172.30.0.41 ip saddr != 10.0.0.0/8 jump mark-for-masquerade\n\t\tnumgen random mod 1 vmap { 0 : goto endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80 }\n\t}\n');
    expect(text).toContain('\tchain nat-prerouting {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n\t\tjump services\n\t}\n');
    expect(text).toContain('\tchain filter-output-pre-dnat {\n\t\ttype filter hook output priority -110; policy accept;\n\t\tct state new jump firewall-check\n\t}\n');
    const r = evaluateNftChain(table, 'nat-prerouting', { src: '10.0.0.2', dst: '172.30.0.41', protocol: 'tcp', dport: 80, mark: 0, ctNew: true }, { isLocalAddress: () => false, random: () => 0.3 });
    expect(r.outcome).toEqual({ kind: 'dnat', ip: '10.180.0.1', port: 80 });
    expect(r.mark).toBe(0);
    const unknown = evaluateNftChain(table, 'filter-forward', { src: '10.0.0.2', dst: '172.30.0.41', protocol: 'tcp', dport: 81, mark: 0, ctNew: true }, { isLocalAddress: () => false, random: () => 0 });
    expect(unknown.outcome).toEqual({ kind: 'reject' });
  });
});
