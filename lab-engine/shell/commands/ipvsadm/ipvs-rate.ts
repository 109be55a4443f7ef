// The kernel's rate estimator for IPVS stats (net/netfilter/ipvs/ip_vs_est.c, the classic 2-second
// timer): every 2 s it takes what moved since the last tick, scales it (connections and packets
// by 2^9 per 2 s, i.e. 2^10 per second; bytes by 2^4, i.e. 2^5 per second) and moves each
// estimate a quarter of the way there (`e->cps += (rate - e->cps) >> 2`). `ipvsadm --rate`
// reads them rounded: cps/pps `(x + 0x1FF) >> 10`, bps `(x + 0xF) >> 5`. Replayed here on the
// simulation clock from the entry's events, so a single curl shows a few bytes per second that
// die away over the next half minute, as on a real node.

import type { IpvsEvent } from '../../../dataplane/kube-proxy/netfilter/counter-store';

export interface IpvsRates {
  cps: number;
  inpps: number;
  outpps: number;
  inbps: number;
  outbps: number;
}

const TICK_MS = 2000;
/** After this many quiet ticks every estimate has decayed to zero (3/4 per tick from 2^40). */
const QUIET_TICKS = 200;

/** `>> 2` on a signed 64-bit value: an arithmetic shift rounds toward minus infinity. */
const quarter = (x: number) => Math.floor(x / 4);

export function ipvsRates(events: readonly IpvsEvent[], nowMs: number): IpvsRates {
  const est = { cps: 0, inpps: 0, outpps: 0, inbps: 0, outbps: 0 };
  if (events.length === 0) return est;
  const sorted = [...events].sort((a, b) => a.atMs - b.atMs);
  let i = 0;
  let quiet = 0;
  for (let tick = (Math.floor(sorted[0].atMs / TICK_MS) + 1) * TICK_MS; tick <= nowMs; tick += TICK_MS) {
    const d = { conns: 0, inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0 };
    for (; i < sorted.length && sorted[i].atMs < tick; i++) {
      d.conns += sorted[i].conns;
      d.inPkts += sorted[i].inPkts;
      d.outPkts += sorted[i].outPkts;
      d.inBytes += sorted[i].inBytes;
      d.outBytes += sorted[i].outBytes;
    }
    est.cps += quarter(d.conns * 512 - est.cps);
    est.inpps += quarter(d.inPkts * 512 - est.inpps);
    est.outpps += quarter(d.outPkts * 512 - est.outpps);
    est.inbps += quarter(d.inBytes * 16 - est.inbps);
    est.outbps += quarter(d.outBytes * 16 - est.outbps);
    quiet = d.conns + d.inPkts + d.outPkts === 0 ? quiet + 1 : 0;
    if (i >= sorted.length && quiet > QUIET_TICKS) return { cps: 0, inpps: 0, outpps: 0, inbps: 0, outbps: 0 };
  }
  const pps = (x: number) => Math.max(0, Math.floor((x + 0x1ff) / 1024));
  const bps = (x: number) => Math.max(0, Math.floor((x + 0xf) / 32));
  return { cps: pps(est.cps), inpps: pps(est.inpps), outpps: pps(est.outpps), inbps: bps(est.inbps), outbps: bps(est.outbps) };
}
