// Turns one probe's walk and the client's exchange into the packets a capture would see, on every
// interface the walk crossed, in time order. The forward path is the walk itself; replies cross
// the same interfaces in reverse with source and destination swapped, which is exactly what
// conntrack's reverse NAT makes true. TCP gets its real choreography (handshake, data, FIN), with
// the numbers Linux puts in it: the SYN's window is the largest multiple of the MSS under 65535,
// the SYN-ACK's a multiple of MSS-12 (the timestamp option's cost), windows scaled by 2^7 after.

import type { Headers, ProbeResult, Tap } from '../packet/types';
import type { CapturedPacket, DnsView, Exchange, TransportView } from './types';

/** The path a probe's packets take: each tap with the headers the packet carried there. */
interface PathPoint {
  tap: Tap;
  headers: Headers;
}

export interface ConversationInput {
  result: ProbeResult;
  exchange: Exchange;
  /** Simulation time when the client started, in ms. */
  startMs: number;
  /** MSS each end announces (its interface MTU minus 40). */
  clientMss: number;
  serverMss: number;
}

/**
 * When the sender's ARP goes unanswered: the kernel broadcasts net.ipv4.neigh.*.mcast_solicit (3)
 * requests, retrans_time_ms (1000) apart, then fails the neighbour; the packet waiting on it never
 * leaves, so a capture sees only the requests.
 */
const ARP_REQUESTS_MS = [0, 1000, 2000];
/** An ARP packet for IPv4 over Ethernet: 8 bytes of header, two MACs and two IPv4 addresses. */
const ARP_LENGTH = 28;

/** Kernel SYN retransmission times (initial RTO 1 s, doubling), ms after the first SYN. */
const SYN_RETRANSMITS_MS = [1000, 3000, 7000, 15000, 31000, 63000];

export function conversation(input: ConversationInput): CapturedPacket[] {
  const forward = pathOf(input.result);
  if (forward.length === 0) return [];
  const reverse = forward.map(reversed).reverse();
  const answered = input.result.replied;
  const clock = new PacketClock(input.startMs, flowHash(forward[0].headers));
  const out: CapturedPacket[] = [];
  const send = (path: PathPoint[], l4: (h: Headers) => TransportView, at?: number) => {
    if (at !== undefined) clock.jumpTo(at);
    for (const p of path) out.push(packetAt(p, l4(p.headers), clock.tick()));
    clock.gap();
  };
  const { exchange } = input;
  const last = input.result.hops.at(-1);
  if (last?.kind === 'drop' && last.drop === 'ports-isolated') {
    // The bridge never floods the request to the peer: nobody answers, nothing but ARP is sent.
    const arp: TransportView = { proto: 'arp', op: 'request', who: last.dst, tell: forward[0].headers.src, length: ARP_LENGTH };
    for (const at of ARP_REQUESTS_MS) send(forward, () => arp, input.startMs + at);
    return out;
  }
  switch (exchange.kind) {
    case 'tcp':
      tcpConversation(input, forward, reverse, answered, send);
      break;
    case 'dns': {
      const query: DnsView = { id: exchange.id, response: false, qtype: exchange.qtype, qname: exchange.qname, length: dnsQueryLength(exchange.qname) };
      send(forward, (h) => ({ proto: 'udp', sport: h.sport ?? 0, dport: h.dport ?? 0, length: query.length, dns: query }));
      if (input.result.outcome.kind === 'delivered') {
        const length = query.length + exchange.answer.records.reduce((n, r) => n + 12 + rdataLength(r), 0) + exchange.answer.authority * 54 + (exchange.answer.additional ?? 0) * 16;
        const reply: DnsView = { ...query, response: true, answer: exchange.answer, length };
        send(reverse, (h) => ({ proto: 'udp', sport: h.sport ?? 0, dport: h.dport ?? 0, length, dns: reply }));
      } else if (input.result.outcome.kind === 'refused') {
        send(reverse, (h) => portUnreachable(h, 'udp', query.length + 8));
      }
      break;
    }
    case 'icmp-echo': {
      const length = exchange.dataBytes + 8;
      send(forward, () => ({ proto: 'icmp', text: `ICMP echo request, id ${exchange.id}, seq ${exchange.seq}, length ${length}`, length }));
      if (input.result.outcome.kind === 'delivered') send(reverse, () => ({ proto: 'icmp', text: `ICMP echo reply, id ${exchange.id}, seq ${exchange.seq}, length ${length}`, length }));
      break;
    }
    default: {
      const never: never = exchange;
      return never;
    }
  }
  return out;
}

type Send = (path: PathPoint[], l4: (h: Headers) => TransportView, at?: number) => void;

function tcpConversation(input: ConversationInput, forward: PathPoint[], reverse: PathPoint[], answered: boolean, send: Send): void {
  const ex = input.exchange as Extract<Exchange, { kind: 'tcp' }>;
  const first = forward[0].headers;
  const hash = flowHash(first);
  const isnC = hash >>> 0;
  const isnS = Math.imul(hash ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  const tsC = (Math.floor(input.startMs) + (hash & 0xfffff)) >>> 0;
  const tsS = (Math.floor(input.startMs / 2) + ((hash >>> 12) & 0xfffff)) >>> 0;
  const synWin = Math.floor(65535 / input.clientMss) * input.clientMss;
  const synAckWin = Math.floor(65535 / (input.serverMss - 12)) * (input.serverMss - 12);
  const winC = Math.round(synWin / 128);
  const winS = Math.round(synAckWin / 128);
  const tcp = (h: Headers, rest: Omit<Extract<TransportView, { proto: 'tcp' }>, 'proto' | 'sport' | 'dport'>): TransportView => ({ proto: 'tcp', sport: h.sport ?? 0, dport: h.dport ?? 0, ...rest });
  const ts = (mine: number, theirs: number) => `[nop,nop,TS val ${mine} ecr ${theirs}]`;
  const syn = (h: Headers) => tcp(h, { flags: 'S', seq: String(isnC), win: synWin, options: `[mss ${input.clientMss},sackOK,TS val ${tsC} ecr 0,nop,wscale 7]`, length: 0 });

  send(forward, syn);
  const outcome = input.result.outcome;
  if (outcome.kind === 'refused') {
    if (outcome.by === 'reject-rule') send(reverse, (h) => portUnreachable(h, 'tcp', first.sizeBytes));
    else send(reverse, (h) => tcp(h, { flags: 'R.', seq: '0', ack: (isnC + 1) >>> 0, win: 0, length: 0 }));
    return;
  }
  if (!answered) {
    for (const at of SYN_RETRANSMITS_MS) {
      if (at > (ex.waitedMs ?? 0)) break;
      send(forward, syn, input.startMs + at);
    }
    return;
  }
  const req = ex.request?.bytes ?? 0;
  const res = ex.response?.bytes ?? 0;
  send(reverse, (h) => tcp(h, { flags: 'S.', seq: String(isnS), ack: (isnC + 1) >>> 0, win: synAckWin, options: `[mss ${input.serverMss},sackOK,TS val ${tsS} ecr ${tsC},nop,wscale 7]`, length: 0 }));
  send(forward, (h) => tcp(h, { flags: '.', ack: 1, win: winC, options: ts(tsC, tsS), length: 0 }));
  if (ex.request) {
    send(forward, (h) => tcp(h, { flags: 'P.', seq: `1:${1 + req}`, ack: 1, win: winC, options: ts(tsC, tsS), length: req, ...(httpPort(h) ? { http: ex.request!.firstLine } : {}) }));
    send(reverse, (h) => tcp(h, { flags: '.', ack: 1 + req, win: winS, options: ts(tsS + 1, tsC), length: 0 }));
  }
  if (ex.response) {
    send(reverse, (h) => tcp(h, { flags: 'P.', seq: `1:${1 + res}`, ack: 1 + req, win: winS, options: ts(tsS + 1, tsC), length: res, ...(httpPort(h) ? { http: ex.response!.firstLine } : {}) }));
    send(forward, (h) => tcp(h, { flags: '.', ack: 1 + res, win: winC - 1, options: ts(tsC + 1, tsS + 1), length: 0 }));
  }
  send(forward, (h) => tcp(h, { flags: 'F.', seq: String(1 + req), ack: 1 + res, win: winC - 1, options: ts(tsC + 1, tsS + 1), length: 0 }));
  send(reverse, (h) => tcp(h, { flags: 'F.', seq: String(1 + res), ack: 2 + req, win: winS, options: ts(tsS + 2, tsC + 1), length: 0 }));
  send(forward, (h) => tcp(h, { flags: '.', ack: 2 + res, win: winC - 1, options: ts(tsC + 1, tsS + 2), length: 0 }));
}

/** tcpdump's HTTP printer runs for its well-known HTTP ports (80, 8080, 3128) in either direction. */
function httpPort(h: Headers): boolean {
  return [80, 8080, 3128].includes(h.dport ?? 0) || [80, 8080, 3128].includes(h.sport ?? 0);
}

function portUnreachable(h: Headers, proto: 'tcp' | 'udp', quotedBytes: number): TransportView {
  // The ICMP error quotes the offending packet; its source is the address that packet was sent to.
  const length = 8 + quotedBytes;
  return { proto: 'icmp', text: `ICMP ${h.src} ${proto} port ${h.sport} unreachable, length ${length}`, length };
}

/** Wire size of a record's data: names count their labels, compression ignored. */
export function rdataLength(r: { type: string; data: string }): number {
  switch (r.type) {
    case 'A':
      return 4;
    case 'AAAA':
      return 16;
    case 'SRV':
      return 6 + r.data.split(' ')[3].length + 1;
    default:
      return r.data.length + 1;
  }
}

/** A DNS query without EDNS: 12-byte header, the name in wire format, type and class. */
export function dnsQueryLength(qname: string): number {
  const name = qname.replace(/\.$/, '');
  return 12 + (name ? name.length + 2 : 1) + 4;
}

function pathOf(result: ProbeResult): PathPoint[] {
  return result.hops.flatMap((hop) => (hop.taps ?? []).map((tap) => ({ tap, headers: hop.headers })));
}

/** The same interface on the way back: directions swap, and so do the addresses and ports. */
function reversed(p: PathPoint): PathPoint {
  const h = p.headers;
  const dir = p.tap.dir === 'in' ? 'out' : 'in';
  const headers: Headers = {
    ...h,
    src: h.dst,
    dst: h.src,
    ...(h.sport !== undefined ? { dport: h.sport } : {}),
    ...(h.dport !== undefined ? { sport: h.dport } : {}),
    ...(h.outer ? { outer: { ...h.outer, src: h.outer.dst, dst: h.outer.src } } : {}),
  };
  if (h.sport === undefined) delete headers.dport;
  if (h.dport === undefined) delete headers.sport;
  return { tap: { ...p.tap, dir }, headers };
}

function packetAt(p: PathPoint, l4: TransportView, timeUs: number): CapturedPacket {
  const h = p.headers;
  const outer = !p.tap.inner && h.outer ? h.outer : undefined;
  return {
    timeUs,
    tap: p.tap,
    src: h.src,
    dst: h.dst,
    l4,
    ...(outer
      ? { outer: { kind: outer.kind, src: outer.src, dst: outer.dst, ...outerUdp(outer, h, l4) } }
      : {}),
  };
}

function outerUdp(outer: NonNullable<Headers['outer']>, h: Headers, l4: TransportView): Partial<NonNullable<CapturedPacket['outer']>> {
  switch (outer.kind) {
    case 'vxlan':
      return { sport: vxlanSourcePort(h), vni: outer.vni ?? 1 };
    case 'wireguard': {
      // Both ends send from and to their listening port. The payload is a transport data message:
      // 16 bytes of header, the inner IP packet padded to a multiple of 16, a 16-byte tag.
      const port = outer.port ?? WIREGUARD_DEFAULT_PORT;
      return { sport: port, dport: port, length: 16 + Math.ceil(innerIpLength(l4) / 16) * 16 + 16 };
    }
    case 'ipip':
      return {};
    default: {
      const never: never = outer.kind;
      return never;
    }
  }
}

const WIREGUARD_DEFAULT_PORT = 51820;

/** The inner packet's IP total length: 20-byte IP header, the transport header, the payload. */
function innerIpLength(l4: TransportView): number {
  switch (l4.proto) {
    case 'tcp':
      // A SYN carries MSS, SACK, timestamps and window scale (20 bytes of options); later segments the timestamps (12).
      return 20 + 20 + (l4.options?.includes('mss') ? 20 : l4.options ? 12 : 0) + l4.length;
    case 'udp':
      return 20 + 8 + l4.length;
    case 'icmp':
      return 20 + l4.length;
    case 'arp':
      // Never tunnelled: ARP stays on its own link.
      return l4.length;
    default: {
      const never: never = l4;
      return never;
    }
  }
}

/** The kernel picks a VXLAN source port by hashing the inner flow, so each direction has its own. */
function vxlanSourcePort(inner: Headers): number {
  return 32768 + (flowHash(inner) % 28232);
}

function flowHash(h: Headers): number {
  let x = 2166136261;
  for (const c of `${h.src}|${h.sport ?? ''}|${h.dst}|${h.dport ?? ''}|${h.protocol}`) x = Math.imul(x ^ c.charCodeAt(0), 16777619);
  return x >>> 0;
}

/** Timestamps: a few µs from one interface to the next, a round-trip's worth between packets. */
class PacketClock {
  private us: number;
  constructor(startMs: number, private readonly seed: number) {
    this.us = Math.floor(startMs * 1000) + (seed % 997);
  }
  tick(): number {
    this.us += 3 + ((this.seed >>> (this.us % 13)) % 29);
    return this.us;
  }
  gap(): void {
    this.us += 40 + (this.seed % 211);
  }
  jumpTo(ms: number): void {
    this.us = Math.max(this.us, Math.floor(ms * 1000));
  }
}
