// What each node's kernel holds beyond its interfaces and routes: the netfilter tables and IPVS
// virtual servers kube-proxy programmed from the Services and EndpointSlices it saw, the
// conntrack table, the `-m recent` lists of ClientIP affinity, and the rules' packet and byte
// counters (and NodeLocal DNSCache's NOTRACK rules while its pod runs on the node). The tables are a pure function of the cluster — of the Services and EndpointSlices
// the node's kube-proxy last synced, which are the API's own while it runs and frozen while it
// does not (cluster/kube-proxy-sync.ts) — so they are cached per cluster generation and per
// node; conntrack, affinity memory and counters are state that lives as long as the session.
// Conntrack is in the session's snapshot (a reload must not end a flow that a client is still
// refreshing: that would quietly fix a stale entry); affinity memory and counters are not, and a
// restored session starts them afresh, as a rebooted node would. A re-programmed node zeroes the
// counters kube-proxy's sync rewrote.

import type { Cluster } from '../../cluster/cluster';
import { POD_NETWORK_CIDR, SERVICE_CIDR } from '../../core/cluster-plan';
import type { TopologyOptions } from '../../core/topology';
import { ConntrackTable, type ConntrackTableState } from '../conntrack/conntrack';
import { SnatPortTable, type SnatPortState } from '../conntrack/snat-ports';
import { NodeSysctls, type NodeSysctlState } from './node-sysctls';
import { cleanStaleUdpEntries, type UdpFrontend } from '../conntrack/kube-proxy-cleanup';
import { kubeProxyConntrackMax } from '../conntrack/conntrack-sysctls';
import { buildIpsets, buildServicePorts, ipvsNodeTables, kubeletOnlyNodeTables, nodeTables, syncIpvsIptablesRules, syncIptablesRules, syncIpvs, type IpvsState, type NodeIpsets, type NodeTables, type ProxyNode, type RecentLists } from '../kube-proxy';
import { syncNftables, type NftTable } from '../kube-proxy/nftables';

import { namespaced } from '../../kube/namespaced';
import { CounterStore } from '../kube-proxy/netfilter/counter-store';
import { reconcileCounters } from '../kube-proxy/netfilter/counter-resets';
import type { CniNetfilter } from '../cni/cni-plugin';
import { withCniRules } from './cni-netfilter';
import { nodeLocalAddresses } from '../dns/node-local-dns';
import { withNodeLocalDns } from '../dns/node-local-dns-rules';

export type ProxyMode = TopologyOptions['proxyMode'];

/** A node kernel's state beyond conntrack flows: masquerade ports in use and sysctl values. */
export interface KernelState {
  snat: Record<string, SnatPortState>;
  sysctls: NodeSysctlState;
  /** Absent in snapshots from before kube-proxy's start set nf_conntrack_max. */
  kubeProxyStarts?: Record<string, string>;
}

export interface ProgrammedNode {
  mode: ProxyMode;
  tables: NodeTables;
  ipvs?: IpvsState;
  /** IPVS mode's ipsets (`ipset list`), which its iptables rules match against; the CNI agent's join them. */
  ipsets?: NodeIpsets;
  /** nftables mode's `table ip kube-proxy` (`nft list table ip kube-proxy`). */
  nft?: NftTable;
  /** What the CNI agent's chains mean to a trace: which masquerade and why, and where its policy chains are. */
  cni?: { masquerade: Readonly<Record<string, string>>; policyChainPrefix?: string };
}

export class NodeRuntimes {
  private generation = '';
  private readonly programmed = new Map<string, ProgrammedNode>();
  private readonly conntrackTables = new Map<string, ConntrackTable>();
  private readonly recentLists = new Map<string, RecentLists>();
  private readonly snatTables = new Map<string, SnatPortTable>();
  /** The kernel parameters a learner wrote with `sysctl -w` on a node (the rest are defaults). */
  readonly sysctls = new NodeSysctls();
  private readonly affinitySets = new Map<string, Map<string, Map<string, number>>>();
  /** What kube-proxy last synced from, per node: a change means it rewrote its chains. */
  private readonly syncedFrom = new Map<string, string>();
  private inputVersion?: { generation: number; value: string };
  /** Per-rule packet and byte counters, IPVS stats: moved by the learner's traffic only. */
  readonly counters = new CounterStore();

  constructor(
    private readonly cluster: Cluster,
    /** kube-proxy's mode on a node. */
    private readonly modeOf: (node: string) => ProxyMode,
    /** The CNI agent's own rules and IP sets on a node (Felix's cali-* chains, flanneld's masquerade). */
    private readonly cniNetfilter?: (node: string) => CniNetfilter | undefined,
  ) {
    this.counters.onFirstCount = (node) => this.syncedFrom.set(node, this.proxyInputVersion(node));
  }

  /** The node's kernel state as kube-proxy left it after its last sync. */
  node(name: string): ProgrammedNode {
    // A deleted pod also leaves the synced rules when its propagation delay passes, with no write to mark it.
    const synced = `${this.cluster.generation()}|${this.cluster.endpointPropagationKey()}`;
    if (synced !== this.generation) {
      this.programmed.clear();
      this.generation = synced;
    }
    let p = this.programmed.get(name);
    if (!p) {
      p = this.program(name);
      this.programmed.set(name, p);
      this.kubeProxySetsMax(name);
      // kube-proxy's sync ends with its conntrack reconciler (every mode, since v1.32).
      const table = this.conntrackTables.get(name);
      if (table) cleanStaleUdpEntries(table, this.udpFrontends(name));
      // Only a node whose counters moved has anything a sync could zero (and only then is it worth
      // reading what kube-proxy synced from: at 10^4 Services that is not free).
      if (this.counters.hasNode(name)) {
        const from = this.proxyInputVersion(name);
        const before = this.syncedFrom.get(name);
        this.syncedFrom.set(name, from);
        reconcileCounters(this.counters, name, p, before !== undefined && before !== from);
      }
    }
    return p;
  }

  mode(node: string): ProxyMode {
    return this.modeOf(node);
  }

  conntrack(node: string): ConntrackTable {
    // Whoever reads the table reads it as kube-proxy's last sync left it.
    this.node(node);
    return this.table(node);
  }

  private table(node: string): ConntrackTable {
    let t = this.conntrackTables.get(node);
    if (!t) this.conntrackTables.set(node, (t = new ConntrackTable(this.sysctls.conntrackView(node), this.countedFlows(node))));
    return t;
  }

  /**
   * kube-proxy sets nf_conntrack_max once, when it starts (realConntracker.SetMax, whichever way
   * that moves the value): a kube-proxy container that started since the table last saw one
   * overwrites whatever sysctl -w or a re-read of /etc/sysctl.d left, until the next re-read.
   * The ConfigMap's conntrack.maxPerCore and min are left at their defaults (null) here.
   */
  private kubeProxySetsMax(node: string): void {
    const pod = this.cluster.list('pods', 'kube-system').find((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy' && p.spec.nodeName === node);
    const started = pod?.status.containerStatuses?.[0]?.state.running?.startedAt;
    if (!pod || !started) return;
    const max = kubeProxyConntrackMax();
    if (max !== undefined) this.sysctls.kubeProxyStarted(node, `${pod.metadata.uid ?? pod.metadata.name}/${started}`, max);
  }

  /** Every node's conntrack table, for the session's snapshot (nodes with an empty table at kube-proxy's defaults left out). */
  conntrackState(): Record<string, ConntrackTableState> {
    const out: Record<string, ConntrackTableState> = {};
    for (const [node, table] of this.conntrackTables) {
      if (!table.isPristine()) out[node] = table.toJSON();
    }
    return out;
  }

  restoreConntrack(state: Readonly<Record<string, ConntrackTableState>>): void {
    for (const [node, table] of Object.entries(state)) this.conntrackTables.set(node, ConntrackTable.restore(table, this.sysctls.conntrackView(node), this.countedFlows(node)));
  }

  /** The node's masquerade flows that are counted rather than listed: the table weighs them against nf_conntrack_max too. */
  private countedFlows(node: string): (nowMs: number) => number {
    return (nowMs) => this.snatTables.get(node)?.flowCount(nowMs) ?? 0;
  }

  /** The source ports the node's masquerade has handed out, per destination. */
  snatPorts(node: string): SnatPortTable {
    let t = this.snatTables.get(node);
    if (!t) this.snatTables.set(node, (t = new SnatPortTable()));
    return t;
  }

  /** Every node's SNAT port use and sysctl values (with the kube-proxy starts that set nf_conntrack_max), for the session's snapshot. */
  kernelState(): KernelState {
    return {
      snat: Object.fromEntries([...this.snatTables].map(([node, t]) => [node, t.toJSON()])),
      sysctls: this.sysctls.toJSON(),
      kubeProxyStarts: this.sysctls.kubeProxyStartsJSON(),
    };
  }

  restoreKernelState(state: Partial<KernelState>): void {
    for (const [node, t] of Object.entries(state.snat ?? {})) this.snatTables.set(node, SnatPortTable.restore(t));
    if (state.sysctls) this.sysctls.restore(state.sysctls, state.kubeProxyStarts);
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

  /** The versions of what kube-proxy watches (Services, EndpointSlices): a new one triggers its sync; a stopped kube-proxy syncs nothing. */
  private proxyInputVersion(node: string): string {
    // Nothing rewrote the chains since the last sync, so what they were synced from still stands.
    if (this.cluster.kubeProxyStoppedAt(node) !== undefined) return this.syncedFrom.get(node) ?? 'stopped';
    const generation = this.cluster.generation();
    // A deleted pod leaves the synced rules when its propagation delay passes, with no write to mark it.
    const lagging = this.cluster.endpointPropagationKey();
    if (this.inputVersion?.generation === generation) return `${this.inputVersion.value}|${lagging}`;
    const rv = (o: { metadata: { uid?: string; resourceVersion?: string } }) => `${o.metadata.uid ?? ''}@${o.metadata.resourceVersion ?? ''}`;
    const value = `${this.cluster.list('services').map(rv).join(',')}|${this.cluster.list('endpointslices').map(rv).join(',')}`;
    this.inputVersion = { generation, value };
    return `${value}|${lagging}`;
  }

  /** The UDP Service ports kube-proxy's conntrack reconciler compares flows with. */
  private udpFrontends(name: string): UdpFrontend[] {
    return buildServicePorts(namespaced(this.cluster.list('services')), namespaced(this.cluster.list('endpointslices')), this.proxyNode(name))
      .filter((sp) => sp.proto === 'udp')
      .map((sp) => ({
        clusterIP: sp.clusterIP,
        port: sp.port,
        ...(sp.nodePort ? { nodePort: sp.nodePort } : {}),
        otherIPs: [...sp.loadBalancerVIPs, ...sp.externalIPs],
        servingIPs: new Set(sp.endpoints.filter((e) => e.serving).map((e) => e.ip)),
      }));
  }

  private program(name: string): ProgrammedNode {
    const programmed = this.programKubeProxy(name);
    // node-cache prepends its rules after kube-proxy's; Felix keeps its jumps above both.
    const kube = { ...programmed, tables: withNodeLocalDns(programmed.tables, nodeLocalAddresses(this.cluster, name)) };
    const cni = this.cniNetfilter?.(name);
    return cni ? withCniRules(kube, cni) : kube;
  }

  private programKubeProxy(name: string): ProgrammedNode {
    const synced = this.cluster.kubeProxyInputs(name);
    const input = { services: namespaced(synced.services), endpointSlices: namespaced(synced.endpointSlices), node: this.proxyNode(name) };
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
