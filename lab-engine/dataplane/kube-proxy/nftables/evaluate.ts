// The kernel's walk of kube-proxy's nftables table for one packet at one base chain: rules in
// order, `jump` returns, `goto` does not, a verdict map is one lookup (no walk over every
// Service, the point of nftables mode), `numgen random mod N` picks the endpoint chain. The result
// names every rule that matched, as `nft list` prints it, so a trace can show the path.

import { cidrContains, parseIPv4, parseIpv4Cidr } from '../../../kube/ipv4';
import { formatNftRule } from './format';
import type { NftChain, NftMatch, NftRule, NftTable, NftVerdict } from './ruleset';

export interface NftPacket {
  src: string;
  dst: string;
  protocol: string;
  dport?: number;
  mark: number;
  /** The packet opens a connection (conntrack state new). */
  ctNew: boolean;
}

export interface NftEvalContext {
  isLocalAddress(ip: string): boolean;
  random(): number;
  /** ClientIP affinity sets: set name → client IP → expiry (seconds on the simulation clock). */
  affinity?: Map<string, Map<string, number>>;
  now?: number;
}

export interface NftMatchedRule {
  chain: string;
  rule: string;
}

export interface NftNumgenDraw {
  chain: string;
  mod: number;
  drawn: number;
  target: string;
}

export type NftOutcome = { kind: 'continue' } | { kind: 'accept' } | { kind: 'drop' } | { kind: 'reject' } | { kind: 'dnat'; ip: string; port: number } | { kind: 'masquerade' };

export interface NftEvalResult {
  outcome: NftOutcome;
  mark: number;
  matched: NftMatchedRule[];
  draws: NftNumgenDraw[];
  /** The verdict-map lookups that hit, `@map` → element key. */
  lookups: { map: string; key: string }[];
}

const MAX_DEPTH = 32;

/** Walks one base chain of the table (a chain missing from the table lets the packet pass). */
export function evaluateNftChain(table: NftTable, chain: string, packet: NftPacket, ctx: NftEvalContext): NftEvalResult {
  const chains = new Map(table.chains.map((c) => [c.name, c]));
  const sets = new Map(table.sets.map((s) => [s.name, s]));
  const res: NftEvalResult = { outcome: { kind: 'continue' }, mark: packet.mark, matched: [], draws: [], lookups: [] };

  const matches = (m: NftMatch): boolean => {
    switch (m.kind) {
      case 'ct-state-new':
        return packet.ctNew;
      case 'daddr':
      case 'saddr':
        return inPrefix(m.kind === 'daddr' ? packet.dst : packet.src, m.value) !== m.negate;
      case 'addr-in':
        return m.values.some((v) => inPrefix(m.field === 'daddr' ? packet.dst : packet.src, v)) !== m.negate;
      case 'addr-in-set': {
        const ip = m.field === 'daddr' ? packet.dst : packet.src;
        const set = sets.get(m.set);
        if (set?.flags?.includes('timeout')) {
          const expiry = ctx.affinity?.get(m.set)?.get(ip);
          return expiry !== undefined && (ctx.now ?? 0) < expiry;
        }
        return set?.elements.some((e) => e.key[0] === ip) ?? false;
      }
      case 'fib-saddr-local':
        return ctx.isLocalAddress(packet.src);
      case 'mark-clear':
        return (res.mark & m.mask) === 0;
      default: {
        const never: never = m;
        return never;
      }
    }
  };

  /** Runs a chain; 'fallthrough' means it ended without a verdict (or returned). */
  const run = (c: NftChain, depth: number): NftOutcome | 'fallthrough' => {
    if (depth > MAX_DEPTH) return { kind: 'drop' };
    for (const r of c.rules) {
      if (!r.match.every(matches)) continue;
      const out = apply(c, r, depth);
      if (out !== 'next') return out;
    }
    return 'fallthrough';
  };

  const follow = (from: NftChain, v: NftVerdict, depth: number): NftOutcome | 'next' | 'fallthrough' => {
    switch (v.kind) {
      case 'accept':
        return { kind: 'accept' };
      case 'drop':
        return { kind: 'drop' };
      case 'return':
        return 'fallthrough';
      case 'jump':
      case 'goto': {
        const target = chains.get(v.chain);
        const out = target ? run(target, depth + 1) : 'fallthrough';
        if (out !== 'fallthrough') return out;
        // A jump comes back to the next rule; a goto returns to the chain that called this one.
        return v.kind === 'jump' ? 'next' : 'fallthrough';
      }
      default: {
        const never: never = v;
        return never;
      }
    }
  };

  const apply = (c: NftChain, r: NftRule, depth: number): NftOutcome | 'next' | 'fallthrough' => {
    const s = r.statement;
    switch (s.kind) {
      case 'vmap': {
        const key = s.key === 'daddr.l4proto.dport' ? [packet.dst, packet.protocol, String(packet.dport ?? 0)] : [packet.protocol, String(packet.dport ?? 0)];
        const hit = sets.get(s.map)?.elements.find((e) => e.key.length === key.length && e.key.every((k, i) => k === key[i]));
        if (!hit?.value) return 'next';
        res.matched.push({ chain: c.name, rule: formatNftRule(r) });
        res.lookups.push({ map: s.map, key: key.join(' . ') });
        return follow(c, hit.value, depth);
      }
      case 'numgen': {
        const drawn = Math.min(s.targets.length - 1, Math.floor(ctx.random() * s.targets.length));
        const target = s.targets[drawn];
        res.matched.push({ chain: c.name, rule: formatNftRule(r) });
        res.draws.push({ chain: c.name, mod: s.targets.length, drawn, target });
        return follow(c, { kind: 'goto', chain: target }, depth);
      }
      default:
        break;
    }
    res.matched.push({ chain: c.name, rule: formatNftRule(r) });
    switch (s.kind) {
      case 'verdict':
        return follow(c, s.verdict, depth);
      case 'reject':
        return { kind: 'reject' };
      case 'mark-or':
        res.mark |= s.mark;
        return 'next';
      case 'mark-xor':
        res.mark ^= s.mark;
        return 'next';
      case 'masquerade':
        return { kind: 'masquerade' };
      case 'dnat':
        return { kind: 'dnat', ip: s.ip, port: s.port };
      case 'update-set': {
        const timeout = sets.get(s.set)?.timeout ?? 10800;
        if (ctx.affinity) {
          let m = ctx.affinity.get(s.set);
          if (!m) ctx.affinity.set(s.set, (m = new Map()));
          m.set(packet.src, (ctx.now ?? 0) + timeout);
        }
        return 'next';
      }
      default: {
        const never: never = s;
        return never;
      }
    }
  };

  const start = chains.get(chain);
  if (start) {
    const out = run(start, 0);
    if (out !== 'fallthrough') res.outcome = out;
  }
  return res;
}

function inPrefix(ip: string, value: string): boolean {
  if (!value.includes('/')) return ip === value;
  const cidr = parseIpv4Cidr(value);
  const n = parseIPv4(ip);
  return !!cidr && n !== undefined && cidrContains(cidr, n);
}
