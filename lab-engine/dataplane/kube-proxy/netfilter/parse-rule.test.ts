// The rule parser reads arguments as iptables does: core options anywhere, `--dport` owned by the
// `-m tcp` loaded before it even after `-d`, `!` negating the next option.

import { describe, expect, it } from 'vitest';
import { formatRuleSave } from './format-rule';
import { lazyRule, parseRule, RuleParseError } from './parse-rule';

describe('parseRule', () => {
  it("reads kube-proxy's argument order and prints it in iptables' canonical order", () => {
    const args = ['-m', 'comment', '--comment', 'ns1/svc1 cluster IP', '-m', 'tcp', '-p', 'tcp', '-d', '172.30.1.1', '--dport', '80', '!', '-s', '10.0.0.0/8', '-j', 'KUBE-MARK-MASQ'];
    const r = parseRule('KUBE-SVC-AQI2S6QIMU7PVVRP', args);
    expect(r.matches).toEqual([{ module: 'comment', comment: 'ns1/svc1 cluster IP' }, { module: 'tcp', dport: { from: 80, to: 80, negate: false } }]);
    expect(r.source).toEqual({ network: 0x0a000000, prefix: 8, negate: true });
    expect(formatRuleSave(r)).toBe('-A KUBE-SVC-AQI2S6QIMU7PVVRP ! -s 10.0.0.0/8 -d 172.30.1.1/32 -p tcp -m comment --comment "ns1/svc1 cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ');
    expect(formatRuleSave(lazyRule('KUBE-SVC-AQI2S6QIMU7PVVRP', args))).toBe(formatRuleSave(r));
  });

  it('keeps the written probability and stores the kernel fixed point', () => {
    const r = parseRule('X', ['-m', 'statistic', '--mode', 'random', '--probability', '0.3333333333', '-j', 'Y']);
    expect(r.matches[0]).toEqual({ module: 'statistic', mode: 'random', fixedPoint: 715827883, written: '0.3333333333' });
  });

  it.each([
    [['--dport', '80'], 'unknown option "--dport"'],
    [['-m', 'bogus'], "Couldn't load match `bogus':No such file or directory"],
    [['-p', 'gre'], 'unknown protocol "gre" specified'],
    [['-s', '10.0.0.300'], "host/network `10.0.0.300' not found"],
    [['-j'], 'option "-j" requires an argument'],
  ])('%j → %s', (args, message) => {
    expect(() => parseRule('X', args)).toThrow(new RuleParseError(message));
  });
});
