// One captured packet as tcpdump 4.99 prints it without -v: the time of day with microseconds;
// on `-i any` the interface (padded to 5) and the direction (In, Out, P for a frame addressed to
// another host); then the IP line. TCP shows flags, relative sequence numbers after the
// handshake, window and options; port 80/8080 payloads get the HTTP printer's first line; DNS is
// decoded (`id+ A? name. (len)`, answers `id*- 1/0/0 A addr (len)`); UDP to 8472 is decoded as
// OTV, which is how tcpdump reads flannel's VXLAN port, followed by the inner packet on its own
// line; IP-in-IP prints the inner packet after the outer addresses and ends in `(ipip-proto-4)`;
// WireGuard (UDP 51820) is ciphertext: `UDP, length N` between the node addresses, nothing more.

import type { CapturedPacket, DnsView, TransportView } from '../../../dataplane/capture/types';

export interface FormatOptions {
  /** `-i any`: Linux cooked capture, with the interface and direction on every line. */
  cooked: boolean;
  /** -n: do not turn port numbers into service names. */
  numeric: boolean;
  /** -t: no timestamp. */
  noTimestamp: boolean;
  /** -q: quiet, protocol and length only. */
  quiet: boolean;
}

const SERVICE_NAMES: Readonly<Record<number, string>> = { 22: 'ssh', 53: 'domain', 80: 'http', 179: 'bgp', 443: 'https', 8080: 'http-alt' };
const DIRECTION = { in: 'In ', out: 'Out', otherhost: 'P  ' } as const;

export function formatPacket(p: CapturedPacket, o: FormatOptions): string {
  const stamp = o.noTimestamp ? '' : `${timeOfDay(p.timeUs)} `;
  // A cooked capture marks a received broadcast `B` (PACKET_BROADCAST), as it marks another host's frame `P`.
  const dir = p.l4.proto === 'arp' && p.tap.dir !== 'out' ? 'B  ' : DIRECTION[p.tap.dir];
  const where = o.cooked ? `${p.tap.dev.padEnd(5)} ${dir} ` : '';
  // print-arp.c: `ARP, Request who-has <target> tell <sender>, length 28` (without -e the Ethernet header is not printed).
  if (p.l4.proto === 'arp') return `${stamp}${where}ARP, Request who-has ${p.l4.who} tell ${p.l4.tell}, length ${p.l4.length}`;
  return `${stamp}${where}IP ${body(p, o)}`;
}

function body(p: CapturedPacket, o: FormatOptions): string {
  const inner = `${transport(p.src, p.dst, p.l4, o)}`;
  if (!p.outer) return inner;
  if (p.outer.kind === 'ipip') return `${p.outer.src} > ${p.outer.dst}: IP ${inner} (ipip-proto-4)`;
  // tcpdump has no WireGuard printer: the encrypted packet is an opaque UDP datagram, nothing of the inner one shows.
  if (p.outer.kind === 'wireguard') return `${endpoint(p.outer.src, p.outer.sport, o)} > ${endpoint(p.outer.dst, p.outer.dport, o)}: UDP, length ${p.outer.length ?? 0}`;
  return `${endpoint(p.outer.src, p.outer.sport, o)} > ${endpoint(p.outer.dst, 8472, o)}: OTV, flags [I] (0x08), overlay 0, instance ${p.outer.vni ?? 1}\nIP ${inner}`;
}

function endpoint(ip: string, port: number | undefined, o: FormatOptions): string {
  if (port === undefined) return ip;
  return `${ip}.${(!o.numeric && SERVICE_NAMES[port]) || port}`;
}

function transport(src: string, dst: string, l4: TransportView, o: FormatOptions): string {
  switch (l4.proto) {
    case 'icmp':
      return `${src} > ${dst}: ${o.quiet ? `ICMP ${l4.text.startsWith('ICMP echo request') ? 'echo request' : l4.text.startsWith('ICMP echo reply') ? 'echo reply' : 'unreachable'}, length ${l4.length}` : l4.text}`;
    case 'udp': {
      const head = `${endpoint(src, l4.sport, o)} > ${endpoint(dst, l4.dport, o)}:`;
      if (o.quiet || !l4.dns) return `${head} UDP, length ${l4.length}`;
      return `${head} ${dns(l4.dns)}`;
    }
    case 'tcp': {
      const head = `${endpoint(src, l4.sport, o)} > ${endpoint(dst, l4.dport, o)}:`;
      if (o.quiet) return `${head} tcp ${l4.length}`;
      const parts = [`Flags [${l4.flags}]`];
      if (l4.seq !== undefined) parts.push(`seq ${l4.seq}`);
      if (l4.ack !== undefined) parts.push(`ack ${l4.ack}`);
      parts.push(`win ${l4.win}`);
      if (l4.options) parts.push(`options ${l4.options}`);
      parts.push(`length ${l4.length}${l4.http && l4.length > 0 ? `: HTTP: ${l4.http}` : ''}`);
      return `${head} ${parts.join(', ')}`;
    }
    case 'arp':
      return `ARP, Request who-has ${l4.who} tell ${l4.tell}, length ${l4.length}`;
    default: {
      const never: never = l4;
      return never;
    }
  }
}

function dns(d: DnsView): string {
  if (!d.response) return `${d.id}+ ${d.qtype}? ${d.qname} (${d.length})`;
  const a = d.answer!;
  // tcpdump's rcode names (print-domain.c ns_rcode): NXDomain, ServFail, Refused.
  const rcode = a.rcode === 'NXDOMAIN' ? ' NXDomain' : a.rcode === 'SERVFAIL' ? ' ServFail' : a.rcode === 'REFUSED' ? ' Refused' : '';
  const records = a.records.map((r) => ` ${dnsRecord(r)}`).join(',');
  return `${d.id}${rcode}*- ${a.records.length}/${a.authority}/${a.additional ?? 0}${records} (${d.length})`;
}

/** tcpdump's short form of an answer: `A 10.96.0.1`, `CNAME x.`, `SRV target:port prio weight`. */
function dnsRecord(r: { type: string; data: string }): string {
  if (r.type !== 'SRV') return `${r.type} ${r.data}`;
  const [prio, weight, port, target] = r.data.split(' ');
  return `SRV ${target}:${port} ${prio} ${weight}`;
}

function timeOfDay(us: number): string {
  const d = new Date(Math.floor(us / 1000));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(us % 1_000_000, 6)}`;
}
