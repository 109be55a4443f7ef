// The connection-tracking table of one network namespace: what netfilter remembers about each
// flow so that only a connection's first packet walks the nat chains, replies are un-NATed, and
// `conntrack -L` can show it. Entries have the kernel's protocol states and timeouts; time comes
// from the caller's clock, never a timer.
//
// Timeouts are the kernel defaults (nf_conntrack_proto_tcp.c / _udp.c / _generic) except the two
// kube-proxy sets on every node (KubeProxyConntrackConfiguration: tcpEstablishedTimeout 24h,
// tcpCloseWaitTimeout 1h; the kernel's own nf_conntrack_tcp_timeout_established is 432000).
// UDP follows nf_conntrack_udp_packet since Linux 5.x: nf_conntrack_udp_timeout (30 s) while
// unreplied and for an exchange that is over within 2 s of the first packet (a DNS query and its
// answer: no [UNREPLIED], no [ASSURED], 30 s); a packet after those 2 s on a replied flow makes it
// a stream: nf_conntrack_udp_timeout_stream (120 s) and [ASSURED]. Protocols without a tracker
// of their own (IPIP, protocol 4) get the generic one: addresses only, 600 s
// (nf_conntrack_generic_timeout), never [ASSURED].
// The mark is the connection's ct mark (CONNMARK), not the packet's skb mark: kube-proxy's
// KUBE-MARK-MASQ sets the latter only, so it stays 0.
// The table's size is its node's nf_conntrack_max sysctl, which it reads from the node's one
// sysctl store (packet/node-sysctls.ts, handed in as a live view): a new flow past it is
// refused, counted as `drop` and logged to the node's kernel ring (kernel-log.ts). The kernel
// first tries early_drop, which evicts an entry that is not [ASSURED] from the 8 hash buckets
// next to the new flow's. A flood of closed TCP connections is all [ASSURED] TIME_WAIT, which it
// never evicts, so it is left out: the model does not evict a lone unassured flow (a DNS
// exchange's) that the kernel might find there.
// Flows a flood opens by the thousand are kept as cohorts (bulk-flows.ts).

import { expandBulk, representative, type BulkFlows } from './bulk-flows';
import { defaultConntrackSysctls, type ConntrackSysctls } from './conntrack-sysctls';
import { emptyKernelLog, logTableFull, type KernelLogState } from './kernel-log';
import { matchesFilter, type ConntrackFilter } from './conntrack-filter';
import { nextTcpState } from './tcp-states';
import type { ConntrackEntry, ConntrackProtocol, Direction, TcpEvent, TcpState, Tuple } from './conntrack-types';

export type { ConntrackEntry, ConntrackProtocol, Direction, TcpEvent, TcpState, Tuple };

export { matchesFilter, type ConntrackFilter, nextTcpState };

export const TCP_TIMEOUT_SECONDS: Readonly<Record<TcpState, number>> = {
  SYN_SENT: 120,
  SYN_RECV: 60,
  ESTABLISHED: 86_400,
  FIN_WAIT: 120,
  CLOSE_WAIT: 3_600,
  LAST_ACK: 30,
  TIME_WAIT: 120,
  CLOSE: 10,
};

export const UDP_UNREPLIED_TIMEOUT_SECONDS = 30;
export const UDP_REPLIED_TIMEOUT_SECONDS = 120;
/** How long after its first packet a replied UDP flow counts as a stream (ct->proto.udp.stream_ts: 2 * HZ). */
export const UDP_STREAM_AFTER_MS = 2_000;
/** nf_conntrack_generic_timeout: flows of protocols conntrack has no tracker for. */
export const GENERIC_TIMEOUT_SECONDS = 600;

/** Entries `list` expands at most (conntrack -L of a table the size of kube-proxy's limit). */
export const MAX_LISTED_ENTRIES = 131_072;

export interface NatDecision {
  /** DNAT target `IP:port` chosen by the nat table (kube-proxy's KUBE-SEP- rule). */
  dnat?: string;
  /** The address MASQUERADE/SNAT rewrote the source to. */
  snat?: string;
}

/** The kernel's per-table counters that `conntrack -S` prints (summed over CPUs here). */
export interface ConntrackStats {
  found: number;
  insert: number;
  drop: number;
  /** A new flow that lost the race to insert its entry against a clashing one (pod-resolver.ts: parallel DNS queries). */
  insertFailed?: number;
}

/** A table as plain JSON, for a session's snapshot. */
export interface ConntrackTableState {
  entries: ConntrackEntry[];
  nextId: number;
  stats: ConntrackStats;
  bulk?: BulkFlows[];
  kernelLog?: KernelLogState;
}

export class ConntrackTable {
  private readonly entries = new Map<number, ConntrackEntry>();
  private bulk: BulkFlows[] = [];
  private nextId = 1;
  readonly stats: ConntrackStats = { found: 0, insert: 0, drop: 0 };
  /** The node's kernel ring buffer (dmesg), which only conntrack writes to here. */
  readonly kernelLog: KernelLogState = emptyKernelLog();

  constructor(
    /** The node's nf_conntrack_* sysctls that this table obeys: the node's store (a snapshot keeps them there); a table of its own alone. */
    readonly sysctl: ConntrackSysctls = defaultConntrackSysctls(),
    /** Flows the node tracks outside this map and its cohorts: masquerade's counted load-generator flows (snat-ports.ts). */
    private readonly countedElsewhere: (nowMs: number) => number = () => 0,
  ) {}

  toJSON(): ConntrackTableState {
    return structuredClone({ entries: [...this.entries.values()], nextId: this.nextId, stats: this.stats, bulk: this.bulk, kernelLog: this.kernelLog });
  }

  static restore(state: ConntrackTableState, sysctl?: ConntrackSysctls, countedElsewhere?: (nowMs: number) => number): ConntrackTable {
    const table = new ConntrackTable(sysctl, countedElsewhere);
    for (const e of state.entries) table.entries.set(e.id, structuredClone(e));
    table.nextId = state.nextId;
    Object.assign(table.stats, state.stats);
    if (state.bulk) table.bulk = structuredClone(state.bulk);
    if (state.kernelLog) Object.assign(table.kernelLog, structuredClone(state.kernelLog));
    return table;
  }

  /** True when nothing is in it (a snapshot leaves such a table out; its sysctls are the node store's to keep). */
  isPristine(): boolean {
    return this.entries.size === 0 && this.bulk.length === 0 && this.kernelLog.lines.length === 0 && this.stats.drop === 0;
  }

  /** A packet whose new flow clashed at confirmation with the entry its twin just inserted: counted, then dropped. */
  loseInsertRace(): void {
    this.stats.insertFailed = (this.stats.insertFailed ?? 0) + 1;
    this.stats.drop += 1;
  }

  /** Live entries at `nowMs`, oldest first (a flood's cohorts expanded, up to MAX_LISTED_ENTRIES in all). */
  list(nowMs: number): ConntrackEntry[] {
    this.expire(nowMs);
    const out = [...this.entries.values()];
    for (const b of this.bulk) {
      if (out.length >= MAX_LISTED_ENTRIES) break;
      out.push(...expandBulk(b, MAX_LISTED_ENTRIES - out.length));
    }
    return out.sort((a, b) => a.id - b.id);
  }

  /** nf_conntrack_count: the live entries, the cohorts' flows and the flows counted elsewhere: all the limit weighs. */
  count(nowMs: number): number {
    this.expire(nowMs);
    let n = this.entries.size + this.countedElsewhere(nowMs);
    for (const b of this.bulk) n += b.count;
    return n;
  }

  /** Room for this many more flows before nf_conntrack_max (Infinity when the limit is 0). */
  room(nowMs: number): number {
    return this.sysctl.max === 0 ? Infinity : Math.max(0, this.sysctl.max - this.count(nowMs));
  }

  /**
   * A new flow's first packet met a full table: __nf_conntrack_alloc refused it, nf_conntrack_in
   * counted a `drop` and the packet is gone. `times` such packets over `spreadMs`.
   */
  refuse(nowMs: number, times = 1, spreadMs = 0): void {
    this.stats.drop += times;
    logTableFull(this.kernelLog, nowMs, times, spreadMs);
  }

  /** Records `flows.count` new flows at once (a flood's second); the caller has checked `room`. */
  addBulk(flows: Omit<BulkFlows, 'firstId'>, nowMs: number): void {
    this.expire(nowMs);
    if (flows.count <= 0) return;
    this.stats.insert += flows.count;
    this.bulk.push({ ...structuredClone(flows), firstId: this.nextId });
    this.nextId += flows.count;
  }

  /** Finds the entry a packet belongs to and in which direction it travels. */
  lookup(protocol: ConntrackProtocol, t: Tuple, nowMs: number): { entry: ConntrackEntry; direction: Direction } | undefined {
    this.expire(nowMs);
    for (const e of this.entries.values()) {
      if (e.protocol !== protocol) continue;
      if (sameTuple(e.orig, t)) {
        this.stats.found++;
        return { entry: e, direction: 'original' };
      }
      if (sameTuple(e.reply, t)) {
        this.stats.found++;
        return { entry: e, direction: 'reply' };
      }
    }
    return undefined;
  }

  /**
   * Records a new flow after its first packet walked the nat chains. Returns undefined when the
   * table is full (the kernel logs "nf_conntrack: table full, dropping packet").
   */
  create(protocol: ConntrackProtocol, orig: Tuple, nat: NatDecision, nowMs: number, mark = 0): ConntrackEntry | undefined {
    if (this.room(nowMs) <= 0) {
      this.refuse(nowMs);
      return undefined;
    }
    this.stats.insert++;
    let replySrc = orig.dst;
    let replySport = orig.dport;
    if (nat.dnat) {
      const i = nat.dnat.lastIndexOf(':');
      replySrc = i >= 0 ? nat.dnat.slice(0, i) : nat.dnat;
      replySport = i >= 0 ? Number(nat.dnat.slice(i + 1)) : orig.dport;
    }
    const entry: ConntrackEntry = {
      id: this.nextId++,
      protocol,
      orig: { ...orig },
      reply: { src: replySrc, dst: nat.snat ?? orig.src, sport: replySport, dport: orig.sport },
      seenReply: false,
      assured: false,
      mark,
      expiresAtMs: 0,
      ...(protocol === 'tcp' ? { tcpState: 'SYN_SENT' as const } : {}),
      ...(protocol === 'udp' ? { streamAtMs: nowMs + UDP_STREAM_AFTER_MS } : {}),
    };
    entry.expiresAtMs = nowMs + 1000 * (protocol === 'tcp' ? TCP_TIMEOUT_SECONDS.SYN_SENT : protocol === 'udp' ? UDP_UNREPLIED_TIMEOUT_SECONDS : GENERIC_TIMEOUT_SECONDS);
    this.entries.set(entry.id, entry);
    return entry;
  }

  /** A later packet of a known flow: advances the TCP state machine (simplified) and refreshes the timeout. */
  update(entry: ConntrackEntry, direction: Direction, nowMs: number, tcpEvent?: TcpEvent): void {
    if (entry.protocol === 'udp') {
      // The kernel sets SEEN_REPLY after the protocol handler ran: the first reply itself still gets the short timeout.
      const stream = entry.seenReply && nowMs > (entry.streamAtMs ?? 0);
      if (stream) entry.assured = true;
      entry.expiresAtMs = nowMs + 1000 * (stream ? UDP_REPLIED_TIMEOUT_SECONDS : UDP_UNREPLIED_TIMEOUT_SECONDS);
      if (direction === 'reply') entry.seenReply = true;
      return;
    }
    if (direction === 'reply') entry.seenReply = true;
    if (entry.protocol === 'ipip') {
      entry.expiresAtMs = nowMs + 1000 * GENERIC_TIMEOUT_SECONDS;
      return;
    }
    const next = tcpEvent ? nextTcpState(entry.tcpState ?? 'SYN_SENT', tcpEvent, direction) : entry.tcpState ?? 'SYN_SENT';
    entry.tcpState = next;
    if (next === 'ESTABLISHED') entry.assured = true;
    entry.expiresAtMs = nowMs + 1000 * tcpTimeout(next, this.sysctl);
  }

  /** `conntrack -D` with filters; returns how many entries went. */
  delete(filter: ConntrackFilter, nowMs: number): number {
    this.expire(nowMs);
    // A port filter picks single flows out of a cohort: its flows become entries of their own first.
    if (filter.sport !== undefined) this.materialize((b) => matchesFilter(representative(b), { ...filter, sport: undefined }));
    return this.deleteWhere((e) => matchesFilter(e, filter));
  }

  /**
   * Deletes the entries a predicate picks (kube-proxy's reconciler); returns how many went. It
   * expires nothing: the reconciler may run ahead of traffic that is still being caught up.
   */
  deleteWhere(stale: (e: ConntrackEntry) => boolean): number {
    let n = 0;
    // A cohort's flows share all a predicate here judges but their source port (kube-proxy's reconciler reads reply sources).
    this.bulk = this.bulk.filter((b) => {
      if (!stale(representative(b))) return true;
      n += b.count;
      return false;
    });
    for (const e of [...this.entries.values()]) {
      if (stale(e)) {
        this.entries.delete(e.id);
        n++;
      }
    }
    return n;
  }

  /**
   * The live entry whose original tuple is this packet's, without counting it as a search hit:
   * what a later packet of a known flow finds before the nat table (which only a flow's first
   * packet walks: nf_nat_inet_fn applies an existing binding and skips the rules).
   */
  findOriginal(protocol: ConntrackProtocol, t: Tuple, nowMs: number): ConntrackEntry | undefined {
    this.expire(nowMs);
    for (const e of this.entries.values()) if (e.protocol === protocol && sameTuple(e.orig, t)) return e;
    return undefined;
  }

  private expire(nowMs: number): void {
    for (const [id, e] of this.entries) if (e.expiresAtMs <= nowMs) this.entries.delete(id);
    if (this.bulk.some((b) => b.expiresAtMs <= nowMs)) this.bulk = this.bulk.filter((b) => b.expiresAtMs > nowMs);
  }

  private materialize(pick: (b: BulkFlows) => boolean): void {
    this.bulk = this.bulk.filter((b) => {
      if (!pick(b)) return true;
      for (const e of expandBulk(b, b.count)) this.entries.set(e.id, e);
      return false;
    });
  }
}

/** A TCP state's timeout: the kernel's, with TIME_WAIT from the node's sysctl. */
export function tcpTimeout(state: TcpState, sysctl: ConntrackSysctls): number {
  return state === 'TIME_WAIT' ? sysctl.tcpTimeoutTimeWait : TCP_TIMEOUT_SECONDS[state];
}

function sameTuple(a: Tuple, b: Tuple): boolean {
  return a.src === b.src && a.dst === b.dst && a.sport === b.sport && a.dport === b.dport;
}
