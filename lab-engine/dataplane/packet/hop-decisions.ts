// What decided each hop of a packet's walk, as data: the route the FIB chose, the netfilter rules
// that matched and their verdict, the IPVS real server, the NetworkPolicy verdict with its stable
// reason ID, the MTU check, the socket that answered. The walk records these and nothing else;
// text is rendered at the edges (render-hop.ts for `trace`, the grader's feedback catalogue), and
// a browser can draw the same hops from their JSON. Every type here is plain, JSON-safe data.

import type { DirectionVerdict, PolicyRef } from '../policy/verdict';
import type { CloudRoute, Route } from '../netns/types';
import type { IpvsPick } from '../kube-proxy';

export type { IpvsPick };

export type L4Protocol = 'tcp' | 'udp' | 'icmp';

/** A Service by name, as the walk met it (its ClusterIP, a NodePort, a load-balancer IP). */
export interface ServiceRef {
  namespace: string;
  name: string;
  /** The Service port the packet was addressed to (spec.ports[].port, or the nodePort). */
  port: number;
}

/** A FIB lookup that found a way (a `route` hop). The failed lookup is a `drop` hop (`no-route`). */
export type RouteHopDecision =
  | {
      kind: 'route';
      lookup: 'fib';
      dst: string;
      /** `local`: the address is this netns' own (local table), `unicast`: it leaves by `dev`. */
      result: 'local' | 'unicast';
      /** The route that matched, as `ip route` shows it; its `origin` says who installed it. */
      route: Route;
      dev: string;
      via?: string;
      /** The source address the kernel picks for this route. */
      src: string;
    }
  /** The cloud's VPC route table (a CNI that leaves pod CIDRs to the cloud). */
  | { kind: 'route'; lookup: 'vpc'; dst: string; cloudRoute: CloudRoute };

/** One rule that matched, as `iptables -S` prints it and `iptables -L --line-numbers` numbers it. */
export interface MatchedRuleRef {
  chain: string;
  ruleNumber: number;
  spec: string;
}

/** kube-proxy's `-m statistic --mode random` draw for one endpoint rule. */
export interface StatisticDrawRef {
  chain: string;
  ruleNumber: number;
  drawn: number;
  probability: string;
  taken: boolean;
}

/** NOTRACK: a raw-table rule left the packet without a conntrack entry (no NAT for it on this node either). */
export type NetfilterVerdict = 'DNAT' | 'MASQUERADE' | 'MARK' | 'REJECT' | 'DROP' | 'NOTRACK';

/** A hook's walk through one table's built-in chain and every kube-proxy chain it jumped to. */
export interface NetfilterHopDecision {
  kind: 'netfilter';
  table: 'raw' | 'nat' | 'filter';
  chain: 'PREROUTING' | 'OUTPUT' | 'POSTROUTING' | 'INPUT' | 'FORWARD';
  verdict: NetfilterVerdict;
  /** The rules that decided, in walk order, without the jumps that only lead into kube-proxy's chains. */
  matched: MatchedRuleRef[];
  /** nat only: the endpoint draws on the way. */
  draws?: StatisticDrawRef[];
  /** DNAT: the destination before and after. */
  dnat?: { from: { ip: string; port?: number }; to: { ip: string; port?: number } };
  /** DNAT: how many rules the kernel compared the new connection with (iptables mode's cost). */
  rulesEvaluated?: number;
  /** MARK: the new skb mark. */
  mark?: number;
  /** MASQUERADE: why (a pod reaching itself through its Service, or kube-proxy's 0x4000 mark) and the new source. */
  masquerade?: {
    hairpin: boolean;
    toSource?: string;
    /** The chain whose rule masqueraded (KUBE-POSTROUTING, or the CNI agent's own). */
    chain?: string;
    /** Why, when the CNI agent's rule did it (its IP pool's natOutgoing, flanneld's --ip-masq); absent: kube-proxy's mark. */
    cniReason?: string;
  };
  /** REJECT: the ICMP type, and what the rejecting rule stands for. */
  reject?: { with: string; because: 'no-endpoints' | 'no-virtual-server' };
  /** DROP: by the chain's policy rather than a rule. */
  policyDrop?: boolean;
  /** The Service the packet was addressed to, when the hook acted for one (DNAT, REJECT). */
  service?: ServiceRef;
  /** The chain walk itself failed (a rule loop): the kernel drops the packet. */
  error?: string;
  /**
   * nat only: a later packet of a flow conntrack knows. The kernel applied the NAT the flow's
   * first packet got and walked no nat rule (`matched` is empty); `entry` is the flow as
   * `conntrack -L` prints it.
   */
  conntrack?: { entry: string };
}

/** IPVS mode: the virtual server on kube-ipvs0 that took the connection, and the real server it picked (none: REJECT). */
export interface IpvsHopDecision {
  kind: 'ipvs';
  node: string;
  /** `servicePortName` as kube-proxy names the Service port (`ns/name:port`), `serviceKind` which of its addresses this is. */
  virtualServer: { protocol: string; address: string; port: number; scheduler: string; servicePortName: string; serviceKind: string };
  realServer?: { address: string; port: number; weight: number };
  pick?: IpvsPick;
  /** The Service the virtual server stands for. */
  service?: ServiceRef;
}

/**
 * nftables mode: one base chain of kube-proxy's `table ip kube-proxy` (nat-prerouting's DNAT,
 * nat-postrouting's masquerade, a filter chain's reject). `matched` are the rules as `nft list`
 * prints them, in walk order; a verdict-map lookup is one step however many Services there are.
 */
export interface NftablesHopDecision {
  kind: 'nftables';
  family: 'ip';
  table: 'kube-proxy';
  /** The base chain (its hook and priority are in `nft list chain ip kube-proxy <chain>`). */
  chain: string;
  hook: 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';
  verdict: 'DNAT' | 'MASQUERADE' | 'MARK' | 'REJECT' | 'DROP';
  matched: { chain: string; rule: string }[];
  /** The verdict-map elements that matched (`@service-ips` ← `10.96.0.10 . udp . 53`). */
  lookups: { map: string; key: string }[];
  /** `numgen random mod N`: which endpoint chain the draw picked. */
  numgen: { chain: string; mod: number; drawn: number; target: string }[];
  dnat?: { from: { ip: string; port?: number }; to: { ip: string; port?: number } };
  mark?: number;
  masquerade?: { toSource?: string };
  /** REJECT: the Service has no endpoints, or the port is not one of the ClusterIP's. */
  reject?: { because: 'no-endpoints' | 'invalid-port' };
  service?: ServiceRef;
}

/** NetworkPolicy where the packet met it; `verdict` is the policy engine's own, with its stable reason ID. */
export interface PolicyHopDecision {
  kind: 'policy';
  direction: 'ingress' | 'egress';
  /** The pod whose policies were judged (egress: the sender, ingress: the receiver). */
  pod: PolicyRef;
  cni: string;
  /** Whether the CNI enforces NetworkPolicy; when it does not, the packet passes whatever the verdict. */
  enforced: boolean;
  protocol: L4Protocol;
  port: number;
  /** The other end's address (egress: the destination, ingress: the source). */
  peer: string;
  verdict: DirectionVerdict;
  /**
   * The policy agent's own rules for this packet on the node, as `iptables -S` prints them, where
   * the CNI programs NetworkPolicy as netfilter chains (Felix's `cali-tw-…`/`cali-pi-…`): the walk
   * through them, ending in the rule that accepted or dropped.
   */
  agentRules?: { chain: string; ruleNumber: number; spec: string }[];
}

/** A veth pair crossed: out of a pod into the node's root netns, or from the node into a pod. */
export interface VethHopDecision {
  kind: 'veth';
  into: 'node' | 'pod';
  dev: string;
  ifindex: number;
  peer: { netns: string; dev: string; ifindex: number };
  /** into node: the node; into pod: the pod. */
  node?: string;
  pod?: { namespace: string; name: string };
}

/**
 * A frame crossed hand-made devices (netns-walk.ts): out of `dev` here, through a veth (and, when
 * `bridge` is set, across that bridge), into `peer`: the device of the netns that answered ARP for
 * `nextHop`. The CNI's own veths are `veth` hops.
 */
export interface LinkHopDecision {
  kind: 'link';
  dev: string;
  nextHop: string;
  peer: { netns: string; dev: string };
  bridge?: string;
}

/**
 * A bridge (cni0, cbr0): a port passes the frame up to the host (`to-host`: it is addressed to the
 * bridge's own MAC), the bridge forwards a routed packet to a port (`to-port`), or it switches a
 * frame between two of its ports at L2 (`switch`: a pod talking to a pod on the same bridge, no
 * routing, no TTL decrement). `port` is always the port the frame leaves by (to-port, switch) or
 * came in by (to-host).
 */
export interface BridgeHopDecision {
  kind: 'bridge';
  bridge: string;
  port: string;
  action: 'to-host' | 'to-port' | 'switch';
  /** to-host: the gateway address the frame was sent to (the bridge's own), when the sender routed it there. */
  gateway?: string;
  /** switch: the port the frame came in by. */
  inPort?: string;
  /** switch: the destination MAC the sender resolved by ARP, which the bridge's FDB holds on `port`. */
  mac?: string;
  /** to-port: back out the sender's own port (a pod reaching itself through its Service), which needs the port's hairpin_mode. */
  hairpin?: boolean;
  /** hairpin with the port's hairpin_mode off: the bridge is promiscuous, so the frame went up to the node's stack and was routed back (kubelet's promiscuous-bridge). */
  promiscuous?: boolean;
}

export interface EncapHopDecision {
  kind: 'encap';
  tunnel: 'vxlan' | 'ipip' | 'wireguard';
  dev: string;
  mtu: number;
  outer: { src: string; dst: string };
  overheadBytes: number;
  vni?: number;
  port?: number;
}

export interface DecapHopDecision {
  kind: 'decap';
  tunnel: 'vxlan' | 'ipip' | 'wireguard';
  dev: string;
  node: string;
}

/** The packet crossed a wire between hosts (or through the cloud's VPC); `toNode` and `ip` say where it went. */
export type WireHopDecision =
  | { kind: 'wire'; path: 'external-to-node'; from: 'workstation' | 'internet'; toNode: string; ip: string }
  | { kind: 'wire'; path: 'load-balancer'; ip: string; service: { namespace: string; name: string }; toNode: string; externalTrafficPolicy: 'Local' | 'Cluster' }
  | { kind: 'wire'; path: 'tunnel'; toNode: string; ip: string }
  | { kind: 'wire'; path: 'node-to-node'; toNode: string; ip: string }
  | { kind: 'wire'; path: 'to-external'; host: string; ip: string }
  | { kind: 'wire'; path: 'to-vpc-router'; ip: string }
  | { kind: 'wire'; path: 'vpc-to-node'; toNode: string; ip: string };

/** The packet's size against the egress link's MTU: fragmented, or ICMP "fragmentation needed" when DF is set. */
export interface MtuHopDecision {
  kind: 'mtu';
  dev?: string;
  mtu: number;
  sizeBytes: number;
  action: 'frag-needed' | 'fragmented';
  fragments?: number;
  /** The link that refused it is the topology's interconnect between these nodes' sites, not a device of the host. */
  interconnect?: { fromNode: string; toNode: string };
  /** Its ICMP "fragmentation needed" was dropped on the way back (a firewall): the sender never learns and only times out. */
  icmpFiltered?: boolean;
}

/** The end host's socket layer: a listener took it, nothing listens (RST / port unreachable), or the kernel answered an echo. */
export interface SocketHopDecision {
  kind: 'deliver';
  host: { kind: 'pod'; namespace: string; name: string } | { kind: 'node'; node: string } | { kind: 'netns'; node: string; name: string };
  result: 'accepted' | 'refused' | 'echo-reply';
  protocol: L4Protocol;
  /** The destination port (0 when the packet had none); absent for an echo. */
  port?: number;
  /** The address the packet was sent to, and the one it came from as the receiver saw it. */
  ip: string;
  peer: string;
  /** A node socket's owner (sshd, kubelet...). */
  process?: string;
  /** refused by a pod that is not Running: its phase. */
  phase?: string;
}

/** Where the packet was lost for a reason other than a rule or a policy. */
export type DropHopDecision =
  | { kind: 'drop'; drop: 'no-route'; dst: string; failure: 'unreachable' | 'blackhole'; error: string; route?: Route }
  | { kind: 'drop'; drop: 'private-node-address'; dst: string }
  | { kind: 'drop'; drop: 'no-healthy-node'; service: { namespace: string; name: string } }
  | { kind: 'drop'; drop: 'outside-only'; dst: string; from: 'workstation' | 'internet' }
  | { kind: 'drop'; drop: 'no-bridge-port'; bridge: string; dst: string; node: string }
  /** br_forward.c should_deliver: the frame's only way is back out the port it came in by, whose hairpin_mode is off. */
  | { kind: 'drop'; drop: 'hairpin-off'; bridge: string; port: string; dst: string; node: string }
  /** br_forward.c should_deliver (br_skb_isolated): in by an isolated port, out by another isolated port; the sender's ARP request is never flooded there, so it gets no answer. */
  | { kind: 'drop'; drop: 'ports-isolated'; bridge: string; inPort: string; port: string; dst: string; node: string }
  | { kind: 'drop'; drop: 'nobody-answers'; dst: string; nextHop: string; node: string; route: Route }
  | { kind: 'drop'; drop: 'cloud-route-to-sender'; dst: string; sender: string; cloudRoute: CloudRoute }
  /** The VPC route table has no route for a private destination (a node's route was never created or was deleted): only the default route to the internet gateway matches, which drops it. */
  | { kind: 'drop'; drop: 'no-cloud-route'; dst: string; sender: string }
  /** Masquerade found no free source port for this (node IP, protocol, destination) tuple. */
  | { kind: 'drop'; drop: 'snat-ports-exhausted'; node: string; snatIp: string; dst: string; dport: number; protocol: 'tcp' | 'udp'; inUse: number }
  /** A new flow's first packet met a node's full conntrack table (nf_conntrack_count at nf_conntrack_max). */
  | { kind: 'drop'; drop: 'conntrack-table-full'; node: string; count: number; max: number }
  /** net.ipv4.ip_forward is 0 where the packet had to be routed on: ip_error drops it without an ICMP. */
  | { kind: 'drop'; drop: 'forwarding-off'; dst: string }
  /** A hand-made device on the way is down (`own`: the one the route leaves by; `bridge`: the bridge its peer is a port of) or has no carrier (its other end is down). */
  | { kind: 'drop'; drop: 'link-down'; dev: string; which: 'own' | 'no-carrier' | 'bridge' }
  /** Nobody on the link answered ARP for the next hop: the sender's neighbour entry fails (Destination Host Unreachable). */
  | { kind: 'drop'; drop: 'no-neighbour'; dst: string; nextHop: string; dev: string };

export type HopDecision =
  | RouteHopDecision
  | NetfilterHopDecision
  | IpvsHopDecision
  | NftablesHopDecision
  | PolicyHopDecision
  | VethHopDecision
  | LinkHopDecision
  | BridgeHopDecision
  | EncapHopDecision
  | DecapHopDecision
  | WireHopDecision
  | MtuHopDecision
  | SocketHopDecision
  | DropHopDecision;

export type HopKind = HopDecision['kind'];

/**
 * Where a hop happened. A hop holds it flat beside its decision, so a decision never uses these
 * names for anything else: a decision's own `node` (ipvs, decap, veth, drop) is always the hop's
 * node, and a node elsewhere is `toNode` (wire) or `sender`.
 */
export interface HopPlace {
  /** `node/<name>`, `pod/<ns>/<name>`, `external/<host>`, or `cloud/vpc-router`. */
  netns: string;
  /** The node whose kernel (or whose pod) this was; absent outside the cluster. */
  node?: string;
  /** The device the packet came in by / left by at this hop, where the hop involves one. */
  devIn?: string;
  devOut?: string;
}

/** A decision and where it was made. */
export type PlacedDecision = HopDecision & HopPlace;

/** A walk that ended before any hop could decide: the sender or a device the path needs is missing. */
export type WalkFailure =
  | { kind: 'walk'; failure: 'no-such-node'; node: string }
  | { kind: 'walk'; failure: 'no-such-pod'; namespace: string; name: string }
  | { kind: 'walk'; failure: 'no-such-netns'; node: string; name: string }
  | { kind: 'walk'; failure: 'no-pod-netns'; namespace: string; name: string; phase: string }
  | { kind: 'walk'; failure: 'veth-leads-nowhere'; netns: string; dev: string }
  | { kind: 'walk'; failure: 'hop-limit'; limit: number }
  | { kind: 'walk'; failure: 'no-node-netns'; node: string }
  | { kind: 'walk'; failure: 'no-device'; netns: string; dev: string }
  | { kind: 'walk'; failure: 'no-pod-behind-veth'; netns: string; dev: string }
  | { kind: 'walk'; failure: 'pod-gone'; pod: string }
  | { kind: 'walk'; failure: 'no-tunnel-remote'; netns: string; dev: string; target: string };

/** What ended a walk that did not deliver: the last hop's decision (with its place), or a failure before any hop. */
export type OutcomeCause = PlacedDecision | WalkFailure;
