// The IPVS rate estimator as the kernel runs it (net/netfilter/ipvs/ip_vs_est.c: every 2 s,
// `e->cps += ((conns_delta << 9) - e->cps) >> 2`, bytes `<< 4`; read back as
// `(cps + 0x1FF) >> 10` and `(bps + 0xF) >> 5`).

import { describe, expect, it } from 'vitest';
import { ipvsRates } from './ipvs-rate';

describe('ipvsRates', () => {
  const curl = { atMs: 1000, conns: 1, inPkts: 6, outPkts: 4, inBytes: 387, outBytes: 1069 };
  it('nothing before the first 2-second tick, a quarter of the rate after it, decaying to zero', () => {
    expect(ipvsRates([curl], 1500)).toEqual({ cps: 0, inpps: 0, outpps: 0, inbps: 0, outbps: 0 });
    // Tick at 2 s: cps 512/4 = 128 -> 0; inpps 3072/4 = 768 -> 1; inbps 6192/4 = 1548 -> 48.
    expect(ipvsRates([curl], 2000)).toEqual({ cps: 0, inpps: 1, outpps: 0, inbps: 48, outbps: 134 });
    expect(ipvsRates([curl], 4000).inbps).toBe(36);
    expect(ipvsRates([curl], 600_000)).toEqual({ cps: 0, inpps: 0, outpps: 0, inbps: 0, outbps: 0 });
  });
});
