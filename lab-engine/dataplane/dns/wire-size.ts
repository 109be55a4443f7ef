// Sizes of DNS messages on the wire (RFC 1035 §4: a 12-byte header, the question, then each
// record's owner, 10 bytes of type/class/TTL/length and its RDATA), as dig's "MSG SIZE" and
// CoreDNS's query log report them. Owner names are counted uncompressed, which is what the
// answers Flatnet gives (one owner per record, distinct from the question only for SRV targets)
// come to within a few bytes; `optBytes` is the EDNS OPT record when the client sent one.

import type { DnsResponse, ResourceRecord } from './cluster-dns';

/** Wire length of a domain name: one length byte per label plus the root's zero byte. */
export function nameLength(name: string): number {
  return name === '.' ? 1 : name.replace(/\.$/, '').length + 2;
}

function rdataLength(rr: ResourceRecord): number {
  switch (rr.type) {
    case 'A':
      return 4;
    case 'AAAA':
      return 16;
    case 'SRV':
      return 6 + nameLength(rr.data.split(' ')[3]);
    case 'SOA': {
      const [mname, rname] = rr.data.split(' ');
      return nameLength(mname) + nameLength(rname) + 20;
    }
    case 'TXT':
      return rr.data.length - 1;
    default:
      return nameLength(rr.data);
  }
}

export function queryWireSize(qname: string, optBytes = 0): number {
  return 12 + nameLength(qname) + 4 + optBytes;
}

export function responseWireSize(qname: string, r: DnsResponse, optBytes = 0): number {
  const records = [...r.answers, ...r.authority, ...r.additional].reduce((n, rr) => n + nameLength(rr.name) + 10 + rdataLength(rr), 0);
  return queryWireSize(qname, optBytes) + records;
}
