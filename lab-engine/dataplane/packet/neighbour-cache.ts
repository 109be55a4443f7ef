// The ARP entries a netns learns from the learner's own traffic, beside the ones the CNI set up
// (the gateway). A pod on a bridge CNI reaches a pod of its own node on-link: its route
// `10.244.1.0/24 dev eth0 scope link` makes it ARP for the peer, so `ip neigh` then lists the
// peer with its MAC; the peer learns the sender from the ARP request it answered. Linux keeps an
// entry REACHABLE for base_reachable_time (30 s, net.ipv4.neigh.default.base_reachable_time_ms)
// after it was last confirmed, then STALE; with fewer than gc_thresh1 (128) entries the garbage
// collector leaves STALE entries alone, so they stay. Keyed by the netns' containerd name as
// well as its id: a pod recreated under the same name gets a fresh, empty cache, as a new netns
// does. Only the learner's world carries one (the grader's probes leave nothing behind).

import type { Neighbour, Netns } from '../netns/types';

/** net.ipv4.neigh.default.base_reachable_time_ms: how long a confirmed entry stays REACHABLE. */
export const NEIGH_REACHABLE_MS = 30_000;

interface Learned {
  ip: string;
  dev: string;
  /** Absent: resolution failed (no reply to the kernel's mcast_solicit requests). */
  lladdr?: string;
  confirmedMs: number;
}

export class NeighbourCache {
  private readonly byNetns = new Map<string, Map<string, Learned>>();

  /** `netns` resolved `ip` on `dev` to `lladdr` at `nowMs` (an ARP reply, or an ARP request it answered). */
  learn(netns: Netns, ip: string, dev: string, lladdr: string, nowMs: number): void {
    const key = keyOf(netns);
    let table = this.byNetns.get(key);
    if (!table) this.byNetns.set(key, (table = new Map()));
    table.set(`${dev}/${ip}`, { ip, dev, lladdr, confirmedMs: nowMs });
  }

  /**
   * `netns` asked for `ip` on `dev` and nobody answered: the kernel marks the entry FAILED, with no
   * lladdr (`10.244.1.4 dev eth0 FAILED`), until a later resolution succeeds.
   */
  failed(netns: Netns, ip: string, dev: string, nowMs: number): void {
    const key = keyOf(netns);
    let table = this.byNetns.get(key);
    if (!table) this.byNetns.set(key, (table = new Map()));
    table.set(`${dev}/${ip}`, { ip, dev, confirmedMs: nowMs });
  }

  /** The netns' neighbour table as `ip neigh` lists it: the CNI's entries, then what traffic taught it. */
  table(netns: Netns, nowMs: number): Neighbour[] {
    const learned = this.byNetns.get(keyOf(netns));
    if (!learned) return netns.neighbours;
    const seen = new Set<string>();
    const merged = netns.neighbours.map((n) => {
      const l = learned.get(`${n.dev}/${n.ip}`);
      seen.add(`${n.dev}/${n.ip}`);
      return l && n.state !== 'PERMANENT' ? entry(l, nowMs) : n;
    });
    for (const [k, l] of learned) if (!seen.has(k)) merged.push(entry(l, nowMs));
    return merged;
  }
}

function keyOf(netns: Netns): string {
  return `${netns.id}#${netns.name ?? ''}`;
}

function entry(l: Learned, nowMs: number): Neighbour {
  if (l.lladdr === undefined) return { ip: l.ip, dev: l.dev, state: 'FAILED' };
  return { ip: l.ip, dev: l.dev, lladdr: l.lladdr, state: nowMs - l.confirmedMs < NEIGH_REACHABLE_MS ? 'REACHABLE' : 'STALE' };
}
