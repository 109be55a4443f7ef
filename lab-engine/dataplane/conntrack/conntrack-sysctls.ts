// The conntrack sysctls a node's kernel holds under /proc/sys/net/netfilter, as the table reads
// them: its size (nf_conntrack_max, also net.nf_conntrack_max) and the TIME_WAIT timeout, the two
// it reads when it admits and ages a flow, and their defaults. The values themselves live in the
// node's one sysctl store (packet/node-sysctls.ts), which hands a table a live view of them: the
// limit `create` enforces is the value `sysctl` and /proc/sys print and write.
//
// The default is what kube-proxy leaves on a node (core/kube-proxy-conntrack.ts): a simulated
// node has 2 cores, so max(32768 × 2, 131072) = 131072, the value kube-proxy's log prints.

import { KUBE_PROXY_CONNTRACK_MIN, kubeProxyConntrackMax } from '../../core/kube-proxy-conntrack';

export { kubeProxyConntrackMax };

/** What kube-proxy set on every node at start. */
export const DEFAULT_NF_CONNTRACK_MAX = kubeProxyConntrackMax() ?? KUBE_PROXY_CONNTRACK_MIN;

/**
 * nf_conntrack_buckets: since Linux 5.15 a machine with 1–4 GiB of memory gets 65536 buckets
 * (nf_conntrack_init_start; the nodes report 4015104Ki), and the kernel's own nf_conntrack_max is
 * the same figure until kube-proxy sets its own. kube-proxy writes hashsize only when it is below
 * max / 4 (32768), so it stays.
 */
export const NF_CONNTRACK_BUCKETS = 65_536;

/** The kernel's nf_conntrack_tcp_timeout_time_wait. */
export const DEFAULT_TCP_TIMEOUT_TIME_WAIT = 120;

export interface ConntrackSysctls {
  /** nf_conntrack_max; 0 means no limit (the kernel skips the check). */
  max: number;
  /** nf_conntrack_tcp_timeout_time_wait, in seconds. */
  tcpTimeoutTimeWait: number;
}

/** A table's sysctls when it stands alone (a unit test's table): a node's table reads the node's store. */
export function defaultConntrackSysctls(): ConntrackSysctls {
  return { max: DEFAULT_NF_CONNTRACK_MAX, tcpTimeoutTimeWait: DEFAULT_TCP_TIMEOUT_TIME_WAIT };
}
