// The source ports a node's masquerade hands out, per (SNAT source IP, protocol, destination IP,
// destination port): the tuple conntrack must keep unique. Two connections from different pods to
// the same API leave the node from the same IP, so each needs its own source port for that
// destination, and the port stays taken for as long as conntrack holds the flow: a closed TCP
// connection keeps its entry in TIME_WAIT for nf_conntrack_tcp_timeout_time_wait (120 s).
//
// Which ports: MASQUERADE and SNAT without --to-ports pick from 1024–65535 when the original source
// port is 1024 or above (nf_nat_l4proto_unique_tuple in net/netfilter/nf_nat_core.c: `min = 1024;
// range_size = 65535 - 1024 + 1`), keeping the pod's own port when that tuple is free. They do not
// read net.ipv4.ip_local_port_range: that sysctl is the range the node's (or a pod's) own sockets
// bind from. --random-fully (Calico's and flannel's masquerade, kube-proxy's) changes which free
// port is tried first, never how many there are.
// When none is free, the kernel leaves the tuple as it is, it clashes with a live entry when the
// connection is confirmed, and the SYN is dropped: `conntrack -S` counts it in insert_failed and
// drop, and the client waits for a SYN-ACK that never comes (Go: `dial tcp IP:443: i/o timeout`).
// (Since Linux 5.x the search gives up after 128 tries, so failures begin a little before the
// last port is taken; counting only "all taken" is the simplification here.)
//
// Load generators open hundreds of connections a second; holding one entry per connection would
// make snapshots huge. Ports are therefore counted, not listed: per tuple, how many ports expire in
// each second (a bucket), plus the standing pools keep-alive clients hold, by owner.

/** MASQUERADE's port range when the original source port is unprivileged (nf_nat_core.c). */
export const NAT_PORT_MIN = 1024;
export const NAT_PORT_MAX = 65_535;
export const NAT_PORT_COUNT = NAT_PORT_MAX - NAT_PORT_MIN + 1;

/** Bound on distinct tuples a node tracks; past it the oldest-created tuple is forgotten. */
export const MAX_SNAT_TUPLES = 1_024;
/** Bound on standing pools (keep-alive clients) per tuple. */
export const MAX_SNAT_POOLS_PER_TUPLE = 256;

export interface SnatTuple {
  /** The address masquerade rewrote the source to (the node's outgoing interface address). */
  snatIp: string;
  protocol: 'tcp' | 'udp';
  dst: string;
  dport: number;
}

interface TupleUse {
  /** Ports taken by closed connections (TIME_WAIT), by the second (epoch s) they are released in, by the pod address that opened them. */
  expiring: Record<string, Record<string, number>>;
  /** Ports held by long-lived connection pools (ESTABLISHED), by owner: from where, how many, and until when (ms). */
  pools: Record<string, { src: string; count: number; untilMs: number }>;
}

/** A group of counted flows: what `conntrack -L` would show for each of them but the ports. */
export interface SnatFlowGroup {
  tuple: SnatTuple;
  /** The pod address the flows came from (before masquerade). */
  src: string;
  state: 'TIME_WAIT' | 'ESTABLISHED';
  count: number;
  expiresAtMs: number;
}

/** The kernel counters this table feeds (`conntrack -S`). */
export interface SnatStats {
  /** Flows that got a port (conntrack inserted them). */
  insert: number;
  insertFailed: number;
  drop: number;
}

export interface SnatPortState {
  tuples: Record<string, TupleUse>;
  stats: SnatStats;
}

export function tupleKey(t: SnatTuple): string {
  return `${t.snatIp}|${t.protocol}|${t.dst}|${t.dport}`;
}

export function parseTupleKey(key: string): SnatTuple {
  const [snatIp, protocol, dst, dport] = key.split('|');
  return { snatIp, protocol: protocol === 'udp' ? 'udp' : 'tcp', dst, dport: Number(dport) };
}

export class SnatPortTable {
  private tuples = new Map<string, TupleUse>();
  readonly stats: SnatStats = { insert: 0, insertFailed: 0, drop: 0 };

  toJSON(): SnatPortState {
    return structuredClone({ tuples: Object.fromEntries(this.tuples), stats: this.stats });
  }

  static restore(state: SnatPortState): SnatPortTable {
    const table = new SnatPortTable();
    table.tuples = new Map(Object.entries(structuredClone(state.tuples)));
    Object.assign(table.stats, state.stats);
    return table;
  }

  /** Ports of this tuple taken at `nowMs`. */
  inUse(t: SnatTuple, nowMs: number): number {
    const use = this.tuples.get(tupleKey(t));
    if (!use) return 0;
    expire(use, nowMs);
    return sum(use);
  }

  free(t: SnatTuple, nowMs: number): number {
    return Math.max(0, NAT_PORT_COUNT - this.inUse(t, nowMs));
  }

  /**
   * `count` new connections, each holding its port until `releaseAtMs`. Returns how many got a
   * port; the rest failed as the kernel fails them (insert_failed and drop each count one).
   */
  allocate(t: SnatTuple, src: string, count: number, releaseAtMs: number, nowMs: number): number {
    const use = this.use(t, nowMs);
    const granted = Math.min(count, Math.max(0, NAT_PORT_COUNT - sum(use)));
    this.stats.insert += granted;
    if (granted > 0) {
      const bucket = (use.expiring[String(Math.ceil(releaseAtMs / 1000))] ??= {});
      bucket[src] = (bucket[src] ?? 0) + granted;
    }
    this.fail(count - granted);
    return granted;
  }

  /**
   * An owner's standing pool (a keep-alive client's open connections): set, not added, so a
   * pool that is refreshed keeps its ports. Returns how many of them have a port.
   */
  hold(t: SnatTuple, owner: string, src: string, count: number, untilMs: number, nowMs: number): number {
    const use = this.use(t, nowMs);
    const had = use.pools[owner]?.count ?? 0;
    if (!use.pools[owner] && Object.keys(use.pools).length >= MAX_SNAT_POOLS_PER_TUPLE) return 0;
    const extra = Math.min(Math.max(0, count - had), Math.max(0, NAT_PORT_COUNT - sum(use)));
    this.stats.insert += extra;
    this.fail(Math.max(0, count - had) - extra);
    use.pools[owner] = { src, count: Math.min(count, had + extra), untilMs };
    return use.pools[owner].count;
  }

  /** A connection that found no free port. */
  fail(n = 1): void {
    this.stats.insertFailed += n;
    this.stats.drop += n;
  }

  /** The counted flows alive at `nowMs`, oldest release first (for `conntrack -L`, -C and -D). */
  groups(nowMs: number): SnatFlowGroup[] {
    const out: SnatFlowGroup[] = [];
    for (const [key, use] of this.tuples) {
      expire(use, nowMs);
      const tuple = parseTupleKey(key);
      for (const [bucket, bySrc] of Object.entries(use.expiring)) {
        for (const [src, count] of Object.entries(bySrc)) out.push({ tuple, src, state: 'TIME_WAIT', count, expiresAtMs: Number(bucket) * 1000 });
      }
      for (const pool of Object.values(use.pools)) out.push({ tuple, src: pool.src, state: 'ESTABLISHED', count: pool.count, expiresAtMs: pool.untilMs });
    }
    return out.sort((a, b) => a.expiresAtMs - b.expiresAtMs);
  }

  /** `conntrack -D`/`-F` over the counted flows: drops the groups a predicate picks, returns how many flows went. */
  deleteGroups(pick: (g: SnatFlowGroup) => boolean, nowMs: number): number {
    let n = 0;
    for (const [key, use] of this.tuples) {
      expire(use, nowMs);
      const tuple = parseTupleKey(key);
      for (const [bucket, bySrc] of Object.entries(use.expiring)) {
        for (const [src, count] of Object.entries(bySrc)) {
          if (!pick({ tuple, src, state: 'TIME_WAIT', count, expiresAtMs: Number(bucket) * 1000 })) continue;
          delete bySrc[src];
          n += count;
        }
        if (Object.keys(bySrc).length === 0) delete use.expiring[bucket];
      }
      for (const [owner, pool] of Object.entries(use.pools)) {
        if (!pick({ tuple, src: pool.src, state: 'ESTABLISHED', count: pool.count, expiresAtMs: pool.untilMs })) continue;
        delete use.pools[owner];
        n += pool.count;
      }
    }
    return n;
  }

  /** All the counted flows alive at `nowMs`: their part of nf_conntrack_count. */
  flowCount(nowMs: number): number {
    return this.list(nowMs).reduce((n, t) => n + t.inUse, 0);
  }

  /** Tuples with ports in use at `nowMs`, busiest first. */
  list(nowMs: number): { tuple: SnatTuple; inUse: number }[] {
    const out: { tuple: SnatTuple; inUse: number }[] = [];
    for (const [key, use] of this.tuples) {
      expire(use, nowMs);
      const n = sum(use);
      if (n > 0) out.push({ tuple: parseTupleKey(key), inUse: n });
      else this.tuples.delete(key);
    }
    return out.sort((a, b) => b.inUse - a.inUse);
  }

  private use(t: SnatTuple, nowMs: number): TupleUse {
    const key = tupleKey(t);
    let use = this.tuples.get(key);
    if (!use) {
      if (this.tuples.size >= MAX_SNAT_TUPLES) {
        const oldest = this.tuples.keys().next().value;
        if (oldest !== undefined) this.tuples.delete(oldest);
      }
      use = { expiring: {}, pools: {} };
      this.tuples.set(key, use);
    }
    expire(use, nowMs);
    return use;
  }
}

function expire(use: TupleUse, nowMs: number): void {
  // A bucket is due at its second: the entry's timeout has run out.
  for (const bucket of Object.keys(use.expiring)) if (Number(bucket) * 1000 <= nowMs) delete use.expiring[bucket];
  for (const [owner, pool] of Object.entries(use.pools)) if (pool.untilMs <= nowMs) delete use.pools[owner];
}

function sum(use: TupleUse): number {
  let n = 0;
  for (const bySrc of Object.values(use.expiring)) for (const c of Object.values(bySrc)) n += c;
  for (const p of Object.values(use.pools)) n += p.count;
  return n;
}
