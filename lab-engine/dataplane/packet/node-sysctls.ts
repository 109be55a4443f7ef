// The one store of a node's writable kernel parameters and the one table of which keys are
// writable and what the kernel accepts for each. sysctl (-w, -p, --system), /proc/sys writes, the
// conntrack table (nf_conntrack_max, the TIME_WAIT timeout), the SNAT port accounting and the
// load generators (the TIME_WAIT timeout) all read and write here:
//   - net.ipv4.ip_local_port_range: the ports the node's own sockets bind from (masquerade does not
//     read it, see conntrack/snat-ports.ts);
//   - net.netfilter.nf_conntrack_max (also served as net.nf_conntrack_max): the conntrack table's size;
//   - net.netfilter.nf_conntrack_tcp_timeout_time_wait: how long a closed connection's entry, and
//     so its NAT source port, stays taken.
// Values live per node, as /proc/sys/net does, and last as long as the session (a snapshot keeps
// them); a rebooted node would lose them, as it loses any sysctl not written to /etc/sysctl.d.
// Only values a learner (or kube-proxy's start) moved away from the default are stored.

import { LOCAL_PORT_RANGE_HIGH, LOCAL_PORT_RANGE_LOW } from '../../core/local-port-range';
import { DEFAULT_NF_CONNTRACK_MAX, DEFAULT_TCP_TIMEOUT_TIME_WAIT, type ConntrackSysctls } from '../conntrack/conntrack-sysctls';

/** net.ipv4.ip_unprivileged_port_start's default: the lowest port ip_local_port_range may start at. */
const UNPRIVILEGED_PORT_START = 1024;
const PORT_MAX = 65_535;
const INT_MAX = 2_147_483_647;
/** Ubuntu's kernels run at CONFIG_HZ=1000: proc_dointvec_jiffies refuses seconds above INT_MAX / HZ. */
const HZ = 1000;
/** proc_dointvec's text: optional blanks, an optional +, digits. */
const UNSIGNED_INT = /^\+?\d{1,10}$/;

export const WRITABLE_SYSCTLS = ['net.ipv4.ip_local_port_range', 'net.netfilter.nf_conntrack_max', 'net.netfilter.nf_conntrack_tcp_timeout_time_wait', 'net.ipv4.ip_forward'] as const;
export type WritableSysctl = (typeof WRITABLE_SYSCTLS)[number];

/** Other names the kernel serves for the same value (the pre-namespace net.nf_conntrack_max). */
const ALIASES: Readonly<Record<string, WritableSysctl>> = { 'net.nf_conntrack_max': 'net.netfilter.nf_conntrack_max' };

/** node → key → value as `sysctl` prints it. */
export type NodeSysctlState = Record<string, Partial<Record<WritableSysctl, string>>>;

export const SYSCTL_DEFAULTS: Readonly<Record<WritableSysctl, string>> = {
  'net.ipv4.ip_local_port_range': `${LOCAL_PORT_RANGE_LOW}\t${LOCAL_PORT_RANGE_HIGH}`,
  'net.netfilter.nf_conntrack_max': String(DEFAULT_NF_CONNTRACK_MAX),
  'net.netfilter.nf_conntrack_tcp_timeout_time_wait': String(DEFAULT_TCP_TIMEOUT_TIME_WAIT),
  // kubeadm's preflight wants it, and /etc/sysctl.d/k8s.conf sets it on every node.
  'net.ipv4.ip_forward': '1',
};

/** The writable key a name stands for (an alias resolved), or undefined for any other key. */
export function writableSysctl(key: string): WritableSysctl | undefined {
  return (WRITABLE_SYSCTLS as readonly string[]).includes(key) ? (key as WritableSysctl) : ALIASES[key];
}

export function isWritableSysctl(key: string): key is WritableSysctl {
  return (WRITABLE_SYSCTLS as readonly string[]).includes(key);
}

/** Every name a writable key is served under (itself and its aliases). */
export function sysctlNames(key: WritableSysctl): string[] {
  return [key, ...Object.keys(ALIASES).filter((a) => ALIASES[a] === key)];
}

/**
 * The value the kernel would store, or its EINVAL (`sysctl: setting key "...": Invalid argument`):
 * - ip_local_port_range: two numbers, high not below low, low not below ip_unprivileged_port_start
 *   (1024) and high at most 65535 (ipv4_local_port_range() in net/ipv4/sysctl_net_ipv4.c);
 * - nf_conntrack_max: proc_dointvec_minmax between SYSCTL_ZERO and SYSCTL_INT_MAX
 *   (nf_conntrack_standalone.c); 0 means no limit;
 * - the TIME_WAIT timeout: proc_dointvec_jiffies, whole seconds up to INT_MAX / HZ.
 */
export function normaliseSysctl(key: WritableSysctl, raw: string): { value: string } | { error: 'invalid' } {
  const parts = raw.trim().split(/\s+/);
  switch (key) {
    case 'net.ipv4.ip_local_port_range': {
      const [lo, hi] = parts.map(Number);
      if (parts.length !== 2 || !Number.isInteger(lo) || !Number.isInteger(hi) || lo < UNPRIVILEGED_PORT_START || hi > PORT_MAX || hi < lo) return { error: 'invalid' };
      return { value: `${lo}\t${hi}` };
    }
    case 'net.netfilter.nf_conntrack_max': {
      if (parts.length !== 1 || !UNSIGNED_INT.test(parts[0]) || Number(parts[0]) > INT_MAX) return { error: 'invalid' };
      return { value: String(Number(parts[0])) };
    }
    case 'net.netfilter.nf_conntrack_tcp_timeout_time_wait': {
      if (parts.length !== 1 || !UNSIGNED_INT.test(parts[0]) || Number(parts[0]) > Math.floor(INT_MAX / HZ)) return { error: 'invalid' };
      return { value: String(Number(parts[0])) };
    }
    case 'net.ipv4.ip_forward': {
      // devinet_sysctl_forward takes any int (proc_dointvec); non-zero turns forwarding on.
      if (parts.length !== 1 || !/^[+-]?\d{1,10}$/.test(parts[0]) || Math.abs(Number(parts[0])) > INT_MAX) return { error: 'invalid' };
      return { value: String(Number(parts[0])) };
    }
    default: {
      const never: never = key;
      return never;
    }
  }
}

export class NodeSysctls {
  private values: NodeSysctlState = {};
  /** Per node, the kube-proxy start (`pod uid/startedAt`) that last set nf_conntrack_max: a new start sets it again. */
  private kubeProxyStarts: Record<string, string> = {};

  get(node: string, key: WritableSysctl): string {
    return this.values[node]?.[key] ?? SYSCTL_DEFAULTS[key];
  }

  /** Stores a value already normalised; the default itself is not kept, so an untouched node stays out of snapshots. */
  set(node: string, key: WritableSysctl, value: string): void {
    const mine = (this.values[node] ??= {});
    if (value === SYSCTL_DEFAULTS[key]) delete mine[key];
    else mine[key] = value;
    if (Object.keys(mine).length === 0) delete this.values[node];
  }

  /** A write as the kernel takes it: validated, normalised, stored. */
  write(node: string, key: WritableSysctl, raw: string): { ok: true; value: string } | { ok: false; error: 'invalid' } {
    const v = normaliseSysctl(key, raw);
    if ('error' in v) return { ok: false, error: 'invalid' };
    this.set(node, key, v.value);
    return { ok: true, value: v.value };
  }

  /** nf_conntrack_tcp_timeout_time_wait on the node, in seconds. */
  timeWaitSeconds(node: string): number {
    return Number(this.get(node, 'net.netfilter.nf_conntrack_tcp_timeout_time_wait'));
  }

  /** net.ipv4.ip_forward on the node: whether it routes packets that are not its own. */
  forwarding(node: string): boolean {
    return Number(this.get(node, 'net.ipv4.ip_forward')) !== 0;
  }

  /** nf_conntrack_max on the node; 0 means no limit. */
  conntrackMax(node: string): number {
    return Number(this.get(node, 'net.netfilter.nf_conntrack_max'));
  }

  /** The node's conntrack sysctls as its table reads and writes them: a live view of this store, not a copy. */
  conntrackView(node: string): ConntrackSysctls {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the view's accessors need the store, not the view
    const store = this;
    return {
      get max() {
        return store.conntrackMax(node);
      },
      set max(n: number) {
        store.set(node, 'net.netfilter.nf_conntrack_max', String(n));
      },
      get tcpTimeoutTimeWait() {
        return store.timeWaitSeconds(node);
      },
      set tcpTimeoutTimeWait(n: number) {
        store.set(node, 'net.netfilter.nf_conntrack_tcp_timeout_time_wait', String(n));
      },
    };
  }

  /**
   * kube-proxy sets nf_conntrack_max once, when it starts (realConntracker.SetMax): a container
   * start not seen before overwrites whatever sysctl -w or a re-read left. False: already seen.
   */
  kubeProxyStarted(node: string, start: string, max: number): boolean {
    if (this.kubeProxyStarts[node] === start) return false;
    this.kubeProxyStarts[node] = start;
    this.set(node, 'net.netfilter.nf_conntrack_max', String(max));
    return true;
  }

  toJSON(): NodeSysctlState {
    return structuredClone(this.values);
  }

  /** The kube-proxy starts already applied, for a snapshot (a restored session must not re-apply one over a learner's write). */
  kubeProxyStartsJSON(): Record<string, string> {
    return { ...this.kubeProxyStarts };
  }

  restore(state: NodeSysctlState, kubeProxyStarts: Record<string, string> = {}): void {
    this.values = structuredClone(state);
    this.kubeProxyStarts = { ...kubeProxyStarts };
  }
}
