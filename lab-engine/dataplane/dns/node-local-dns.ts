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
import type { ListeningSocket } from '../apps/listeners';
import { NODE_CACHE_DNS_PORT, NODE_CACHE_HEALTH_PORT } from './node-local-dns-rules';

/** The Corefile's `prometheus :9253`. */
export const NODE_CACHE_METRICS_PORT = 9253;

/** The link-local address the addon's manifest suggests. */
export const NODE_LOCAL_DNS_IP = '169.254.20.10';

/** The addresses a running node-cache on `node` answers on; empty when there is none. */
export function nodeLocalAddresses(cluster: Cluster, node: string | undefined): string[] {
  const args = cacheArgs(cluster, node);
  if (!args) return [];
  const value = flagValue(args, 'localip');
  if (value === undefined) return [NODE_LOCAL_DNS_IP];
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

/** The Service whose ClusterIP the cache forwards misses to (`-upstreamsvc`, node-cache's default `kube-dns`). */
export function nodeCacheUpstreamService(cluster: Cluster, node: string): string {
  return flagValue(cacheArgs(cluster, node) ?? [], 'upstreamsvc') ?? 'kube-dns';
}

/** The running node-cache container's command line on `node`; undefined when there is none. */
function cacheArgs(cluster: Cluster, node: string | undefined): string[] | undefined {
  if (!node) return undefined;
  const cache = cluster.list('pods', 'kube-system').find((p) => p.spec.nodeName === node && p.status.phase === 'Running' && cacheContainer(p) !== undefined);
  const c = cache && cacheContainer(cache);
  return c ? [...(c.command ?? []), ...(c.args ?? [])] : undefined;
}

/** Go's flag package: `-name value`, `--name value`, `-name=value`. */
function flagValue(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i].replace(/^--?/, '');
    if (a === name) return args[i + 1];
    if (a.startsWith(`${name}=`) && args[i].startsWith('-')) return a.slice(name.length + 1);
  }
  return undefined;
}

/** node-cache's sockets on its node: DNS on each local address, the health plugin on the first, metrics on every address. */
export function nodeCacheSockets(cluster: Cluster, node: string): ListeningSocket[] {
  const addresses = nodeLocalAddresses(cluster, node);
  if (!addresses.length) return [];
  const socket = (protocol: 'tcp' | 'udp', address: string, port: number): ListeningSocket => ({ protocol, address, port, process: 'node-cache', container: 'node-cache' });
  return [
    ...addresses.flatMap((a) => [socket('udp', a, NODE_CACHE_DNS_PORT), socket('tcp', a, NODE_CACHE_DNS_PORT)]),
    socket('tcp', addresses[0], NODE_CACHE_HEALTH_PORT),
    socket('tcp', '*', NODE_CACHE_METRICS_PORT),
  ];
}

function cacheContainer(pod: Pod) {
  return pod.spec.containers.find((c) => imageProfile(c.image)?.dns === 'node-cache');
}
