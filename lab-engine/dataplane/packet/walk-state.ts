// The state of one packet's walk and the steps every stage shares: the packet's headers as they
// are rewritten (DNAT, masquerade, tunnel headers), the skb mark, where NAT happened, the hops
// recorded so far, and the helpers that route it, run a netfilter hook's result, and check its
// size against a link's MTU. The stages (walk.ts: the sender; node-hop.ts: a node's kernel and the
// wire; delivery.ts: the socket) read and write it.

import { LOCAL_PORT_RANGE_LOW, LOCAL_PORT_RANGE_COUNT } from '../../core/local-port-range';
import type { Pod } from '../../kube/types';
import type { Packet, WalkContext } from '../kube-proxy';
import { lookupRoute, netnsOwning, type RouteDecision } from '../netns/route-lookup';
import type { Link, Netns } from '../netns/types';
import type { HookResult } from './netfilter-hooks';
import type { Headers, Hop, HopDecision, HopPlace, PlacedDecision, Probe, ProbeOutcome, Tap } from './types';
import type { PacketWorld } from './world';
import { serviceAddressed } from './service-addressed';
import type { HookWalk } from './traffic-counters';

/** How a packet comes into a node's kernel: sent by the node itself, or forwarded in through a device. */
export type Arrival = { kind: 'local-out' } | { kind: 'forward'; inDev: string };

/** A route lookup that found a way out. */
export type RouteFound = Extract<RouteDecision, { ok: true }>;

/** An outcome's cause: the deciding hop's decision and place, without the headers and taps the hop list already holds. */
export function causeOf(hop: Hop): PlacedDecision {
  const cause: Partial<Hop> = { ...hop };
  delete cause.headers;
  delete cause.taps;
  return cause as PlacedDecision;
}

export class WalkState {
  readonly hops: Hop[] = [];
  h: Headers;
  mark = 0;
  /** Set once a nat table rewrote the destination: later nodes only route. */
  natNode?: string;
  readonly original: { dst: string; dport?: number };
  srcPod?: Pod;
  /** The sender's own address, kept when a masquerade rewrote it (conntrack's original tuple). */
  preSnatSrc?: string;
  egressChecked = false;
  steps = 0;
  /** Nodes whose raw table left the packet untracked (NOTRACK): no entry, no NAT there. */
  readonly untracked = new Set<string>();
  /** The conntrack state netfilter sees on the node the packet is in now. */
  ctstate: 'NEW' | 'UNTRACKED' = 'NEW';
  /** Every netfilter walk on the way, in order: the learner's traffic moves these rules' counters. */
  readonly netfilterWalks: HookWalk[] = [];

  constructor(
    readonly world: PacketWorld,
    readonly probe: Probe,
  ) {
    const sport = probe.protocol === 'icmp' ? undefined : (probe.sport ?? LOCAL_PORT_RANGE_LOW + Math.floor(world.random() * LOCAL_PORT_RANGE_COUNT));
    const size = probe.sizeBytes ?? (probe.protocol === 'tcp' ? 60 : probe.protocol === 'icmp' ? 84 : 72);
    this.h = { src: '0.0.0.0', dst: probe.dst, protocol: probe.protocol, ...(sport !== undefined ? { sport } : {}), ...(probe.dport !== undefined ? { dport: probe.dport } : {}), sizeBytes: size };
    this.original = { dst: probe.dst, ...(probe.dport !== undefined ? { dport: probe.dport } : {}) };
  }

  get df(): boolean {
    return this.probe.df ?? this.probe.protocol === 'tcp';
  }

  /** Records one hop: what decided it, where, and the headers as they are now. Returns it, for an outcome's cause. */
  hop(netns: string, decision: HopDecision, taps?: Tap[]): Hop {
    const hop: Hop = { ...decision, ...this.place(netns, decision, taps), headers: { ...this.h, ...(this.h.outer ? { outer: { ...this.h.outer } } : {}) }, ...(taps ? { taps } : {}) };
    this.hops.push(hop);
    return hop;
  }

  /** The node a netns belongs to and the devices the hop used there (from its taps, or the route's device). */
  private place(netns: string, decision: HopDecision, taps: Tap[] | undefined): HopPlace {
    const node = netns.startsWith('node/') ? netns.slice(5) : netns.startsWith('pod/') ? this.world.dataplane.pods[netns.slice(4)]?.node : netns.startsWith('netns/') ? netns.split('/')[1] : undefined;
    const here = (taps ?? []).filter((t) => t.netns === netns);
    const devIn = here.find((t) => t.dir !== 'out')?.dev;
    const devOut = decision.kind === 'route' && decision.lookup === 'fib' && decision.result === 'unicast' ? decision.dev : here.find((t) => t.dir === 'out')?.dev;
    return { netns, ...(node ? { node } : {}), ...(devIn ? { devIn } : {}), ...(devOut ? { devOut } : {}) };
  }

  /** The packet as netfilter matches it; `devs` are the devices it came in on and leaves by, where the hook knows them (`-i`/`-o`). */
  packet(devs: { inDev?: string; outDev?: string } = {}): Packet {
    return { src: this.h.src, dst: this.h.dst, protocol: this.h.protocol, ...(this.h.sport !== undefined ? { sport: this.h.sport } : {}), ...(this.h.dport !== undefined ? { dport: this.h.dport } : {}), mark: this.mark, ctstate: [this.ctstate], ...devs };
  }

  walkContext(ns: Netns, node: string): WalkContext {
    const ipvs = this.world.nodes.node(node).ipvs;
    const ctx: WalkContext = {
      isLocalAddress: (ip) => ns.addresses.some((a) => a.address === ip) || (ipvs?.dummyAddresses.includes(ip) ?? false),
      random: () => this.world.random(),
      now: Math.floor(this.world.nowMs / 1000),
      recent: this.world.nodes.recent(node),
      ipsets: this.world.nodes.node(node).ipsets?.byName,
      observe: (table, chain, packet, result) => this.netfilterWalks.push({ node, table, chain, packet, result, ctx, mangle: this.world.nodes.node(node).tables.mangle }),
    };
    return ctx;
  }

  /** Applies one hook's result to the packet; returns an outcome when the hook ended the walk. */
  applyHook(netns: string, r: HookResult): ProbeOutcome | undefined {
    if (!r.decision) return undefined;
    const decision = r.decision;
    if (decision.kind === 'ipvs' || ((decision.kind === 'netfilter' || decision.kind === 'nftables') && (decision.verdict === 'DNAT' || decision.verdict === 'REJECT'))) {
      // Name the Service the packet was addressed to (before this hook rewrote it): the grader and a picture say "Service web", not an address.
      const service = serviceAddressed(this.world, this.h);
      if (service) decision.service = service;
    }
    const hop = this.hop(netns, decision);
    if (r.mark !== undefined) this.mark = r.mark;
    if (r.dnat) {
      this.h.dst = r.dnat.ip;
      if (r.dnat.port !== undefined) this.h.dport = r.dnat.port;
      this.natNode = netns.replace(/^node\//, '');
    }
    if (r.rewriteSrc) {
      this.preSnatSrc ??= this.h.src;
      this.h.src = r.rewriteSrc;
    }
    switch (r.verdict) {
      case 'REJECT':
        return { kind: 'refused', by: 'reject-rule' };
      case 'DROP':
        return { kind: 'dropped', cause: causeOf(hop) };
      default:
        return undefined;
    }
  }

  routeLookup(ns: Netns, node: string): RouteDecision {
    const ipvs = this.world.nodes.node(node).ipvs;
    if (ipvs?.dummyAddresses.includes(this.h.dst)) {
      const route = { type: 'local' as const, dst: `${this.h.dst}/32`, dev: 'kube-ipvs0', table: 'local' as const, origin: 'kube-proxy (IPVS) binds every Service IP to the dummy interface kube-ipvs0' };
      return { ok: true, kind: 'local', route, dev: 'kube-ipvs0', src: this.h.dst, onlink: false, mtu: 65536, why: `${this.h.dst} is bound to kube-ipvs0 (local table)` };
    }
    return lookupRoute(ns, this.h.dst);
  }

  routeHop(ns: Netns, route: RouteDecision): Hop {
    if (route.ok) {
      return this.hop(ns.id, { kind: 'route', lookup: 'fib', dst: this.h.dst, result: route.kind, route: route.route, dev: route.dev, ...(route.via ? { via: route.via } : {}), src: route.src });
    }
    return this.hop(ns.id, { kind: 'drop', drop: 'no-route', dst: this.h.dst, failure: route.kind, error: route.error, ...(route.route ? { route: route.route } : {}) });
  }

  /** Size against the egress link's MTU: fragment, or ICMP "fragmentation needed" when DF is set. */
  mtuCheck(ns: Netns, link: Link | undefined, route: RouteFound | undefined): ProbeOutcome | undefined {
    const mtu = link?.mtu ?? route?.mtu ?? 1500;
    if (this.h.sizeBytes <= mtu) return undefined;
    const dev = link?.name ?? route?.dev;
    if (this.df) {
      const hop = this.hop(ns.id, { kind: 'mtu', ...(dev !== undefined ? { dev } : {}), mtu, sizeBytes: this.h.sizeBytes, action: 'frag-needed' });
      return { kind: 'unreachable', cause: causeOf(hop), icmp: 'frag-needed', mtu, netns: ns.id };
    }
    this.hop(ns.id, { kind: 'mtu', ...(dev !== undefined ? { dev } : {}), mtu, sizeBytes: this.h.sizeBytes, action: 'fragmented', fragments: Math.ceil(this.h.sizeBytes / mtu) });
    return undefined;
  }

  nodeByIP(ip: string): string | undefined {
    return this.world.cluster.list('nodes').find((n) => n.status.addresses.some((a) => a.type === 'InternalIP' && a.address === ip))?.metadata.name;
  }

  podAt(ip: string): Pod | undefined {
    const ns = netnsOwning(this.world.dataplane, ip);
    if (!ns?.pod) return undefined;
    const [namespace, name] = ns.pod.split('/');
    return this.world.cluster.get('pods', namespace, name);
  }
}
