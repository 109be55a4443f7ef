// What the CNIs need from the cluster: nodes with their InternalIP and podCIDR, and every pod
// sandbox that has a network namespace (scheduled, addressed, not hostNetwork), in the order the
// sandboxes were created (which is the order the kernel handed out interface indexes).

import type { Cluster } from '../../cluster/cluster';
import { parseCidr, mustParseIPv4 } from '../../kube/ipv4';
import type { FelixConfigurationSpec } from '../../kube/types';
import type { CloudRoute } from '../netns/types';

export interface NodeView {
  name: string;
  internalIP: string;
  podCIDR: string;
}

export interface PodView {
  /** namespace/name */
  key: string;
  namespace: string;
  name: string;
  /**
   * Seeds the pod's random-looking names (veth, MACs, netns): namespace, name, creation time and IP,
   * so a recreated pod gets new ones, yet they do not shift when unrelated code draws from the PRNG.
   */
  uid: string;
  node: string;
  ip: string;
}

export interface CniClusterView {
  nodes: NodeView[];
  pods: PodView[];
  /**
   * Per node, the DaemonSets (`namespace/name`) whose pod there is Running with every container
   * ready: the node agents a plugin depends on (a BGP speaker, a route daemon). Absent in views
   * built by hand in tests, where every agent counts as running.
   */
  runningDaemonSets?: Readonly<Record<string, readonly string[]>>;
  /** Calico's FelixConfigurations (`default`, `node.<name>`): the settings Felix acts on. */
  felixConfigurations?: readonly { name: string; spec: FelixConfigurationSpec }[];
  /**
   * The cloud's VPC route table as the route controller left it (cluster/cloud-routes): a node
   * whose route it could not create has none. Absent in views built by hand in tests and on
   * clusters whose route table the model does not track: every node with a podCIDR has its route.
   */
  cloudRoutes?: readonly CloudRoute[];
  /** Per node, per DaemonSet (`namespace/name`), its pod's literal environment there: node agents read settings from it. */
  daemonSetEnv?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, string>>>>>>;
}

export function cniClusterView(cluster: Cluster): CniClusterView {
  const nodes = cluster.list('nodes').map((n) => ({
    name: n.metadata.name,
    internalIP: n.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '',
    podCIDR: n.spec.podCIDR,
  }));
  const sandboxes: { at: string; pod: PodView }[] = [];
  for (const p of cluster.list('pods')) {
    if (p.spec.hostNetwork || !p.spec.nodeName || !p.status.podIP) continue;
    const sandbox = p.status.conditions?.find((c) => c.type === 'PodReadyToStartContainers')?.lastTransitionTime;
    sandboxes.push({
      at: sandbox ?? p.metadata.creationTimestamp,
      pod: {
        key: `${p.metadata.namespace}/${p.metadata.name}`,
        namespace: p.metadata.namespace ?? 'default',
        name: p.metadata.name,
        uid: `${p.metadata.namespace}/${p.metadata.name}/${p.metadata.creationTimestamp}/${p.status.podIP}`,
        node: p.spec.nodeName,
        ip: p.status.podIP,
      },
    });
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  sandboxes.sort((a, b) => order(a.at, b.at) || order(a.pod.key, b.pod.key));
  const felixConfigurations = cluster.list('felixconfigurations').map((f) => ({ name: f.metadata.name, spec: f.spec }));
  const table = cluster.cloudRouteTable();
  const cloudRoutes = table?.routes().map((r) => ({ destRange: r.destRange, nextHopIp: r.nextHopIp, node: r.nextHopNode }));
  return { nodes, pods: sandboxes.map((s) => s.pod), runningDaemonSets: runningDaemonSets(cluster), felixConfigurations, daemonSetEnv: daemonSetEnv(cluster), ...(cloudRoutes ? { cloudRoutes } : {}) };
}

function daemonSetEnv(cluster: Cluster): Record<string, Record<string, Record<string, string>>> {
  const byNode: Record<string, Record<string, Record<string, string>>> = {};
  for (const p of cluster.list('pods')) {
    const owner = p.metadata.ownerReferences?.find((o) => o.kind === 'DaemonSet');
    if (!owner || !p.spec.nodeName || p.metadata.deletionTimestamp) continue;
    const env: Record<string, string> = {};
    for (const c of p.spec.containers) for (const e of c.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
    (byNode[p.spec.nodeName] ??= {})[`${p.metadata.namespace ?? 'default'}/${owner.name}`] = env;
  }
  return byNode;
}

function runningDaemonSets(cluster: Cluster): Record<string, string[]> {
  const byNode: Record<string, string[]> = {};
  for (const p of cluster.list('pods')) {
    const owner = p.metadata.ownerReferences?.find((o) => o.kind === 'DaemonSet');
    if (!owner || !p.spec.nodeName || p.status.phase !== 'Running' || p.metadata.deletionTimestamp) continue;
    const ready = p.status.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    if (ready) (byNode[p.spec.nodeName] ??= []).push(`${p.metadata.namespace ?? 'default'}/${owner.name}`);
  }
  return byNode;
}

/**
 * The host-side veth's ifindex. The kernel hands indexes out in creation order and never reuses
 * them soon; host-local IPAM does the same with addresses (.2, .3, ... never the one just freed).
 * Deriving the index from the IP's offset in the node's range gives both properties without
 * keeping state: a deleted pod leaves a gap, and the others keep their numbers.
 */
export function hostIfindex(firstIndex: number, podCIDR: string, ip: string): number {
  const offset = mustParseIPv4(ip) - parseCidr(podCIDR).network;
  return firstIndex + Math.max(0, offset - 2);
}
