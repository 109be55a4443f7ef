// What each node's kernel holds beyond its interfaces and routes: the netfilter tables and IPVS
// virtual servers kube-proxy programmed from the Services and EndpointSlices it saw, the
// conntrack table, and the `-m recent` lists of ClientIP affinity. The tables are a pure function
// of the cluster, so they are cached per cluster generation and per node; conntrack and affinity
// memory are state that lives as long as the session.

import type { Cluster } from '../../cluster/cluster';
import { POD_NETWORK_CIDR, SERVICE_CIDR } from '../../core/cluster-plan';
import type { TopologyOptions } from '../../core/topology';
import { ConntrackTable } from '../conntrack/conntrack';
import { buildIpsets, buildServicePorts, ipvsNodeTables, kubeletOnlyNodeTables, nodeTables, syncIpvsIptablesRules, syncIptablesRules, syncIpvs, type IpvsState, type NodeIpsets, type NodeTables, type ProxyNode, type RecentLists } from '../kube-proxy';
import { syncNftables, type NftTable } from '../kube-proxy/nftables';

import { namespaced } from '../../kube/namespaced';

export type ProxyMode = TopologyOptions['proxyMode'];

interface ProgrammedNode {
  mode: ProxyMode;
  tables: NodeTables;
  ipvs?: IpvsState;
  /** IPVS mode's ipsets (`ipset list`), which its iptables rules match against. */
  ipsets?: NodeIpsets;
  /** nftables mode's `table ip kube-proxy` (`nft list table ip kube-proxy`). */
  nft?: NftTable;
}

export class NodeRuntimes {
  private generation = -1;
  private readonly programmed = new Map<string, ProgrammedNode>();
  private readonly conntrackTables = new Map<string, ConntrackTable>();
  private readonly recentLists = new Map<string, RecentLists>();
  private readonly affinitySets = new Map<string, Map<string, Map<string, number>>>();

  constructor(
    private readonly cluster: Cluster,
    /** kube-proxy's mode on a node. */
    private readonly modeOf: (node: string) => ProxyMode,
  ) {}

  /** The node's kernel state as kube-proxy left it after its last sync. */
  node(name: string): ProgrammedNode {
    if (this.cluster.generation() !== this.generation) {
      this.programmed.clear();
      this.generation = this.cluster.generation();
    }
    let p = this.programmed.get(name);
    if (!p) {
      p = this.program(name);
      this.programmed.set(name, p);
    }
    return p;
  }

  mode(node: string): ProxyMode {
    return this.modeOf(node);
  }

  conntrack(node: string): ConntrackTable {
    let t = this.conntrackTables.get(node);
    if (!t) this.conntrackTables.set(node, (t = new ConntrackTable()));
    return t;
  }

  recent(node: string): RecentLists {
    let r = this.recentLists.get(node);
    if (!r) this.recentLists.set(node, (r = new Map()));
    return r;
  }

  /** kube-proxy's own view of the node it runs on. */
  proxyNode(name: string): ProxyNode {
    const node = this.cluster.get('nodes', undefined, name);
    const nodeIP = node?.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
    return { name, nodeIP, clusterCIDR: POD_NETWORK_CIDR, randomFully: true };
  }

  private program(name: string): ProgrammedNode {
    const input = { services: namespaced(this.cluster.list('services')), endpointSlices: namespaced(this.cluster.list('endpointslices')), node: this.proxyNode(name) };
    const mode = this.modeOf(name);
    if (mode === 'ipvs') {
      // IPVS mode: virtual servers, the ipsets they imply, and the constant-size iptables rules over those sets.
      const ipvs = syncIpvs(input);
      const ipsets = buildIpsets(buildServicePorts(input.services, input.endpointSlices, input.node), input.node, ipvs.dummyAddresses);
      return { mode, tables: ipvsNodeTables(syncIpvsIptablesRules(input.node, ipsets)), ipvs, ipsets };
    }
    if (mode === 'nftables') return { mode, tables: kubeletOnlyNodeTables(), nft: syncNftables({ ...input, serviceCIDRs: [SERVICE_CIDR] }) };
    return { mode, tables: nodeTables(syncIptablesRules(input)) };
  }

  /** nftables mode's ClientIP affinity sets (`update @affinity-...`), per node: set → client → expiry. */
  affinity(node: string): Map<string, Map<string, number>> {
    let a = this.affinitySets.get(node);
    if (!a) this.affinitySets.set(node, (a = new Map()));
    return a;
  }
}
