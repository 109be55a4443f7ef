// The packet and byte counters a node's kernel keeps: one per rule and one per built-in chain's
// policy (what `iptables -L -v` and `iptables-save -c` print), keyed by node, table, chain and the
// rule's position, so that an nftables ruleset ("ip kube-proxy" as the table) can use the same
// store; and IPVS's per-virtual-service and per-real-server statistics (`ipvsadm -Ln --stats`).
// Counters only move with the learner's own traffic (packet/traffic-counters.ts); the kernel
// zeroes them on `iptables -Z` and when a rule is written anew (counter-resets.ts).

export interface Counter {
  packets: number;
  bytes: number;
}

/** A rule by its 0-based position in its chain, or the chain's policy (built-in chains only). */
export type RuleRef = number | 'policy';

/** What the kernel keeps for one chain: the rules' counters and, for a built-in chain, the policy's. */
export interface ChainCounters {
  /** The chain's rules when its counters were started: a rewritten chain starts again from zero. */
  signature: string;
  policy: Counter;
  rules: Map<number, Counter>;
}

/** ip_vs_stats as ipvsadm reads them. */
export interface IpvsCounter {
  conns: number;
  inPkts: number;
  outPkts: number;
  inBytes: number;
  outBytes: number;
  /** Simulation times (ms) and sizes of what moved, for the rate estimator (`ipvsadm --rate`). */
  events: IpvsEvent[];
}

export interface IpvsEvent {
  atMs: number;
  conns: number;
  inPkts: number;
  outPkts: number;
  inBytes: number;
  outBytes: number;
}

const ZERO: Readonly<Counter> = Object.freeze({ packets: 0, bytes: 0 });
/** The events kept per IPVS entry for the estimator; older ones have long decayed to zero. */
const MAX_IPVS_EVENTS = 256;

const chainKey = (node: string, table: string, chain: string) => `${node}\u0000${table}\u0000${chain}`;

export class CounterStore {
  private readonly chains = new Map<string, ChainCounters>();
  private readonly byNode = new Map<string, Set<string>>();
  private readonly ipvsStats = new Map<string, Map<string, IpvsCounter>>();

  /** Told when a node's first counter moves (its owner notes which rules the counters started from). */
  onFirstCount?: (node: string) => void;

  /** Adds to one rule's (or policy's) counter; `signature` names the chain's current rules, read only when its counters start. */
  add(node: string, table: string, chain: string, rule: RuleRef, packets: number, bytes: number, signature: () => string): void {
    const key = chainKey(node, table, chain);
    let c = this.chains.get(key);
    if (!c) {
      if (!this.hasNode(node)) this.onFirstCount?.(node);
      c = { signature: signature(), policy: { packets: 0, bytes: 0 }, rules: new Map() };
      this.chains.set(key, c);
      let keys = this.byNode.get(node);
      if (!keys) this.byNode.set(node, (keys = new Set()));
      keys.add(key);
    }
    let counter: Counter | undefined;
    if (rule === 'policy') counter = c.policy;
    else {
      counter = c.rules.get(rule);
      if (!counter) c.rules.set(rule, (counter = { packets: 0, bytes: 0 }));
    }
    counter.packets += packets;
    counter.bytes += bytes;
  }

  read(node: string, table: string, chain: string, rule: RuleRef): Readonly<Counter> {
    const c = this.chains.get(chainKey(node, table, chain));
    if (!c) return ZERO;
    return (rule === 'policy' ? c.policy : c.rules.get(rule)) ?? ZERO;
  }

  /** True once any of the node's counters moved (nothing to reconcile before). */
  hasNode(node: string): boolean {
    return (this.byNode.get(node)?.size ?? 0) > 0 || (this.ipvsStats.get(node)?.size ?? 0) > 0;
  }

  /** The chains of a node that hold counters: table, chain and what the kernel keeps. */
  *countedChains(node: string): Generator<{ table: string; chain: string; counters: ChainCounters }> {
    for (const key of this.byNode.get(node) ?? []) {
      const counters = this.chains.get(key);
      if (!counters) continue;
      const [, table, chain] = key.split('\u0000');
      yield { table, chain, counters };
    }
  }

  /**
   * Zeroes counters as `iptables -Z` does: a whole table, one chain (its rules and, for a built-in
   * chain, its policy), or one rule of it.
   */
  zero(node: string, table: string, chain?: string, rule?: number): void {
    for (const key of [...(this.byNode.get(node) ?? [])]) {
      const [, t, c] = key.split('\u0000');
      if (t !== table || (chain !== undefined && c !== chain)) continue;
      if (rule !== undefined) this.chains.get(key)?.rules.delete(rule);
      else this.forget(node, key);
    }
  }

  /** The kernel dropped the chain or wrote it anew: its counters start from nothing. */
  resetChain(node: string, table: string, chain: string): void {
    this.forget(node, chainKey(node, table, chain));
  }

  private forget(node: string, key: string): void {
    this.chains.delete(key);
    this.byNode.get(node)?.delete(key);
  }

  /** Adds one connection's (or one more exchange's) worth to an IPVS entry (a virtual service, or one of its real servers). */
  ipvsAdd(node: string, entry: string, event: IpvsEvent): void {
    if (!this.hasNode(node)) this.onFirstCount?.(node);
    let entries = this.ipvsStats.get(node);
    if (!entries) this.ipvsStats.set(node, (entries = new Map()));
    let s = entries.get(entry);
    if (!s) entries.set(entry, (s = { conns: 0, inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0, events: [] }));
    s.conns += event.conns;
    s.inPkts += event.inPkts;
    s.outPkts += event.outPkts;
    s.inBytes += event.inBytes;
    s.outBytes += event.outBytes;
    s.events.push(event);
    if (s.events.length > MAX_IPVS_EVENTS) s.events.shift();
  }

  ipvs(node: string, entry: string): Readonly<IpvsCounter> | undefined {
    return this.ipvsStats.get(node)?.get(entry);
  }

  /** `ipvsadm -Z`, or kube-proxy deleting an entry: the kernel frees its stats with it. */
  ipvsZero(node: string, keep?: (entry: string) => boolean): void {
    const entries = this.ipvsStats.get(node);
    if (!entries) return;
    for (const entry of [...entries.keys()]) if (!keep?.(entry)) entries.delete(entry);
  }
}

/** An IPVS virtual service's key in the store: `TCP 10.96.0.10:53`. */
export function ipvsServiceKey(protocol: string, address: string, port: number): string {
  return `${protocol} ${address}:${port}`;
}

/** A real server's key: its service's, then `-> 10.244.1.3:53`. */
export function ipvsDestKey(service: string, address: string, port: number): string {
  return `${service} -> ${address}:${port}`;
}

/** A chain's rules in one short string: a chain written with other rules gets other counters. */
export function chainSignature(rules: readonly { args: readonly string[] }[]): string {
  let h = 2166136261;
  for (const r of rules) {
    for (const a of r.args) {
      for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a.charCodeAt(i), 16777619);
      h = Math.imul(h ^ 32, 16777619);
    }
    h = Math.imul(h ^ 10, 16777619);
  }
  return `${rules.length}:${(h >>> 0).toString(16)}`;
}

/** One node's counters as its netfilter tools read and zero them. */
export interface NodeCounters {
  read(table: string, chain: string, rule: RuleRef): Readonly<Counter>;
  zero(table: string, chain?: string, rule?: number): void;
}

export function nodeCounters(store: CounterStore, node: string): NodeCounters {
  return {
    read: (table, chain, rule) => store.read(node, table, chain, rule),
    zero: (table, chain, rule) => store.zero(node, table, chain, rule),
  };
}

/** No traffic has moved anything: what a tool prints without a counter store. */
export const NO_COUNTERS: NodeCounters = { read: () => ZERO, zero: () => undefined };
