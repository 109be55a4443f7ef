// What each node's kernel holds beyond its interfaces and routes: the netfilter tables and IPVS
// virtual servers kube-proxy programmed from the Services and EndpointSlices it saw, the
// conntrack table, and the `-m recent` lists of ClientIP affinity. The tables are a pure function
// of the cluster, so they are cached per cluster generation and per node; conntrack and affinity
// memory are state that lives as long as the session.

import type { Cluster } from '../../cluster/cluster';
import { POD_NETWORK_CIDR } from '../../core/cluster-plan';
import type { TopologyOptions } from '../../core/topology';
import { ConntrackTable } from '../conntrack/conntrack';
import { buildIpsets, buildServicePorts, ipvsNodeTables, nodeTables, syncIpvsIptablesRules, syncIptablesRules, syncIpvs, type IpvsState, type NodeIpsets, type NodeTables, type ProxyNode, type RecentLists } from '../kube-proxy';

import { namespaced } from '../../kube/namespaced';
import type { CniNetfilter } from '../cni/cni-plugin';
import { withCniRules } from './cni-netfilter';

export type ProxyMode = TopologyOptions['proxyMode'];

export interface ProgrammedNode {
  mode: ProxyMode;
  tables: NodeTables;
  ipvs?: IpvsState;
  /** IPVS mode's ipsets (`ipset list`), which its iptables rules match against; the CNI agent's join them. */
  ipsets?: NodeIpsets;
  /** What the CNI agent's chains mean to a trace: which masquerade and why, and where its policy chains are. */
  cni?: { masquerade: Readonly<Record<string, string>>; policyChainPrefix?: string };
}

export class NodeRuntimes {
  private generation = -1;
  private readonly programmed = new Map<string, ProgrammedNode>();
  private readonly conntrackTables = new Map<string, ConntrackTable>();
  private readonly recentLists = new Map<string, RecentLists>();

  constructor(
    private readonly cluster: Cluster,
    /** kube-proxy's mode on a node. */
    private readonly modeOf: (node: string) => ProxyMode,
    /** The CNI agent's own rules and IP sets on a node (Felix's cali-* chains, flanneld's masquerade). */
    private readonly cniNetfilter?: (node: string) => CniNetfilter | undefined,
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
    const kube = this.programKubeProxy(name);
    const cni = this.cniNetfilter?.(name);
    return cni ? withCniRules(kube, cni) : kube;
  }

  private programKubeProxy(name: string): ProgrammedNode {
    const input = { services: namespaced(this.cluster.list('services')), endpointSlices: namespaced(this.cluster.list('endpointslices')), node: this.proxyNode(name) };
    const mode = this.modeOf(name);
    if (mode === 'ipvs') {
      // IPVS mode: virtual servers, the ipsets they imply, and the constant-size iptables rules over those sets.
      const ipvs = syncIpvs(input);
      const ipsets = buildIpsets(buildServicePorts(input.services, input.endpointSlices, input.node), input.node, ipvs.dummyAddresses);
      return { mode, tables: ipvsNodeTables(syncIpvsIptablesRules(input.node, ipsets)), ipvs, ipsets };
    }
    return { mode, tables: nodeTables(syncIptablesRules(input)) };
  }
}
