// `-m set --match-set NAME FLAGS` as iptables reads and prints it (libxt_set set_parse_v4 /
// set_save_v4 / set_print_v4): save form `-m set [!] --match-set NAME dst,dst`, list form
// `[! ]match-set NAME dst,dst` (kubernetes/website#41002 shows KUBE-IPVS-FILTER so), and the
// membership test the walk performs against the node's ipsets.

import { describe, expect, it } from 'vitest';
import { buildIpsets } from '../ipsets';
import { buildServicePorts } from '../service-ports';
import { makeService, makeSlice, TEST_NODE } from '../testing-fixtures';
import { formatRuleListExtras, formatRuleSave } from './format-rule';
import { parseRule, RuleParseError } from './parse-rule';
import { ipvsModeMatch } from './set-match';

describe('the set match', () => {
  it('round-trips kube-proxy\'s argument order to iptables-save\'s and prints the -L text', () => {
    const r = parseRule('KUBE-SERVICES', ['-m', 'comment', '--comment', 'Kubernetes service cluster ip + port for masquerade purpose', '-m', 'set', '--match-set', 'KUBE-CLUSTER-IP', 'dst,dst', '!', '-s', '10.244.0.0/16', '-j', 'KUBE-MARK-MASQ']);
    expect(r.matches[1]).toEqual({ module: 'set', setName: 'KUBE-CLUSTER-IP', flags: ['dst', 'dst'], negate: false });
    const saved = formatRuleSave(r);
    expect(saved).toBe('-A KUBE-SERVICES ! -s 10.244.0.0/16 -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ');
    const reparsed = parseRule('KUBE-SERVICES', ['!', '-s', '10.244.0.0/16', '-m', 'comment', '--comment', 'Kubernetes service cluster ip + port for masquerade purpose', '-m', 'set', '--match-set', 'KUBE-CLUSTER-IP', 'dst,dst', '-j', 'KUBE-MARK-MASQ']);
    expect(formatRuleSave(reparsed)).toBe(saved);
    expect(formatRuleListExtras(r, true)).toBe(' /* Kubernetes service cluster ip + port for masquerade purpose */ match-set KUBE-CLUSTER-IP dst,dst');
  });

  it('negation goes before --match-set in save form and before match-set in list form', () => {
    const r = parseRule('X', ['-m', 'set', '!', '--match-set', 'KUBE-IPVS-IPS', 'dst', '-j', 'RETURN']);
    expect(formatRuleSave(r)).toBe('-A X -m set ! --match-set KUBE-IPVS-IPS dst -j RETURN');
    expect(formatRuleListExtras(r, true)).toBe(' ! match-set KUBE-IPVS-IPS dst');
  });

  it('REJECT without --reject-with is stored as icmp-port-unreachable', () => {
    const r = parseRule('KUBE-IPVS-FILTER', ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'set', '--match-set', 'KUBE-IPVS-IPS', 'dst', '-j', 'REJECT']);
    expect(formatRuleSave(r)).toBe('-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT --reject-with icmp-port-unreachable');
    expect(formatRuleListExtras(r, true)).toBe(' ctstate NEW match-set KUBE-IPVS-IPS dst reject-with icmp-port-unreachable');
  });

  it('rejects flags that are not src/dst', () => {
    expect(() => parseRule('X', ['-m', 'set', '--match-set', 'S', 'dst,up'])).toThrow(RuleParseError);
    expect(() => parseRule('X', ['-m', 'set', '--match-set', 'S'])).toThrow(new RuleParseError('option "--match-set" requires an argument'));
  });

  it('tests membership with the protocol, per direction flag, by set type', () => {
    const svc = makeService('ns1', 'svc1', { type: 'NodePort', clusterIP: '172.30.1.1', ports: [{ name: 'dns', protocol: 'UDP', port: 53, nodePort: 30053 }] });
    const slice = makeSlice('ns1', 'svc1', [{ name: 'dns', port: 5353, protocol: 'UDP' }], [{ ip: '10.0.1.1', node: TEST_NODE.name }]);
    const sets = buildIpsets(buildServicePorts([svc], [slice], TEST_NODE), TEST_NODE, ['172.30.1.1']).byName;
    const m = (setName: string, flags: ('src' | 'dst')[], negate = false) => ({ module: 'set' as const, setName, flags, negate });
    const udp = { src: '10.0.2.2', dst: '172.30.1.1', protocol: 'udp', sport: 40000, dport: 53 };
    expect(ipvsModeMatch(m('KUBE-CLUSTER-IP', ['dst', 'dst']), udp, sets)).toBe('in ipset KUBE-CLUSTER-IP (dst,dst)');
    expect(ipvsModeMatch(m('KUBE-CLUSTER-IP', ['dst', 'dst']), { ...udp, protocol: 'tcp' }, sets)).toBeUndefined();
    expect(ipvsModeMatch(m('KUBE-CLUSTER-IP', ['dst', 'dst']), { ...udp, protocol: 'icmp', dport: undefined }, sets)).toBeUndefined();
    expect(ipvsModeMatch(m('KUBE-CLUSTER-IP', ['dst', 'dst'], true), { ...udp, dport: 54 }, sets)).toBe('not in ipset KUBE-CLUSTER-IP (dst,dst)');
    expect(ipvsModeMatch(m('KUBE-NODE-PORT-UDP', ['dst']), { ...udp, dst: TEST_NODE.nodeIP, dport: 30053 }, sets)).toBe('in ipset KUBE-NODE-PORT-UDP (dst)');
    expect(ipvsModeMatch(m('KUBE-IPVS-IPS', ['dst']), { ...udp, protocol: 'icmp' }, sets)).toBe('in ipset KUBE-IPVS-IPS (dst)');
    const hairpin = { src: '10.0.1.1', dst: '10.0.1.1', protocol: 'udp', sport: 40000, dport: 5353 };
    expect(ipvsModeMatch(m('KUBE-LOOP-BACK', ['dst', 'dst', 'src']), hairpin, sets)).toBe('in ipset KUBE-LOOP-BACK (dst,dst,src)');
    expect(ipvsModeMatch(m('KUBE-LOOP-BACK', ['dst', 'dst', 'src']), { ...hairpin, src: '10.0.2.2' }, sets)).toBeUndefined();
    expect(ipvsModeMatch(m('NO-SUCH-SET', ['dst']), udp, sets)).toBeUndefined();
  });
});
