// Truncation: when an answer no longer fits in a UDP datagram for a glibc stub.

import { describe, expect, it } from 'vitest';
import type { DnsResponse } from './dns-types';
import { compressedResponseSize, truncatedOverUdp, UDP_LIMIT_GLIBC_EDNS } from './truncation';

const qname = 'workers.payments.svc.cluster.local';
const answer = (n: number): DnsResponse => ({
  rcode: 'NOERROR',
  authoritative: true,
  answers: Array.from({ length: n }, (_, i) => ({ name: `${qname}.`, ttl: 30, type: 'A' as const, data: `10.30.0.${i + 1}` })),
  authority: [],
  additional: [],
});

describe('UDP truncation', () => {
  it('counts compressed A records: 16 bytes each after the question', () => {
    // 12 header + 36 question name + 4 type/class, then a pointer, type, class, TTL, length and 4 bytes each.
    expect(compressedResponseSize(qname, answer(1))).toBe(12 + 36 + 4 + 16);
  });

  it('sets TC past 512 bytes without EDNS (28 records fit, 29 do not), and past 1200 with edns0', () => {
    expect(truncatedOverUdp(qname, answer(28))).toBe(false);
    expect(truncatedOverUdp(qname, answer(29))).toBe(true);
    expect(truncatedOverUdp(qname, answer(40), UDP_LIMIT_GLIBC_EDNS)).toBe(false);
  });
});
