// The kernel parameters a learner may change on a node with `sysctl -w`, and what the node's
// kernel then reads: the conntrack TIME_WAIT timeout (how long a closed connection's NAT tuple,
// and so its source port, stays taken) and ip_local_port_range (the ports the node's own sockets
// bind from; masquerade does not read it, see conntrack/snat-ports.ts). Values live per node, as
// /proc/sys/net does, and last as long as the session (a snapshot keeps them); a rebooted node
// would lose them, as it loses any sysctl not written to /etc/sysctl.d.

import { TCP_TIMEOUT_SECONDS } from '../conntrack/conntrack';

/** net.ipv4.ip_unprivileged_port_start's default: the lowest port ip_local_port_range may start at. */
const UNPRIVILEGED_PORT_START = 1024;

export const WRITABLE_SYSCTLS = ['net.ipv4.ip_local_port_range', 'net.netfilter.nf_conntrack_tcp_timeout_time_wait'] as const;
export type WritableSysctl = (typeof WRITABLE_SYSCTLS)[number];

/** node → key → value as `sysctl` prints it. */
export type NodeSysctlState = Record<string, Partial<Record<WritableSysctl, string>>>;

export const SYSCTL_DEFAULTS: Readonly<Record<WritableSysctl, string>> = {
  'net.ipv4.ip_local_port_range': '32768\t60999',
  'net.netfilter.nf_conntrack_tcp_timeout_time_wait': String(TCP_TIMEOUT_SECONDS.TIME_WAIT),
};

export function isWritableSysctl(key: string): key is WritableSysctl {
  return (WRITABLE_SYSCTLS as readonly string[]).includes(key);
}

/**
 * The value the kernel would store, or an error in its words (`sysctl: setting key "...": Invalid
 * argument`). ip_local_port_range wants two numbers, high not below low, low not below
 * ip_unprivileged_port_start (1024) and high at most 65535 (ipv4_local_port_range() in
 * net/ipv4/sysctl_net_ipv4.c answers EINVAL otherwise); the timeout a non-negative number of seconds.
 */
export function normaliseSysctl(key: WritableSysctl, raw: string): { value: string } | { error: 'invalid' } {
  const parts = raw.trim().split(/\s+/);
  switch (key) {
    case 'net.ipv4.ip_local_port_range': {
      const [lo, hi] = parts.map(Number);
      if (parts.length !== 2 || !Number.isInteger(lo) || !Number.isInteger(hi) || lo < UNPRIVILEGED_PORT_START || hi > 65535 || hi < lo) return { error: 'invalid' };
      return { value: `${lo}\t${hi}` };
    }
    case 'net.netfilter.nf_conntrack_tcp_timeout_time_wait': {
      const n = Number(parts[0]);
      if (parts.length !== 1 || !Number.isInteger(n) || n < 0 || n > 2_147_483) return { error: 'invalid' };
      return { value: String(n) };
    }
    default: {
      const never: never = key;
      return never;
    }
  }
}

export class NodeSysctls {
  private values: NodeSysctlState = {};

  get(node: string, key: WritableSysctl): string {
    return this.values[node]?.[key] ?? SYSCTL_DEFAULTS[key];
  }

  set(node: string, key: WritableSysctl, value: string): void {
    (this.values[node] ??= {})[key] = value;
  }

  /** nf_conntrack_tcp_timeout_time_wait on the node, in seconds. */
  timeWaitSeconds(node: string): number {
    return Number(this.get(node, 'net.netfilter.nf_conntrack_tcp_timeout_time_wait'));
  }

  toJSON(): NodeSysctlState {
    return structuredClone(this.values);
  }

  restore(state: NodeSysctlState): void {
    this.values = structuredClone(state);
  }
}
