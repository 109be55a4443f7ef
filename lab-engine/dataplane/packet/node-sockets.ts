// Sockets in a node's root netns: the node's own daemons (sshd, kubelet, kube-proxy, and on the
// control plane the API server and etcd), kube-proxy's health check servers for Local
// LoadBalancer Services, plus the listeners of its hostNetwork pods (NodeLocal DNSCache's bound to its addresses).

import type { Cluster } from '../../cluster/cluster';
import { listeningSockets, type ListeningSocket } from '../apps/listeners';
import { serviceHealthServers } from '../kube-proxy/service-health';
import { nodeCacheSockets } from '../dns/node-local-dns';

const NODE_DAEMONS: readonly Omit<ListeningSocket, 'container'>[] = [
  { protocol: 'tcp', address: '0.0.0.0', port: 22, process: 'sshd' },
  { protocol: 'tcp', address: '*', port: 10250, process: 'kubelet' },
  { protocol: 'tcp', address: '127.0.0.1', port: 10248, process: 'kubelet' },
  { protocol: 'tcp', address: '127.0.0.1', port: 10249, process: 'kube-proxy' },
  { protocol: 'tcp', address: '*', port: 10256, process: 'kube-proxy' },
];

const CONTROL_PLANE_DAEMONS: readonly Omit<ListeningSocket, 'container'>[] = [
  { protocol: 'tcp', address: '*', port: 6443, process: 'kube-apiserver' },
  { protocol: 'tcp', address: '*', port: 2379, process: 'etcd' },
  { protocol: 'tcp', address: '*', port: 2380, process: 'etcd' },
  { protocol: 'tcp', address: '127.0.0.1', port: 10257, process: 'kube-controller' },
  { protocol: 'tcp', address: '127.0.0.1', port: 10259, process: 'kube-scheduler' },
];

export function nodeSockets(cluster: Cluster, node: string): ListeningSocket[] {
  const n = cluster.get('nodes', undefined, node);
  if (!n) return [];
  const controlPlane = n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined;
  const daemons = [...NODE_DAEMONS, ...(controlPlane ? CONTROL_PLANE_DAEMONS : [])].map((d) => ({ ...d, container: '' }));
  // kube-proxy listens on each healthCheckNodePort on all addresses (nodePortAddresses unset).
  const healthChecks = serviceHealthServers(cluster, node).map((s) => ({ protocol: 'tcp' as const, address: '0.0.0.0' as const, port: s.port, process: 'kube-proxy', container: '' }));
  const hostPods = cluster.list('pods').filter((p) => p.spec.hostNetwork && p.spec.nodeName === node);
  return [...daemons, ...healthChecks, ...hostPods.flatMap((p) => listeningSockets(p)), ...nodeCacheSockets(cluster, node)];
}
