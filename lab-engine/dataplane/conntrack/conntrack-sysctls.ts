// The conntrack sysctls a node's kernel holds under /proc/sys/net/netfilter, as one table's state:
// its size (nf_conntrack_max, also net.nf_conntrack_max) and the TIME_WAIT timeout, the two the
// table reads when it admits and ages a flow. One truth: the limit `create` enforces is the value
// `sysctl` prints and writes.
//
// The default is what kube-proxy leaves on a node: at start it sets nf_conntrack_max from its
// KubeProxyConfiguration (conntrack.maxPerCore, default 32768, times the node's cores; at least
// conntrack.min, default 131072: cmd/kube-proxy/app/server_linux.go getConntrackMax), whichever
// way that moves the kernel's own default (realConntracker.SetMax writes it whenever it differs).
// A simulated node has 2 cores: max(32768 × 2, 131072) = 131072, the value kube-proxy's log prints.

/** kube-proxy's defaults: KubeProxyConntrackConfiguration.maxPerCore and .min. */
export const KUBE_PROXY_CONNTRACK_MAX_PER_CORE = 32_768;
export const KUBE_PROXY_CONNTRACK_MIN = 131_072;
/** The simulated nodes' CPU count (kubectl describe node: cpu 2). */
export const NODE_CPU_CORES = 2;

/** getConntrackMax: maxPerCore × cores, never below min; 0 maxPerCore leaves the kernel's value alone. */
export function kubeProxyConntrackMax(maxPerCore = KUBE_PROXY_CONNTRACK_MAX_PER_CORE, min = KUBE_PROXY_CONNTRACK_MIN, cores = NODE_CPU_CORES): number | undefined {
  if (maxPerCore <= 0) return undefined;
  return Math.max(maxPerCore * cores, min);
}

/** What kube-proxy set on every node at start. */
export const DEFAULT_NF_CONNTRACK_MAX = kubeProxyConntrackMax() ?? KUBE_PROXY_CONNTRACK_MIN;

/**
 * nf_conntrack_buckets: since Linux 5.15 a machine with more than 4 GiB gets 262144 buckets.
 * kube-proxy writes hashsize only when it is below max / 4, so it stays.
 */
export const NF_CONNTRACK_BUCKETS = 262_144;

/** The kernel's nf_conntrack_tcp_timeout_time_wait. */
export const DEFAULT_TCP_TIMEOUT_TIME_WAIT = 120;

export interface ConntrackSysctls {
  /** nf_conntrack_max; 0 means no limit (the kernel skips the check). */
  max: number;
  /** nf_conntrack_tcp_timeout_time_wait, in seconds. */
  tcpTimeoutTimeWait: number;
  /** The kube-proxy start (`pod uid/startedAt`) that last set nf_conntrack_max: a new start sets it again. */
  kubeProxyStart?: string;
}

export function defaultConntrackSysctls(): ConntrackSysctls {
  return { max: DEFAULT_NF_CONNTRACK_MAX, tcpTimeoutTimeWait: DEFAULT_TCP_TIMEOUT_TIME_WAIT };
}
