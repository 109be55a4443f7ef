// The dataplane model: one network namespace per node (its root netns) and one per pod sandbox,
// each with links, addresses, routes, neighbours and bridge FDB entries as a CNI left them. Pure
// data, derived from the cluster (see cni/build-dataplane.ts); `ip`, `bridge`, the packet walk
// and checks all read this, never printed text.

import type { CniName } from '../../core/topology';

export type LinkKind = 'loopback' | 'ether' | 'veth' | 'bridge' | 'vxlan' | 'ipip' | 'dummy' | 'wireguard';

export interface Encapsulation {
  /** What the tunnel wraps packets in. */
  kind: 'vxlan' | 'ipip' | 'wireguard';
  /**
   * Bytes the outer headers add (VXLAN: 14 inner Ethernet + 8 VXLAN + 8 UDP + 20 IP = 50; IPIP: 20;
   * WireGuard over IPv4: 20 IP + 8 UDP + 16 data header + 16 authentication tag = 60).
   */
  overheadBytes: number;
}

export interface Link {
  ifindex: number;
  name: string;
  kind: LinkKind;
  /** Flags in the order `ip link` prints them, e.g. ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP']. */
  flags: string[];
  mtu: number;
  qdisc: 'noqueue' | 'fq_codel' | 'noop';
  /** LOWERLAYERDOWN: administratively up, but the veth's other end (or a bridge's ports) has no carrier. */
  state: 'UP' | 'DOWN' | 'UNKNOWN' | 'LOWERLAYERDOWN';
  /** 0 when the kernel shows no qlen. */
  qlen: number;
  mac: string;
  /** Bridge this link is enslaved to (a bridge plugin's veths: cni0, cbr0). */
  master?: string;
  /**
   * A bridge port's hairpin_mode (IFLA_BRPORT_MODE, /sys/class/net/<port>/brport/hairpin_mode):
   * whether the bridge may send a frame back out the port it came in by. The bridge plugin sets it
   * from its config's `hairpinMode` when it creates the pod's veth; `bridge link set` changes it.
   */
  hairpin?: boolean;
  /**
   * A bridge port's isolated flag (IFLA_BRPORT_ISOLATED, `bridge link set dev X isolated on`):
   * the bridge never forwards a frame that came in by an isolated port out another isolated port
   * (br_forward.c should_deliver, br_skb_isolated); the bridge device itself and non-isolated
   * ports still are. Absent: off, as the kernel creates a port.
   */
  isolated?: boolean;
  /** For veths: the other end, its ifindex in the other netns and that netns' id. */
  peer?: { netns: string; ifindex: number; name: string };
  /** How `ip` names the peer's netns: a named netns (host side) or a numeric id (pod side). */
  linkNetns?: { name: string } | { id: number };
  /** `tunl0@NONE`: tunnels with no lower device. */
  atNone?: boolean;
  vxlan?: { id: number; local: string; dev: string; dstport: number };
  encapsulation?: Encapsulation;
  /** Made by hand on the node (`ip link add`), not by a CNI: the packet walk follows it with netns-walk.ts. */
  handBuilt?: boolean;
  /** A WireGuard device's configuration, as `wg show` reads it from the kernel. */
  wireguard?: WireguardDevice;
}

export interface WireguardDevice {
  publicKey: string;
  listenPort: number;
  /** The mark its own UDP packets carry, so policy routing sends them out the underlay. */
  fwmark: number;
  peers: WireguardPeer[];
}

export interface WireguardPeer {
  publicKey: string;
  /** `ip:port` the encrypted packets are sent to. */
  endpoint: string;
  /** The inner destinations this peer is the tunnel for (cryptokey routing). */
  allowedIps: string[];
  /** The peer's node, for the walk. */
  node: string;
}

/**
 * An `ip rule` entry beyond the kernel's defaults (local, main, default): Calico's WireGuard rule
 * `99: not from all fwmark 0x100000/0x100000 lookup 1` sends every packet not sent by WireGuard
 * itself to table 1 first; a miss there falls through to main.
 */
export interface RoutingRule {
  priority: number;
  /** Matches packets whose mark does NOT have these bits (`not ... fwmark V/M`). */
  notFwmark: { value: number; mask: number };
  table: RouteTable;
}

export interface Address {
  dev: string;
  family: 'inet' | 'inet6';
  address: string;
  prefix: number;
  broadcast?: string;
  scope: 'host' | 'link' | 'global';
  /** Extra flags `ip addr` prints after the scope (`noprefixroute`). */
  flags?: string[];
}

/** `main`, `local`, or a numbered table a policy rule points at (Calico's WireGuard table `1`). */
export type RouteTable = 'main' | 'local' | `${number}`;

export type RouteProto = 'kernel' | 'bird' | 'boot' | 'static';

export interface Route {
  type: 'unicast' | 'blackhole' | 'local' | 'broadcast';
  /** `default` or a CIDR; a host route has /32 (printed without it). */
  dst: string;
  via?: string;
  dev?: string;
  proto?: RouteProto;
  scope?: 'link' | 'host';
  src?: string;
  onlink?: boolean;
  table: RouteTable;
  /** Why this route exists, for the packet trace and hints (not printed by `ip`). */
  origin: string;
}

export interface Neighbour {
  ip: string;
  dev: string;
  lladdr?: string;
  state: 'PERMANENT' | 'REACHABLE' | 'STALE' | 'FAILED';
}

export interface FdbEntry {
  mac: string;
  dev: string;
  dst?: string;
  vlan?: number;
  master?: string;
  self?: boolean;
  permanent: boolean;
}

export interface Netns {
  /** `node/<name>`, `pod/<namespace>/<name>`, or `netns/<node>/<name>` for one made with `ip netns add`. */
  id: string;
  kind: 'node' | 'pod' | 'named';
  node: string;
  /** For pod netns: namespace/name. */
  pod?: string;
  /** The name under /var/run/netns: containerd's `cni-<uuid>` for a pod, the learner's for `ip netns add`. */
  name?: string;
  /** net.ipv4.ip_forward of a named netns (a node's own is its sysctl store's). */
  forwarding?: boolean;
  links: Link[];
  addresses: Address[];
  routes: Route[];
  /** Policy routing rules besides the kernel's three defaults, in priority order. */
  rules?: RoutingRule[];
  neighbours: Neighbour[];
  fdb: FdbEntry[];
}

/** One entry of the cloud's VPC route table: the cloud sends `destRange` to the node at `nextHopIp`. */
export interface CloudRoute {
  destRange: string;
  nextHopIp: string;
  /** The node the route controller created it for (from that node's spec.podCIDR). */
  node: string;
}

export interface Dataplane {
  /** The plugin that programmed it (dataplane/cni/index.ts), which the packet walk asks about NetworkPolicy. */
  cni: CniName;
  nodes: Record<string, Netns>;
  /** Keyed by `namespace/name`. */
  pods: Record<string, Netns>;
  /** Namespaces made by hand with `ip netns add`, keyed `<node>/<name>` (dataplane/netns/hand-built). */
  named?: Record<string, Netns>;
  /**
   * Only for a plugin that leaves pod CIDRs to the cloud: the VPC router at the node network's
   * gateway and its route table, one route per node's pod CIDR, as kube-controller-manager's route
   * controller creates them.
   */
  cloud?: { router: string; routes: CloudRoute[] };
}
