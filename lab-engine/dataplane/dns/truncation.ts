// Whether an answer fits in one UDP datagram, and so whether the stub resolver has to ask again
// over TCP. A glibc stub sends no EDNS OPT record unless resolv.conf says `options edns0`, so it
// takes at most 512 bytes over UDP (RFC 1035 §4.2.1); with edns0 it advertises 1200. CoreDNS
// truncates a larger answer to what fits and sets TC; the client then retries the query over TCP
// (RFC 7766), which is why DNS needs TCP port 53 as much as UDP.
//
// Sizes are counted as CoreDNS writes them, with name compression: every record whose owner is
// the question name carries a 2-byte pointer instead of the name (a headless Service's A records).

import type { DnsResponse, ResourceRecord } from './dns-types';
import { nameLength } from './wire-size';

/** The classic limit of a DNS message over UDP without EDNS. */
export const UDP_LIMIT_NO_EDNS = 512;
/** The UDP payload size glibc advertises with `options edns0`. */
export const UDP_LIMIT_GLIBC_EDNS = 1200;

function rdata(rr: ResourceRecord): number {
  switch (rr.type) {
    case 'A':
      return 4;
    case 'AAAA':
      return 16;
    default:
      return nameLength(rr.data);
  }
}

/** The answer's size on the wire with owner names compressed against the question. */
export function compressedResponseSize(qname: string, r: DnsResponse): number {
  const q = qname.replace(/\.$/, '').toLowerCase();
  const owner = (rr: ResourceRecord) => (rr.name.replace(/\.$/, '').toLowerCase() === q ? 2 : nameLength(rr.name));
  const records = [...r.answers, ...r.authority, ...r.additional].reduce((n, rr) => n + owner(rr) + 10 + rdata(rr), 0);
  return 12 + nameLength(q) + 4 + records;
}

/** Whether CoreDNS sets TC on this answer for a client that takes `limit` bytes over UDP. */
export function truncatedOverUdp(qname: string, r: DnsResponse, limit: number = UDP_LIMIT_NO_EDNS): boolean {
  return compressedResponseSize(qname, r) > limit;
}
