// Netfilter tables as data: what kube-proxy programs and what `iptables-save`, `iptables -S`,
// `iptables -L` and the packet walk all read. A rule keeps the arguments as kube-proxy wrote them
// (for the iptables-restore view) and their parsed meaning (for the kernel's views and the walk).

/** `raw` holds only NOTRACK rules here (NodeLocal DNSCache's); no kube-proxy mode writes it. */
export type TableName = 'filter' | 'nat' | 'mangle' | 'raw';

/** ipencap (4) only as Felix's IP-in-IP rules name it. */
export type Protocol = 'tcp' | 'udp' | 'sctp' | 'icmp' | 'ipencap';

/** An IPv4 prefix as iptables stores it: network and mask length. */
export interface AddressMatch {
  network: number;
  prefix: number;
  negate: boolean;
}

export interface IfaceMatch {
  name: string;
  negate: boolean;
}

export interface PortMatch {
  from: number;
  to: number;
  negate: boolean;
}

/** Match extensions, in the order the rule loads them (`-m NAME`). */
export type Match =
  | { module: 'comment'; comment: string }
  | { module: 'tcp' | 'udp' | 'sctp'; dport?: PortMatch; sport?: PortMatch }
  | { module: 'addrtype'; srcType?: { type: string; negate: boolean }; dstType?: { type: string; negate: boolean }; limitIface?: 'in' | 'out' }
  | { module: 'statistic'; mode: 'random'; /** the kernel's 31-bit fixed point */ fixedPoint: number; /** the text written */ written: string }
  | { module: 'mark'; mark: number; mask: number; negate: boolean }
  | { module: 'conntrack'; ctstate: readonly string[]; negate: boolean }
  | { module: 'recent'; command: 'set' | 'rcheck'; name: string; seconds?: number; reap: boolean }
  /** A named packet counter (kube-proxy's metrics); always matches. */
  | { module: 'nfacct'; name: string }
  /** xt_set: is the element built from the packet (one direction per set dimension) in the ipset? */
  | { module: 'set'; setName: string; flags: readonly ('src' | 'dst')[]; negate: boolean }
  /** xt_physdev, only as IPVS mode uses it: did the packet enter through a bridge port? */
  | { module: 'physdev'; isIn?: { negate: boolean } }
  /** xt_ipvs: does the packet belong to this IPVS virtual service? */
  | { module: 'ipvs'; vaddr?: string; vproto?: number; vport?: number }
  /** xt_multiport (Felix writes every policy port list with it): up to 15 ports or ranges. */
  | { module: 'multiport'; dports?: readonly PortMatch[]; sports?: readonly PortMatch[]; negate: boolean };

export type Target =
  | { kind: 'none' }
  | { kind: 'ACCEPT' | 'DROP' | 'RETURN' }
  | { kind: 'REJECT'; rejectWith: string }
  | { kind: 'DNAT'; toDestination: string }
  | { kind: 'MASQUERADE'; randomFully: boolean }
  | { kind: 'MARK'; op: 'or' | 'xor' | 'set'; value: number; mask: number }
  /** raw table only: the packet gets no conntrack entry (xt_CT's notrack; the walk continues). */
  | { kind: 'NOTRACK' }
  /** `-j CHAIN`, or `-g CHAIN` (goto: the chain's RETURN goes back to the chain that called this one). */
  | { kind: 'jump'; chain: string; goto?: boolean };

export interface Rule {
  chain: string;
  /** Arguments after `-A CHAIN`, in the writer's order (kube-proxy's iptables-restore input). */
  args: readonly string[];
  source?: AddressMatch;
  destination?: AddressMatch;
  protocol?: { name: Protocol; negate: boolean };
  /** `-i` / `-o`: the interface the packet came in on / leaves by; a trailing `+` matches any name with that prefix. */
  inIface?: IfaceMatch;
  outIface?: IfaceMatch;
  matches: readonly Match[];
  target: Target;
}

export interface Chain {
  name: string;
  /** Built-in chains have a policy; user chains do not. */
  policy?: 'ACCEPT' | 'DROP';
  rules: Rule[];
}

export interface Table {
  name: TableName;
  /** Built-in chains first in the kernel's hook order, then user chains by name. */
  chains: Chain[];
}

export const BUILTIN_CHAINS: Readonly<Record<TableName, readonly string[]>> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
};

export function isBuiltinChain(table: TableName, chain: string): boolean {
  return BUILTIN_CHAINS[table].includes(chain);
}

const chainIndex = new WeakMap<Table, { chains: Chain[]; length: number; byName: Map<string, Chain> }>();

/** By name, through an index rebuilt whenever the table's chain list changes (tables hold 10^4+ chains at scale). */
export function findChain(table: Table, name: string): Chain | undefined {
  let idx = chainIndex.get(table);
  if (!idx || idx.chains !== table.chains || idx.length !== table.chains.length) {
    idx = { chains: table.chains, length: table.chains.length, byName: new Map(table.chains.map((c) => [c.name, c])) };
    chainIndex.set(table, idx);
  }
  return idx.byName.get(name);
}

/** How many rules in the table jump to `chain` (iptables -L's "(N references)"). */
export function referenceCount(table: Table, chain: string): number {
  let n = 0;
  for (const c of table.chains) for (const r of c.rules) if (r.target.kind === 'jump' && r.target.chain === chain) n++;
  return n;
}
