// The kernel's learned path MTUs: when an ICMP "fragmentation needed" comes back, Linux stores
// the next-hop MTU it names as an exception on the route to that destination (the route cache
// `ip route get` prints as `cache expires 597sec mtu 1380`), and TCP sends smaller segments to it
// from then on. The entry lives net.ipv4.route.mtu_expires seconds (600 by default), then the
// path is probed at the link's MTU again. Per netns (a pod learns for itself) and per destination.
// A next-hop MTU under min_pmtu is raised to it and locked (the route then carries `mtu lock 552`).
// Writing /proc/sys/net/ipv4/route/flush (`ip route flush cache`) bumps the netns's exception
// generation, which forgets every learned MTU of that netns at once.
// Sources: Documentation/networking/ip-sysctl.rst (mtu_expires, min_pmtu 552),
// net/ipv4/route.c (__ip_rt_update_pmtu, rt_mtu_locked, ipv4_sysctl_rtcache_flush: fnhe_genid_bump).

/** net.ipv4.route.mtu_expires: how long a learned PMTU stands, in seconds. */
export const PMTU_EXPIRES_S = 600;
/** net.ipv4.route.min_pmtu: the kernel never lowers a path's MTU below this. */
export const MIN_PMTU = 552;

export interface LearnedPmtu {
  mtu: number;
  expiresAtMs: number;
  /** Raised to min_pmtu from a smaller next-hop MTU: the kernel locks the metric. */
  locked?: boolean;
}

export type PmtuCacheState = Record<string, LearnedPmtu>;

export class PmtuCache {
  private entries: PmtuCacheState;

  constructor(state: PmtuCacheState = {}) {
    this.entries = { ...state };
  }

  /** The MTU learned for `dst` from `netns`, while it has not expired. */
  lookup(netns: string, dst: string, nowMs: number): LearnedPmtu | undefined {
    const entry = this.entries[key(netns, dst)];
    return entry && entry.expiresAtMs > nowMs ? entry : undefined;
  }

  /** An ICMP "fragmentation needed, next-hop MTU `mtu`" arrived at `netns` about `dst`. */
  learn(netns: string, dst: string, mtu: number, nowMs: number): LearnedPmtu {
    const expiresAtMs = nowMs + PMTU_EXPIRES_S * 1000;
    const entry: LearnedPmtu = mtu < MIN_PMTU ? { mtu: MIN_PMTU, expiresAtMs, locked: true } : { mtu, expiresAtMs };
    this.entries[key(netns, dst)] = entry;
    return entry;
  }

  /** `ip route flush cache` in `netns`: everything it learned is forgotten; other netns keep theirs. */
  flush(netns: string): void {
    for (const k of Object.keys(this.entries)) if (k.startsWith(`${netns}|`)) delete this.entries[k];
  }

  /** A copy, for a grader's probes: what they learn must not show in the learner's `ip route get`. */
  clone(): PmtuCache {
    return new PmtuCache(this.entries);
  }

  toJSON(): PmtuCacheState {
    return { ...this.entries };
  }
}

function key(netns: string, dst: string): string {
  return `${netns}|${dst}`;
}
