// Derives the whole dataplane from the cluster: every node's root netns, then the CNI's own
// programming (calico, flannel, or kubenet with the cloud's route table), then the kernel's FIB order. A pure function of the cluster
// and the topology; `DataplaneCache` recomputes it only when the cluster's generation moved.

import type { Cluster } from '../../cluster/cluster';
import type { CniPlugin, FlannelBackend, TopologyOptions } from '../../core/topology';
import { sortRoutes } from '../netns/netns-builder';
import type { CloudRoute, Dataplane, Netns } from '../netns/types';
import { programCalico } from './calico';
import { clusterView, type ClusterView } from './cluster-view';
import { programFlannel } from './flannel';
import { CLOUD_VPC_MTU, programKubenet } from './kubenet';
import { buildNodeBase, NODE_GATEWAY, NODE_MTU } from './node-base';
import { randomMac } from './names';
import { KUBE_IPVS_DEVICE } from '../kube-proxy/ipvs';

export interface DataplaneOptions {
  cni: TopologyOptions['cni'];
  /** Calico only: encapsulate node-to-node pod traffic in IP-in-IP (the calico.yaml default, `CALICO_IPV4POOL_IPIP: Always`). */
  ipip?: boolean;
  /** Flannel only: `vxlan` (default) or `host-gw`. */
  flannelBackend?: FlannelBackend;
  /** The addresses kube-proxy binds to kube-ipvs0 on a node in IPVS mode; undefined in iptables mode. */
  ipvsAddresses?: (node: string) => readonly string[] | undefined;
}

export function buildDataplaneFromView(view: ClusterView, opts: DataplaneOptions): Dataplane {
  const nodes: Record<string, Netns> = {};
  for (const node of view.nodes) nodes[node.name] = buildNodeBase(node, view.nodes, nodeNetworkMtu(opts.cni));
  const pods: Record<string, Netns> = {};
  const ipip = opts.cni === 'calico' && opts.ipip !== false;
  let cloudRoutes: CloudRoute[] | undefined;
  switch (opts.cni) {
    case 'calico':
      programCalico(view, nodes, pods, ipip);
      break;
    case 'flannel':
      programFlannel(view, nodes, pods, opts.flannelBackend);
      break;
    case 'kubenet':
      cloudRoutes = programKubenet(view, nodes, pods);
      break;
    default: {
      const never: never = opts.cni;
      throw new Error(`unknown CNI ${String(never)}`);
    }
  }
  for (const [name, ns] of Object.entries(nodes)) {
    const addresses = opts.ipvsAddresses?.(name);
    if (addresses) addKubeIpvs0(ns, addresses);
  }
  for (const ns of [...Object.values(nodes), ...Object.values(pods)]) {
    ns.routes = sortRoutes(ns.routes);
    ns.links.sort((a, b) => a.ifindex - b.ifindex);
  }
  return { cni: opts.cni, ipip, nodes, pods, ...(cloudRoutes ? { cloud: { router: NODE_GATEWAY, routes: cloudRoutes } } : {}) };
}

/** The node network's MTU: kubenet stands for a cloud VPC (GCE: 1460); the others for a docker network. */
function nodeNetworkMtu(cni: CniPlugin): number {
  switch (cni) {
    case 'kubenet':
      return CLOUD_VPC_MTU;
    case 'calico':
    case 'flannel':
      return NODE_MTU;
    default: {
      const never: never = cni;
      throw new Error(`unknown CNI ${String(never)}`);
    }
  }
}

/** The builder's options as a topology states them (Calico's ipipMode, flannel's backend). */
export function dataplaneOptionsFor(topology: TopologyOptions): DataplaneOptions {
  return {
    cni: topology.cni,
    ...(topology.cni === 'calico' ? { ipip: topology.ipipMode !== 'Never' } : {}),
    ...(topology.cni === 'flannel' && topology.flannelBackend ? { flannelBackend: topology.flannelBackend } : {}),
  };
}

/**
 * kube-proxy's dummy device in IPVS mode: DOWN, NOARP, holding every Service address as a /32 so
 * the node accepts packets for them and IPVS can take them on INPUT.
 */
function addKubeIpvs0(ns: Netns, addresses: readonly string[]): void {
  const ifindex = Math.max(0, ...ns.links.map((l) => l.ifindex)) + 1;
  ns.links.push({ ifindex, name: KUBE_IPVS_DEVICE, kind: 'dummy', flags: ['BROADCAST', 'NOARP'], mtu: 1500, qdisc: 'noop', state: 'DOWN', qlen: 0, mac: randomMac(`kube-ipvs0/${ns.id}`) });
  for (const address of addresses) ns.addresses.push({ dev: KUBE_IPVS_DEVICE, family: 'inet', address, prefix: 32, scope: 'global' });
}

export function buildDataplane(cluster: Cluster, opts: DataplaneOptions): Dataplane {
  return buildDataplaneFromView(clusterView(cluster), opts);
}

/** Keeps one Dataplane per cluster generation, so many commands in a row share one build. */
export class DataplaneCache {
  private cached?: { generation: number; dataplane: Dataplane };

  constructor(
    private readonly cluster: Cluster,
    private readonly opts: DataplaneOptions,
  ) {}

  get(): Dataplane {
    const generation = this.cluster.generation();
    if (!this.cached || this.cached.generation !== generation) this.cached = { generation, dataplane: buildDataplane(this.cluster, this.opts) };
    return this.cached.dataplane;
  }
}
