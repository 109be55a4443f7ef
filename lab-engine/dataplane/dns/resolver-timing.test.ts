// The stub resolver's timing: the conntrack race only where two queries share a flow through a DNAT.

import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/random';
import { stubOptions } from './pod-dns-config';
import { giveUpMs, lookupTiming, RACE_LOSS_PER_PAIR } from './resolver-timing';

const many = (steps: number, path: 'dnat' | 'direct' | 'untracked', options = stubOptions([]), n = 2000) => {
  const rng = createRng(7);
  return Array.from({ length: n }, () => lookupTiming(steps, path, options, rng.next));
};

describe('resolver timing', () => {
  it('parallel A/AAAA through a DNAT sometimes loses one answer and waits the 5 s timeout', () => {
    const runs = many(4, 'dnat');
    const stalled = runs.filter((t) => t.stalls > 0);
    const expected = 1 - (1 - RACE_LOSS_PER_PAIR) ** 4;
    expect(stalled.length / runs.length).toBeGreaterThan(expected * 0.8);
    expect(stalled.length / runs.length).toBeLessThan(expected * 1.2);
    expect(Math.min(...stalled.map((t) => t.elapsedMs))).toBeGreaterThanOrEqual(5000);
    // After a stall glibc resends one after the other: at most one stall per lookup.
    expect(Math.max(...runs.map((t) => t.stalls))).toBe(1);
    expect(runs.filter((t) => t.stalls === 0).every((t) => t.elapsedMs < 10 && t.queries === 8)).toBe(true);
  });

  it('one pair (an FQDN, or ndots low enough) stalls less often, but still stalls', () => {
    const one = many(1, 'dnat').filter((t) => t.stalls > 0).length;
    const four = many(4, 'dnat').filter((t) => t.stalls > 0).length;
    expect(one).toBeGreaterThan(0);
    expect(one).toBeLessThan(four);
  });

  it('the timeout option only shortens the stall', () => {
    const runs = many(4, 'dnat', stubOptions([{ name: 'timeout', value: '1' }]));
    expect(Math.max(...runs.map((t) => t.elapsedMs))).toBeGreaterThanOrEqual(1000);
  });

  it.each([['single-request'], ['single-request-reopen'], ['use-vc']])('%s removes the race', (name) => {
    const runs = many(4, 'dnat', stubOptions([{ name }]));
    expect(runs.every((t) => t.stalls === 0 && t.elapsedMs < 50)).toBe(true);
  });

  it('no DNAT (a CoreDNS pod IP) or no conntrack (NodeLocal DNSCache): no race', () => {
    expect(many(4, 'direct').every((t) => t.stalls === 0)).toBe(true);
    expect(many(4, 'untracked').every((t) => t.stalls === 0)).toBe(true);
  });

  it('gives up on silent servers after timeout × attempts per server', () => {
    expect(giveUpMs(stubOptions([]), 1)).toBe(10_000);
    expect(giveUpMs(stubOptions([{ name: 'timeout', value: '2' }, { name: 'attempts', value: '3' }]), 2)).toBe(12_000);
  });
});
