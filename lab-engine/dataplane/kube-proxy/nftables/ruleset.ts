// The `table ip kube-proxy` that kube-proxy's nftables mode (KEP-3866, GA in v1.33) programs, as
// typed data: sets and verdict maps with their elements, base chains with their hook and
// priority, regular chains, and rules made of the few matches and statements kube-proxy writes.
// `nft list` renders it (format.ts) and the packet walk evaluates it (evaluate.ts); both read the
// same rules, so what a learner lists is what the packet met.

/** A verdict as a map element or a rule's last statement holds it. */
export type NftVerdict = { kind: 'jump' | 'goto'; chain: string } | { kind: 'drop' | 'accept' | 'return' };

export interface NftElement {
  /** The key's parts, joined with ` . ` (an address, `tcp`, a port). */
  key: readonly string[];
  /** Maps only. */
  value?: NftVerdict;
  comment?: string;
}

export interface NftSet {
  kind: 'set' | 'map';
  name: string;
  /** As nft prints it: `ipv4_addr`, `ipv4_addr . inet_proto . inet_service : verdict`. */
  type: string;
  flags?: readonly string[];
  /** Seconds (affinity sets). */
  timeout?: number;
  comment?: string;
  elements: NftElement[];
}

export type NftHook = 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';

export interface NftBaseChain {
  type: 'filter' | 'nat';
  hook: NftHook;
  /** Numeric priority (dstnat = -100, filter = 0, srcnat = 100). */
  priority: number;
}

export interface NftChain {
  name: string;
  base?: NftBaseChain;
  comment?: string;
  rules: NftRule[];
}

/** The matches kube-proxy's rules use, all against the IPv4 header, conntrack, the mark or the FIB. */
export type NftMatch =
  | { kind: 'ct-state-new' }
  | { kind: 'daddr'; negate: boolean; value: string }
  | { kind: 'saddr'; negate: boolean; value: string }
  /** `ip daddr { CIDR, ... }` / `ip saddr != { ... }`: an anonymous set of prefixes. */
  | { kind: 'addr-in'; field: 'saddr' | 'daddr'; negate: boolean; values: readonly string[] }
  | { kind: 'addr-in-set'; field: 'saddr' | 'daddr'; set: string }
  | { kind: 'fib-saddr-local' }
  /** `meta mark & 0x00004000 == 0x00000000`. */
  | { kind: 'mark-clear'; mask: number };

/** The statement that ends a rule (kube-proxy's rules have one each). */
export type NftStatement =
  | { kind: 'verdict'; verdict: NftVerdict }
  | { kind: 'reject' }
  /** `KEY vmap @map`: look the packet up in a verdict map; no element, no verdict. */
  | { kind: 'vmap'; key: 'daddr.l4proto.dport' | 'l4proto.dport'; map: string }
  /** `numgen random mod N vmap { 0 : goto A, 1 : goto B }`: kube-proxy's load balancing. */
  | { kind: 'numgen'; targets: readonly string[] }
  | { kind: 'mark-or'; mark: number }
  | { kind: 'mark-xor'; mark: number }
  | { kind: 'masquerade'; fullyRandom: boolean }
  | { kind: 'dnat'; proto: string; ip: string; port: number }
  /** `update @affinity-... { ip saddr }`: remember the client for ClientIP affinity. */
  | { kind: 'update-set'; set: string };

export interface NftRule {
  match: readonly NftMatch[];
  statement: NftStatement;
  comment?: string;
}

export interface NftTable {
  family: 'ip';
  name: string;
  comment?: string;
  sets: NftSet[];
  chains: NftChain[];
}

/** kube-proxy's masquerade mark (bit 14), as nft prints marks: 0x00004000. */
export const NFT_MASQUERADE_MARK = 0x4000;
