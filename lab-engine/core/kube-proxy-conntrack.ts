// The conntrack table size kube-proxy gives every node, one definition for the kernel model that
// enforces it (dataplane/conntrack) and the kube-proxy log that reports it (cluster/). At start
// kube-proxy sets nf_conntrack_max from its KubeProxyConfiguration: conntrack.maxPerCore (default
// 32768) times the node's cores, never below conntrack.min (default 131072)
// (cmd/kube-proxy/app/server_linux.go getConntrackMax; realConntracker.SetMax writes it whenever
// it differs, lowering the kernel's value as readily as raising it). maxPerCore 0 leaves it alone.

/** KubeProxyConntrackConfiguration's defaults. */
export const KUBE_PROXY_CONNTRACK_MAX_PER_CORE = 32_768;
export const KUBE_PROXY_CONNTRACK_MIN = 131_072;
/** The simulated nodes' CPUs (their status.capacity.cpu). */
export const NODE_CPU_CORES = 2;

export function kubeProxyConntrackMax(maxPerCore = KUBE_PROXY_CONNTRACK_MAX_PER_CORE, min = KUBE_PROXY_CONNTRACK_MIN, cores = NODE_CPU_CORES): number | undefined {
  if (maxPerCore <= 0) return undefined;
  return Math.max(maxPerCore * cores, min);
}
