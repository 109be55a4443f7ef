// The destination index must never change a verdict: rules are still taken in the kernel's order,
// a wider or negated destination among the /32s still wins where it comes first, and the count of
// rules the kernel would compare is the position reached, as in a plain scan.

import { describe, expect, it } from 'vitest';
import { createRng } from '../../../core/random';
import { syntheticCluster } from '../bench';
import { syncIptablesRules } from '../iptables-sync';
import { nodeTables } from './node-tables';
import { parseRule } from './parse-rule';
import type { Table } from './rule';
import { walkChain, type WalkContext } from './walk';

function ctx(local: string[] = []): WalkContext {
  const rng = createRng(3);
  return { isLocalAddress: (ip) => local.includes(ip), random: () => rng.next() };
}

/** 100 rules `-d 10.0.0.<i>/32 -j ACCEPT`, with rule 51 replaced by a /24 DROP and rule 81 by a negated /32. */
function mixedTable(): Table {
  const rules = Array.from({ length: 100 }, (_, i) => {
    if (i === 50) return parseRule('TEST', ['-d', '10.0.0.0/24', '-j', 'DROP']);
    if (i === 80) return parseRule('TEST', ['!', '-d', '10.0.0.99/32', '-j', 'REJECT']);
    return parseRule('TEST', ['-d', `10.0.0.${i}/32`, '-j', 'ACCEPT']);
  });
  return { name: 'filter', chains: [{ name: 'INPUT', policy: 'ACCEPT', rules: [parseRule('INPUT', ['-j', 'TEST'])] }, { name: 'TEST', rules }] };
}

describe('walking an indexed chain', () => {
  it('an exact rule before a wider one wins; after it, the wider one does', () => {
    const t = mixedTable();
    const early = walkChain(t, 'INPUT', { src: '192.168.0.1', dst: '10.0.0.20', protocol: 'tcp', dport: 80 }, ctx());
    expect(early.verdict.kind).toBe('ACCEPT');
    expect(early.matchedRules.at(-1)?.ruleNumber).toBe(21);
    expect(early.rulesEvaluated).toBe(1 + 21);
    const late = walkChain(t, 'INPUT', { src: '192.168.0.1', dst: '10.0.0.70', protocol: 'tcp', dport: 80 }, ctx());
    expect(late.verdict.kind).toBe('DROP');
    expect(late.matchedRules.at(-1)?.ruleNumber).toBe(51);
    expect(late.rulesEvaluated).toBe(1 + 51);
  });

  it('a negated destination is not filed under its address', () => {
    const t = mixedTable();
    const outside = walkChain(t, 'INPUT', { src: '192.168.0.1', dst: '10.0.1.5', protocol: 'udp', dport: 53 }, ctx());
    expect(outside.verdict).toEqual({ kind: 'REJECT', rejectWith: 'icmp-port-unreachable' });
    expect(outside.matchedRules.at(-1)?.ruleNumber).toBe(81);
    const excluded = walkChain(t, 'INPUT', { src: '192.168.0.1', dst: '10.0.0.99', protocol: 'udp', dport: 53 }, ctx());
    expect(excluded.verdict.kind).toBe('DROP'); // the /24 at rule 51 comes first
  });

  it('a packet nobody matches falls off every rule, and the kernel compared them all', () => {
    const t = mixedTable();
    const r = walkChain(t, 'INPUT', { src: '192.168.0.1', dst: '172.16.0.1', protocol: 'tcp', dport: 80 }, ctx());
    expect(r.verdict).toEqual({ kind: 'REJECT', rejectWith: 'icmp-port-unreachable' }); // the negated rule 81
    expect(r.rulesEvaluated).toBe(1 + 81);
  });

  it('KUBE-SERVICES at 2,000 Services: the last Service is found at its position, NodePorts still after it', () => {
    const cluster = syntheticCluster(2000, 3);
    const t = nodeTables(syncIptablesRules({ ...cluster, node: { name: 'node-1', nodeIP: '192.168.0.11', clusterCIDR: '10.244.0.0/16', randomFully: true } }));
    const services = t.nat.chains.find((c) => c.name === 'KUBE-SERVICES')!;
    const vip = cluster.services[1999].spec.clusterIP as string;
    const r = walkChain(t.nat, 'PREROUTING', { src: '10.244.1.7', dst: vip, protocol: 'tcp', sport: 40000, dport: 80 }, ctx());
    expect(r.verdict.kind).toBe('DNAT');
    const hop = r.matchedRules.find((m) => m.chain === 'KUBE-SERVICES')!;
    expect(services.rules[hop.ruleNumber - 1].args).toContain(vip);
    expect(hop.ruleNumber).toBe(services.rules.findIndex((rule) => rule.args.includes(vip)) + 1);
    expect(r.rulesEvaluated).toBeGreaterThanOrEqual(hop.ruleNumber);
    const toNode = walkChain(t.nat, 'PREROUTING', { src: '192.168.0.99', dst: '192.168.0.11', protocol: 'tcp', sport: 40000, dport: 31000 }, ctx(['192.168.0.11']));
    const last = toNode.matchedRules.find((m) => m.chain === 'KUBE-SERVICES');
    expect(last?.spec).toContain('-j KUBE-NODEPORTS');
    expect(last?.ruleNumber).toBe(services.rules.length);
  });
});
