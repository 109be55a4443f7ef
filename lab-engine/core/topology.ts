// The options that pick a simulated cluster's shape: its pod network (a CNI and that CNI's own
// settings), kube-proxy's mode, the ingress controllers installed with it, and the addresses a
// cloud hands to LoadBalancer Services. Plain data.
//
// Core names no CNI. Each plugin's folder (dataplane/cni/<plugin>/) adds its name and its settings
// to `CniSettingsByPlugin` by module augmentation, so a topology's type still lists them exactly
// (`{ cni: 'calico', ipipMode: 'Never' }`) while core imports nothing above it; the plugin table
// (dataplane/cni/index.ts) checks the values at run time.

export type IngressKind = 'nginx' | 'traefik';

/**
 * One entry per CNI plugin, keyed by its name, holding the settings a topology may give it, e.g.
 * `declare module '../../../core/topology' { interface CniSettingsByPlugin { calico: { ipipMode?: IpipMode } } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the plugins' augmentations
export interface CniSettingsByPlugin {}

/** A CNI's name as a topology states it: `calico`, `flannel`, `kubenet`, ... */
export type CniName = keyof CniSettingsByPlugin & string;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every plugin's settings side by side, all optional, as lab.yaml writes them next to `cni:`. */
export type CniSettings = UnionToIntersection<CniSettingsByPlugin[CniName]>;

export interface TopologyBase {
  cni: CniName;
  proxyMode: 'iptables' | 'ipvs' | 'nftables';
  /** Ingress controllers installed with the cluster, each on a NodePort Service: ingress-nginx, Traefik, or both. */
  ingress?: IngressKind | readonly IngressKind[];
  /** Addresses a cloud or MetalLB hands to LoadBalancer Services (`a.b.c.d` or `a.b.c.d-a.b.c.e`); none leaves them <pending>. */
  loadBalancerPool?: readonly string[];
  /** A hop between some nodes smaller than their NICs (a VPN or interconnect between two sites); none: the nodes share one network. */
  interconnect?: Interconnect;
}

/**
 * A link on the path between two groups of nodes whose MTU is below the nodes' own (their NICs
 * still say 1500, so nothing on a node knows), e.g. an IPsec VPN between two sites. A packet
 * bigger than `mtu` with DF set is refused there with ICMP "fragmentation needed"; whether that
 * ICMP gets back to the sender, or a firewall on the way drops it, is `icmpFragNeeded`.
 */
export interface Interconnect {
  /** The nodes on the far side: traffic between one of them and a node not listed crosses the hop. */
  nodes: readonly string[];
  mtu: number;
  icmpFragNeeded: 'delivered' | 'filtered';
}

/** A whole topology: the base options plus the CNI's own settings (only its own: see dataplane/cni/topology-settings.ts). */
export type TopologyOptions = TopologyBase & CniSettings;
