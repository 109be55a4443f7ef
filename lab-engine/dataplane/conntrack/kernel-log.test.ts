// net_ratelimit as ___ratelimit applies it: 10 messages per 5 s, then a "callbacks suppressed"
// line when the next interval's first message comes.

import { describe, expect, it } from 'vitest';
import { emptyKernelLog, logTableFull, NET_RATELIMIT_BURST, TABLE_FULL_MESSAGE } from './kernel-log';

describe('kernel log: table full', () => {
  it('prints the doubled-prefix line as the kernel does', () => {
    expect(TABLE_FULL_MESSAGE).toBe('nf_conntrack: nf_conntrack: table full, dropping packet');
  });

  it('lets a burst of 10 through per 5 s and reports how many it suppressed when the next interval begins', () => {
    const log = emptyKernelLog();
    logTableFull(log, 1_000, 100, 1_000);
    expect(log.lines).toHaveLength(NET_RATELIMIT_BURST);
    expect(log.lines.every((l) => l.text === TABLE_FULL_MESSAGE)).toBe(true);
    expect(log.lines[1].atMs).toBe(1_010);
    logTableFull(log, 3_000, 50, 1_000);
    expect(log.lines).toHaveLength(NET_RATELIMIT_BURST);
    logTableFull(log, 7_000, 1);
    expect(log.lines.slice(-2).map((l) => l.text)).toEqual(['net_ratelimit: 140 callbacks suppressed', TABLE_FULL_MESSAGE]);
  });

  it('counts a second of drops that crosses into a new interval on both sides of it', () => {
    const log = emptyKernelLog();
    logTableFull(log, 0, 20, 0);
    logTableFull(log, 4_500, 10, 1_000);
    // Drops at 4500, 4600 … 5400: 4500..4900 are still suppressed (5 of them), 5000 opens the next interval.
    expect(log.lines.map((l) => l.text)).toContain('net_ratelimit: 15 callbacks suppressed');
    expect(log.lines.filter((l) => l.atMs >= 5_000).map((l) => l.atMs)).toEqual([5_000, 5_000, 5_100, 5_200, 5_300, 5_400]);
  });
});
