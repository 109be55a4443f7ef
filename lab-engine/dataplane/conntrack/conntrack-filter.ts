// The selection `conntrack -L/-D` filters make, and kube-proxy's cleanup reuses: protocol, the
// original and reply addresses and ports, NAT direction, TCP state.

import type { ConntrackEntry, ConntrackProtocol } from './conntrack-types';

export interface ConntrackFilter {
  protocol?: ConntrackProtocol;
  origSrc?: string;
  origDst?: string;
  replySrc?: string;
  replyDst?: string;
  sport?: number;
  dport?: number;
  /** --dst-nat: only flows whose destination was rewritten; --src-nat: whose source was. */
  dstNat?: boolean;
  srcNat?: boolean;
  state?: string;
}

export function matchesFilter(e: ConntrackEntry, f: ConntrackFilter): boolean {
  return (
    (!f.protocol || e.protocol === f.protocol) &&
    (!f.origSrc || e.orig.src === f.origSrc) &&
    (!f.origDst || e.orig.dst === f.origDst) &&
    (!f.replySrc || e.reply.src === f.replySrc) &&
    (!f.replyDst || e.reply.dst === f.replyDst) &&
    (f.sport === undefined || e.orig.sport === f.sport) &&
    (f.dport === undefined || e.orig.dport === f.dport) &&
    (!f.dstNat || e.reply.src !== e.orig.dst) &&
    (!f.srcNat || e.reply.dst !== e.orig.src) &&
    (!f.state || e.tcpState === f.state)
  );
}
