// externalTrafficPolicy: Local against upstream's TestOnlyLocalNodePorts (kubernetes/kubernetes
// pkg/proxy/iptables/proxier_test.go, kept in testdata/): the Service's own chains line for line,
// and what they do to a packet from outside — only the local endpoint, never masqueraded — and
// to one from a pod, which is treated as internal traffic and may go to any endpoint.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syncIptablesRules } from './iptables-sync';
import { renderRestorePayload } from './restore-payload';
import { makeService, makeSlice, TEST_NODE } from './testing-fixtures';

const golden = readFileSync(new URL('./testdata/TestOnlyLocalNodePorts.restore', import.meta.url), 'utf8');

/** The lines that belong to ns1/svc1: its chains' declarations and rules, and the jumps into them. */
function serviceLines(text: string): string[] {
  return text.split('\n').filter((l) => !l.startsWith('#') && /ns1\/svc1|XPGD46QRK7WJZT7O|SXIVWICOYRO3J4NJ|ZX7GRIZKSNUQ3LAJ/.test(l));
}

function onlyLocalNodePorts() {
  const service = makeService('ns1', 'svc1', { type: 'NodePort', clusterIP: '172.30.0.41', ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }], externalTrafficPolicy: 'Local' });
  const slice = makeSlice('ns1', 'svc1', [{ name: 'p80', port: 80 }], [{ ip: '10.180.0.1' }, { ip: '10.180.2.1', node: TEST_NODE.name }]);
  return syncIptablesRules({ services: [service], endpointSlices: [slice], node: { ...TEST_NODE, localhostNodePorts: false } });
}

describe('TestOnlyLocalNodePorts (proxier_test.go)', () => {
  it("writes the Service's chains as upstream expects them, line for line", () => {
    // Five chain declarations and fourteen rules: the comparison is not vacuous.
    expect(serviceLines(golden)).toHaveLength(19);
    expect(serviceLines(renderRestorePayload(onlyLocalNodePorts()))).toEqual(serviceLines(golden));
  });

  it('KUBE-EXT- masquerades only the node itself and ends in KUBE-SVL-, which holds the local endpoint alone', () => {
    const t = onlyLocalNodePorts();
    const ext = t.nat.find((c) => c.name === 'KUBE-EXT-XPGD46QRK7WJZT7O')!;
    // The only KUBE-MARK-MASQ in the chain is conditional on a LOCAL source: an outside client keeps its address.
    const masq = ext.rules.filter((r) => r.args.includes('KUBE-MARK-MASQ'));
    expect(masq.map((r) => r.args.join(' '))).toEqual(['-m comment --comment masquerade LOCAL traffic for ns1/svc1:p80 external destinations -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ']);
    expect(ext.rules.at(-1)!.args).toEqual(['-j', 'KUBE-SVL-XPGD46QRK7WJZT7O']);
    const svl = t.nat.find((c) => c.name === 'KUBE-SVL-XPGD46QRK7WJZT7O')!;
    expect(svl.rules.map((r) => r.args.at(-1))).toEqual(['KUBE-SEP-ZX7GRIZKSNUQ3LAJ']);
  });

  it('with Cluster policy the same Service masquerades every external connection', () => {
    const service = makeService('ns1', 'svc1', { type: 'NodePort', clusterIP: '172.30.0.41', ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }], externalTrafficPolicy: 'Cluster' });
    const slice = makeSlice('ns1', 'svc1', [{ name: 'p80', port: 80 }], [{ ip: '10.180.0.1' }, { ip: '10.180.2.1', node: TEST_NODE.name }]);
    const t = syncIptablesRules({ services: [service], endpointSlices: [slice], node: { ...TEST_NODE, localhostNodePorts: false } });
    const ext = t.nat.find((c) => c.name === 'KUBE-EXT-XPGD46QRK7WJZT7O')!;
    expect(ext.rules[0]!.args.join(' ')).toBe('-m comment --comment masquerade traffic for ns1/svc1:p80 external destinations -j KUBE-MARK-MASQ');
    expect(t.nat.some((c) => c.name.startsWith('KUBE-SVL-'))).toBe(false);
  });
});
