// NodeLocal DNSCache (kubernetes/dns, cmd/node-cache; the nodelocaldns.yaml addon): the
// node-local-dns DaemonSet in kube-system runs a cache on every node, on the host network. Its
// `-localip` lists the addresses it binds on the node's dummy `nodelocaldns` interface; in
// kube-proxy's iptables mode that is `169.254.20.10,<kube-dns ClusterIP>`, so pods that still ask
// 10.96.0.10 reach it too, and it adds NOTRACK rules (raw table) for them: the queries never get a
// conntrack entry and never meet kube-proxy's DNAT. In IPVS mode it can bind only the link-local
// address, and pods use it once kubelet's clusterDNS (or their dnsConfig) names 169.254.20.10.
// The cache forwards misses to CoreDNS over TCP (`force_tcp`).

import type { Cluster } from '../../cluster/cluster';
import type { Pod } from '../../kube/types';
import { imageProfile } from '../apps/images';

/** The link-local address the addon's manifest suggests. */
export const NODE_LOCAL_DNS_IP = '169.254.20.10';

/** The addresses a running node-cache on `node` answers on; empty when there is none. */
export function nodeLocalAddresses(cluster: Cluster, node: string | undefined): string[] {
  if (!node) return [];
  const cache = cluster.list('pods', 'kube-system').find((p) => p.spec.nodeName === node && p.status.phase === 'Running' && cacheContainer(p) !== undefined);
  if (!cache) return [];
  const args = [...(cacheContainer(cache)?.command ?? []), ...(cacheContainer(cache)?.args ?? [])];
  const at = args.findIndex((a) => a === '-localip' || a === '--localip' || a.startsWith('-localip=') || a.startsWith('--localip='));
  if (at < 0) return [NODE_LOCAL_DNS_IP];
  const value = args[at].includes('=') ? args[at].split('=')[1] : args[at + 1] ?? '';
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

function cacheContainer(pod: Pod) {
  return pod.spec.containers.find((c) => imageProfile(c.image)?.dns === 'node-cache');
}
