// Derives the whole dataplane from the cluster: every node's root netns on the node network, then
// the topology's CNI plugin programs nodes and pods (and says what the cloud must route for it),
// then kube-proxy's IPVS dummy device and NodeLocal DNSCache's, then the kernel's FIB order. A pure function of the cluster
// and the options; `DataplaneCache` recomputes it only when the cluster's generation moved.

import type { Cluster } from '../../cluster/cluster';
import type { CniName, TopologyOptions } from '../../core/topology';
import { sortRoutes } from '../netns/netns-builder';
import type { Dataplane, Netns } from '../netns/types';
import type { CniPlugin } from './cni-plugin';
import { cniClusterView, type CniClusterView, type PodView } from './cluster-view';
import type { BridgePortFlags } from './bridge-ports';
import { CNI_PLUGINS, cniPlugin } from './index';
import { buildNodeBase, NODE_GATEWAY } from './node-base';
import { randomMac } from './names';
import { KUBE_IPVS_DEVICE } from '../kube-proxy/ipvs';
import { addNodeLocalDnsDevice } from '../dns/node-local-dns-device';

/** A plugin's own builder options (calico: `{ ipip?: boolean }`), as its entry in the table declares them. */
type OptionsOf<N extends CniName> = (typeof CNI_PLUGINS)[N] extends CniPlugin<infer O> ? O : never;

/** `{ cni: 'calico', ipip: false }`, `{ cni: 'flannel', flannelBackend: 'host-gw' }`, `{ cni: 'kubenet' }`... */
export type DataplaneOptions = { [N in CniName]: { cni: N } & Partial<OptionsOf<N>> }[CniName] & {
  /** The addresses kube-proxy binds to kube-ipvs0 on a node in IPVS mode; undefined in iptables mode. */
  ipvsAddresses?: (node: string) => readonly string[] | undefined;
  /** The addresses a running NodeLocal DNSCache binds to its `nodelocaldns` device on a node; empty without one. */
  nodeLocalDnsAddresses?: (node: string) => readonly string[];
  /** The flags recorded for a pod's veth port when its sandbox was created (bridge-ports.ts); undefined: the plugin's default. */
  portFlags?: (pod: PodView) => BridgePortFlags | undefined;
};

export function buildDataplaneFromView(view: CniClusterView, opts: DataplaneOptions): Dataplane {
  const plugin = cniPlugin(opts.cni);
  const nodes: Record<string, Netns> = {};
  for (const node of view.nodes) nodes[node.name] = buildNodeBase(node, view.nodes, plugin.nodeNetworkMtu);
  const pods: Record<string, Netns> = {};
  const { cloudRoutes } = plugin.program(view, { nodes, pods }, opts);
  if (opts.portFlags) applyPortFlags(view, nodes, pods, opts.portFlags);
  for (const [name, ns] of Object.entries(nodes)) {
    const addresses = opts.ipvsAddresses?.(name);
    if (addresses) addKubeIpvs0(ns, addresses);
    addNodeLocalDnsDevice(ns, opts.nodeLocalDnsAddresses?.(name) ?? []);
  }
  for (const ns of [...Object.values(nodes), ...Object.values(pods)]) {
    ns.routes = sortRoutes(ns.routes);
    ns.links.sort((a, b) => a.ifindex - b.ifindex);
  }
  return { cni: opts.cni, nodes, pods, ...(cloudRoutes ? { cloud: { router: NODE_GATEWAY, routes: cloudRoutes } } : {}) };
}

/** Each pod's veth port as its sandbox left it: the hairpin_mode the bridge plugin set then (or set since by hand), and the MTU its config gave the pair. */
function applyPortFlags(view: CniClusterView, nodes: Record<string, Netns>, pods: Record<string, Netns>, flagsOf: (pod: PodView) => BridgePortFlags | undefined): void {
  for (const pod of view.pods) {
    const flags = flagsOf(pod);
    if (!flags) continue;
    const hostEnd = nodes[pod.node]?.links.find((l) => l.peer?.netns === `pod/${pod.key}`);
    if (hostEnd?.master) hostEnd.hairpin = flags.hairpin;
    if (hostEnd?.master && flags.isolated) hostEnd.isolated = true;
    if (flags.mtu === undefined || !hostEnd?.peer) continue;
    // Both ends of the pair: the plugin sets the MTU on each when it creates it.
    hostEnd.mtu = flags.mtu;
    const podEnd = pods[pod.key]?.links.find((l) => l.ifindex === hostEnd.peer?.ifindex);
    if (podEnd) podEnd.mtu = flags.mtu;
  }
}

/** The builder's options as a topology states them, through the topology's plugin (Calico's ipipMode, flannel's backend). */
export function dataplaneOptionsFor(topology: TopologyOptions): DataplaneOptions {
  // The plugin named by `cni` made the options: they are that plugin's, as the union pairs them.
  return { cni: topology.cni, ...cniPlugin(topology.cni).optionsFor(topology) } as DataplaneOptions;
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
  return buildDataplaneFromView(cniClusterView(cluster), opts);
}

/** Keeps one Dataplane per cluster generation (and revision of the bridge ports), so many commands in a row share one build. */
export class DataplaneCache {
  private cached?: { generation: string; dataplane: Dataplane };

  constructor(
    private readonly cluster: Cluster,
    private readonly opts: DataplaneOptions,
    /** State beside the cluster that the build reads (bridge ports' flags, hand-made devices): its changes rebuild too. */
    private readonly revision: () => number = () => 0,
    /** What is laid over each build: the learner's hand-made namespaces and devices (netns/hand-built). */
    private readonly overlay: (dp: Dataplane) => void = () => undefined,
  ) {}

  get(): Dataplane {
    const generation = `${this.cluster.generation()}/${this.revision()}`;
    if (!this.cached || this.cached.generation !== generation) {
      const dataplane = buildDataplane(this.cluster, this.opts);
      this.overlay(dataplane);
      this.cached = { generation, dataplane };
    }
    return this.cached.dataplane;
  }
}
