// The one interface a pod network implements, and all the rest of the engine knows of one: its
// settings (what lab.yaml and labsh may say about it, with their values and defaults), how it
// programs the nodes' and pods' network namespaces (devices, addresses, routes, MTU, and what the
// cloud must route for it), whether it enforces NetworkPolicy, the files it leaves on each node,
// the objects and node status its manifest adds to a fresh cluster, and the images it runs (with
// their release tag and what a shell in them finds). Each plugin lives in its own folder,
// dataplane/cni/<plugin>/; the table of plugins is dataplane/cni/index.ts.

import type { NetworkAddon } from '../../cluster/bootstrap/network-addon';
import type { ImageInfo } from '../../cluster/images';
import type { CniName, CniSettings, TopologyOptions } from '../../core/topology';
import type { CloudRoute, Netns } from '../netns/types';
import type { CniClusterView, NodeView } from './cluster-view';
import type { Cluster } from '../../cluster/cluster';
import type { Chain, IpSet, Rule } from '../kube-proxy';

/** The name of one CNI setting as a topology writes it (`ipipMode`). */
export type CniSettingField = keyof CniSettings & string;

/** A setting a topology may give its CNI: lab.yaml `ipipMode: Never`, labsh `--calico-ipip Never`. */
export interface CniSettingSpec {
  field: CniSettingField;
  /** Every value it takes; anything else is refused. */
  values: readonly [string, ...string[]];
  /** What the plugin does when the topology leaves it unset. */
  default: string;
  /** Where the real plugin keeps it, for the error when another CNI is given it: "Calico's IPPool setting". */
  realName: string;
  /** labsh's flag: `--<name> <value>`; `noun` names a bad value ("unknown IP-in-IP mode"), `help` is its --help line. */
  flag: { name: string; noun: string; help: string };
}

/**
 * An image the plugin's manifest runs, as the public registry serves it. The composition root adds
 * every plugin's images to the simulated registry's catalogue (cluster/images.ts), whatever CNI a
 * cluster runs, as Docker Hub serves them to anyone.
 */
export interface CniImage extends ImageInfo {
  /** What `kubectl exec` finds in it: the node's own programs less these. Absent: no shell at all (distroless). */
  nodeToolsWithout?: readonly string[];
}

/** The namespaces a plugin fills: every node's root netns (lo and eth0 already there) and one per pod, keyed namespace/name. */
export interface CniNetns {
  nodes: Record<string, Netns>;
  pods: Record<string, Netns>;
}

/** What lives outside the nodes once a plugin has programmed them. */
export interface CniProgramResult {
  /** Routes the cloud's VPC router must hold (kubenet leaves pod CIDRs to the cloud); none for a plugin that routes between nodes itself. */
  cloudRoutes?: CloudRoute[];
}

/** One table's share of a plugin agent's netfilter rules on a node. */
export interface CniTableRules {
  /** Its own chains (`cali-FORWARD`, `FLANNEL-POSTRTG`...). */
  chains: Chain[];
  /** Rules it inserts at the top of built-in chains, in their final order (Felix's jumps). */
  insert?: Readonly<Record<string, Rule[]>>;
  /** Rules it appends to built-in chains (after kube-proxy's). */
  append?: Readonly<Record<string, Rule[]>>;
}

/** What a plugin's agent (felix, flanneld) keeps in a node's kernel beside kube-proxy: rules and IP sets. */
export interface CniNetfilter {
  filter?: CniTableRules;
  nat?: CniTableRules;
  ipsets?: IpSet[];
  /** Its chains that masquerade, with why, as a trace says it ("the IPPool has natOutgoing"). */
  masquerade?: Readonly<Record<string, string>>;
  /** The prefix of its NetworkPolicy chains: a DROP there is the policy's verdict, which the walk's policy hop reports. */
  policyChainPrefix?: string;
}

/**
 * `Options` are the dataplane builder's options for this plugin (calico: `{ ipip?: boolean }`),
 * derived from the topology's settings by `optionsFor`; every field is optional, and the plugin
 * applies its own defaults, so `{ cni: 'calico' }` alone builds the default Calico dataplane.
 */
export interface CniPlugin<Options extends object = object> {
  readonly name: CniName;
  /** A few words for labsh --help after the plugin's name, when it needs saying ("the cloud's VPC routes pod CIDRs"). */
  readonly summary?: string;
  readonly settings: readonly CniSettingSpec[];
  /** The MTU of the node network the plugin runs on: a docker/kind network's 1500, a cloud VPC's own. */
  readonly nodeNetworkMtu: number;
  /** Whether it programs NetworkPolicy (an agent such as Calico's felix); when not, a policy's verdict is only a note in the trace. */
  readonly enforcesNetworkPolicy: boolean;
  /** The builder's options from a topology's settings, which topology-settings.ts has already checked. */
  optionsFor(settings: CniSettings): Options;
  /** Adds the plugin's devices, addresses, routes, neighbours and FDB entries to the nodes, and creates every pod's netns. */
  program(view: CniClusterView, netns: CniNetns, options: Options): CniProgramResult;
  /** The netfilter rules and IP sets its agent programs on one node, from the cluster as it is now; absent: none. */
  netfilter?(cluster: Cluster, node: string, options: Options, env: { proxyMode: TopologyOptions['proxyMode'] }): CniNetfilter;
  /** The files the plugin leaves on a node, by path: its conflist under /etc/cni/net.d and the like. */
  configFiles(node: Pick<NodeView, 'name' | 'podCIDR'>, options: Options): Record<string, string>;
  /**
   * For a plugin that delegates to the bridge plugin: the `hairpinMode` the bridge plugin reads
   * from the node's active network configuration (bridge-ports.ts `activeCniConfig`) when it
   * creates a pod's veth (false when the config does not say: the bridge plugin's default).
   */
  bridgeHairpin?(config: Record<string, unknown>): boolean;
  /**
   * The MTU its CNI plugin gives a pod's veth pair at CNI ADD, read from the node's active network
   * config (undefined: the config leaves it to the plugin's own default). Recorded per sandbox, so
   * pods created before an edit keep the MTU they got.
   */
  vethMtu?(config: Record<string, unknown>): number | undefined;
  /** What its manifest (or the cloud) adds to a fresh cluster; fresh objects on every call. */
  addon(options: Options): NetworkAddon;
  /** The images its manifest runs (empty when it runs none of its own); their tags are the plugin's release. */
  readonly images: readonly CniImage[];
}
