// tcpdump's filter expressions (pcap-filter(7)), for the primitives a Kubernetes learner reaches
// for: `host`, `net`, `port`, `portrange`, each with `src`/`dst`; the protocols `ip`, `tcp`,
// `udp`, `icmp`, `arp`, `ip proto N`; `and`/`or`/`not` (and && || !) with parentheses. As in
// libpcap, a bare value after `and`/`or` reuses the previous qualifiers: `port 80 or 443`.
// The filter looks at the packet as it is on the wire at that interface, so on a node's eth0 an
// overlay packet is UDP to 8472 (VXLAN) or IP protocol 4 (IPIP), and `port 80` does not match it.

import type { CapturedPacket } from '../../../dataplane/capture/types';
import { cidrContains, parseIPv4, parseIpv4Cidr } from '../../../kube/ipv4';

export type Filter = (p: CapturedPacket) => boolean;

export type FilterParse = { ok: true; filter: Filter } | { ok: false; error: string };

const PORT_NAMES: Readonly<Record<string, number>> = { http: 80, https: 443, domain: 53, ssh: 22, 'http-alt': 8080, bgp: 179, ntp: 123 };
const PROTO_NUMBERS: Readonly<Record<string, number>> = { icmp: 1, tcp: 6, udp: 17, ipip: 4 };
const MAX_FILTER_TOKENS = 256;

type Dir = 'src' | 'dst' | 'src or dst';
type Kind = 'host' | 'net' | 'port' | 'portrange';
interface Qualifiers {
  proto?: 'tcp' | 'udp';
  dir: Dir;
  kind: Kind;
}

/** The outermost header a capture sees, which is what a BPF filter matches. */
interface Wire {
  src: string;
  dst: string;
  proto: number;
  sport?: number;
  dport?: number;
}

function wireOf(p: CapturedPacket): Wire {
  if (p.outer?.kind === 'wireguard') return { src: p.outer.src, dst: p.outer.dst, proto: 17, sport: p.outer.sport, dport: p.outer.dport };
  if (p.outer) return p.outer.kind === 'vxlan' ? { src: p.outer.src, dst: p.outer.dst, proto: 17, sport: p.outer.sport, dport: 8472 } : { src: p.outer.src, dst: p.outer.dst, proto: 4 };
  const l4 = p.l4;
  // An ARP frame has no IP header; BPF's `host` still matches its sender and target protocol addresses.
  if (l4.proto === 'arp') return { src: l4.tell, dst: l4.who, proto: -1 };
  return l4.proto === 'icmp' ? { src: p.src, dst: p.dst, proto: 1 } : { src: p.src, dst: p.dst, proto: PROTO_NUMBERS[l4.proto], sport: l4.sport, dport: l4.dport };
}

export function parseCaptureFilter(words: readonly string[], resolveHost: (name: string) => string | undefined): FilterParse {
  const tokens = words.join(' ').replace(/([()!])/g, ' $1 ').replace(/&&/g, ' and ').replace(/\|\|/g, ' or ').split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return { ok: true, filter: () => true };
  if (tokens.length > MAX_FILTER_TOKENS) return { ok: false, error: 'expression too long' };
  try {
    const parser = new FilterParser(tokens, resolveHost);
    const f = parser.parse();
    return { ok: true, filter: f };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

class FilterParser {
  private pos = 0;
  private last: Qualifiers = { dir: 'src or dst', kind: 'host' };

  constructor(
    private readonly tokens: string[],
    private readonly resolveHost: (name: string) => string | undefined,
  ) {}

  parse(): Filter {
    const f = this.or();
    if (this.pos < this.tokens.length) throw new Error('syntax error');
    return f;
  }

  private peek(): string | undefined {
    return this.tokens[this.pos]?.toLowerCase();
  }

  private or(): Filter {
    let left = this.and();
    while (this.peek() === 'or') {
      this.pos++;
      const right = this.and();
      const l = left;
      left = (p) => l(p) || right(p);
    }
    return left;
  }

  private and(): Filter {
    let left = this.unary();
    while (this.peek() === 'and') {
      this.pos++;
      const right = this.unary();
      const l = left;
      left = (p) => l(p) && right(p);
    }
    return left;
  }

  private unary(): Filter {
    const t = this.peek();
    if (t === 'not' || t === '!') {
      this.pos++;
      const inner = this.unary();
      return (p) => !inner(p);
    }
    if (t === '(') {
      this.pos++;
      const inner = this.or();
      if (this.peek() !== ')') throw new Error('syntax error');
      this.pos++;
      return inner;
    }
    return this.primitive();
  }

  private primitive(): Filter {
    const t = this.peek();
    if (t === undefined) throw new Error('syntax error');
    if (t === 'ip' && this.tokens[this.pos + 1]?.toLowerCase() === 'proto') {
      this.pos += 2;
      const value = this.tokens[this.pos++];
      const n = value === undefined ? NaN : (PROTO_NUMBERS[value.toLowerCase()] ?? Number(value));
      if (!Number.isInteger(n)) throw new Error('syntax error');
      return (p) => wireOf(p).proto === n;
    }
    if (t === 'proto') {
      this.pos++;
      const value = this.tokens[this.pos++];
      const n = value === undefined ? NaN : (PROTO_NUMBERS[value.toLowerCase()] ?? Number(value));
      if (!Number.isInteger(n)) throw new Error('syntax error');
      return (p) => wireOf(p).proto === n;
    }
    if (t === 'ip') {
      this.pos++;
      return (p) => p.l4.proto !== 'arp';
    }
    if (t === 'arp') {
      this.pos++;
      return (p) => p.l4.proto === 'arp';
    }
    if (t === 'ip6' || t === 'vlan') {
      this.pos++;
      // The simulation carries IPv4 and ARP only; no IPv6 or VLAN frames are captured.
      return () => false;
    }
    if (t === 'icmp') {
      this.pos++;
      return (p) => wireOf(p).proto === 1;
    }
    let proto: 'tcp' | 'udp' | undefined;
    if (t === 'tcp' || t === 'udp') {
      this.pos++;
      proto = t;
      const next = this.peek();
      if (next === undefined || next === 'and' || next === 'or' || next === ')') return (p) => wireOf(p).proto === PROTO_NUMBERS[t];
    }
    let dir: Dir | undefined;
    const d = this.peek();
    if (d === 'src' || d === 'dst') {
      this.pos++;
      dir = d;
      if (this.peek() === 'or' || this.peek() === 'and') {
        const joined = this.tokens[this.pos + 1]?.toLowerCase();
        if ((joined === 'src' || joined === 'dst') && joined !== d) {
          this.pos += 2;
          dir = 'src or dst';
        }
      }
    }
    let kind: Kind | undefined;
    const k = this.peek();
    if (k === 'host' || k === 'net' || k === 'port' || k === 'portrange') {
      this.pos++;
      kind = k;
    }
    const q: Qualifiers = proto || dir || kind ? { proto, dir: dir ?? 'src or dst', kind: kind ?? (proto ? 'port' : 'host') } : this.last;
    this.last = q;
    const value = this.tokens[this.pos++];
    if (value === undefined || ['and', 'or', 'not', ')', '('].includes(value.toLowerCase())) throw new Error('syntax error');
    return this.match(q, value);
  }

  private match(q: Qualifiers, value: string): Filter {
    const pick = (w: Wire, src: () => boolean, dst: () => boolean) => (q.dir === 'src' ? src() : q.dir === 'dst' ? dst() : src() || dst());
    switch (q.kind) {
      case 'host': {
        const ip = /^\d{1,3}(\.\d{1,3}){3}$/.test(value) ? value : this.resolveHost(value);
        if (!ip) throw new Error(`unknown host '${value}'`);
        return (p) => {
          const w = wireOf(p);
          return pick(w, () => w.src === ip, () => w.dst === ip);
        };
      }
      case 'net': {
        const cidr = parseIpv4Cidr(value.includes('/') ? value : `${value}/32`);
        if (!cidr) throw new Error(`invalid net '${value}'`);
        const inNet = (ip: string) => {
          const n = parseIPv4(ip);
          return n !== undefined && cidrContains(cidr, n);
        };
        return (p) => {
          const w = wireOf(p);
          return pick(w, () => inNet(w.src), () => inNet(w.dst));
        };
      }
      case 'port':
      case 'portrange': {
        const [lo, hi] = q.kind === 'port' ? [portNumber(value), portNumber(value)] : value.split('-').map(portNumber);
        if (lo === undefined || hi === undefined) throw new Error(q.kind === 'port' ? `unknown port '${value}'` : `illegal port range '${value}'`);
        const within = (n: number | undefined) => n !== undefined && n >= lo && n <= hi;
        return (p) => {
          const w = wireOf(p);
          if (q.proto && w.proto !== PROTO_NUMBERS[q.proto]) return false;
          if (w.proto !== 6 && w.proto !== 17) return false;
          return pick(w, () => within(w.sport), () => within(w.dport));
        };
      }
      default: {
        const never: never = q.kind;
        return never;
      }
    }
  }
}

function portNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = PORT_NAMES[text.toLowerCase()] ?? (/^\d+$/.test(text) ? Number(text) : NaN);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : undefined;
}
