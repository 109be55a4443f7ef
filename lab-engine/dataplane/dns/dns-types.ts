// The shapes of a DNS question and answer that CoreDNS's zone (cluster-dns.ts), the upstream
// resolver (upstream.ts) and the clients share.

export type QType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME' | 'TXT' | 'SOA' | 'NS' | 'MX' | 'ANY';
export const QTYPES: readonly QType[] = ['A', 'AAAA', 'SRV', 'PTR', 'CNAME', 'TXT', 'SOA', 'NS', 'MX', 'ANY'];

export interface ResourceRecord {
  /** Fully qualified, with the trailing dot. */
  name: string;
  ttl: number;
  type: Exclude<QType, 'ANY'>;
  /** Presentation form, as dig prints it after the type. */
  data: string;
}

export interface DnsResponse {
  /** SERVFAIL: no plugin could answer (a forward nobody answers, a forward loop); REFUSED: a server not serving that name. */
  rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';
  /** Authoritative: CoreDNS's own zone. Forwarded answers have recursion available instead. */
  authoritative: boolean;
  answers: ResourceRecord[];
  authority: ResourceRecord[];
  additional: ResourceRecord[];
}
