// What a capture sees: one packet on one interface at one instant, with the headers it carried
// there (after whatever NAT it had met so far), and the application exchange a client program
// describes when it publishes its traffic (an HTTP request over TCP, a DNS query, a ping).

import type { Tap } from '../packet/types';

/** What the client did over the probe's path; the capture model turns it into packets. */
export type Exchange =
  | {
      kind: 'tcp';
      /** Payload bytes each way, with the first line an HTTP printer shows. Absent: no data (refused, timed out). */
      request?: { bytes: number; firstLine: string };
      response?: { bytes: number; firstLine: string };
      /** How long the client waited on an unanswered SYN (the kernel retransmits it meanwhile). */
      waitedMs?: number;
    }
  | { kind: 'dns'; id: number; qtype: string; qname: string; answer: DnsAnswer }
  | { kind: 'icmp-echo'; id: number; seq: number; dataBytes: number };

export interface DnsAnswer {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';
  /** Answer records in presentation form (type and data as dig prints them). */
  records: { type: string; data: string }[];
  /** Records in the authority section (CoreDNS adds the zone's SOA to NXDOMAIN and empty answers). */
  authority: number;
  additional?: number;
}

export type TransportView =
  | { proto: 'tcp'; sport: number; dport: number; flags: string; seq?: string; ack?: number; win: number; options?: string; length: number; http?: string }
  | { proto: 'udp'; sport: number; dport: number; length: number; dns?: DnsView }
  | { proto: 'icmp'; text: string; length: number }
  /** An ARP request (RFC 826, 28 bytes over Ethernet/IPv4), broadcast by a sender resolving an on-link neighbour: who-has the target, tell the sender. */
  | { proto: 'arp'; op: 'request'; who: string; tell: string; length: number };

export interface DnsView {
  id: number;
  response: boolean;
  qtype: string;
  qname: string;
  answer?: DnsAnswer;
  /** The DNS message's length in bytes, as tcpdump prints it in parentheses. */
  length: number;
}

export interface CapturedPacket {
  /** Microseconds since the epoch on the simulation clock. */
  timeUs: number;
  tap: Tap;
  src: string;
  dst: string;
  l4: TransportView;
  /** The tunnel header, when the tap sees the packet encapsulated (a node's eth0 on an overlay). */
  outer?: { kind: 'vxlan' | 'ipip' | 'wireguard'; src: string; dst: string; sport?: number; vni?: number; dport?: number; /** WireGuard: the UDP payload's length (the padded, encrypted inner packet plus 32 bytes). */ length?: number };
}
