// The state of one packet's walk and the steps every stage shares: the packet's headers as they
// are rewritten (DNAT, masquerade, tunnel headers), the skb mark, where NAT happened, the hops
// recorded so far, and the helpers that route it, run a netfilter hook's result, and check its
// size against a link's MTU. The stages (walk.ts: the sender; node-hop.ts: a node's kernel and the
// wire; delivery.ts: the socket) read and write it.

import type { Pod } from '../../kube/types';
import type { Packet, WalkContext } from '../kube-proxy';
import { lookupRoute, netnsOwning, type RouteDecision } from '../netns/route-lookup';
import type { Link, Netns } from '../netns/types';
import { formatRoute } from '../netns/format-route';
import type { HookResult } from './netfilter-hooks';
import type { Headers, Hop, HopKind, Probe, ProbeOutcome, Tap } from './types';
import type { PacketWorld } from './world';

/** Linux's default ip_local_port_range: 32768–60999. */
const EPHEMERAL_LOW = 32768;
const EPHEMERAL_COUNT = 60999 - 32768 + 1;

/** How a packet comes into a node's kernel: sent by the node itself, or forwarded in through a device. */
export type Arrival = { kind: 'local-out' } | { kind: 'forward'; inDev: string };

/** A route lookup that found a way out. */
export type RouteFound = Extract<RouteDecision, { ok: true }>;

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

  constructor(
    readonly world: PacketWorld,
    readonly probe: Probe,
  ) {
    const sport = probe.protocol === 'icmp' ? undefined : (probe.sport ?? EPHEMERAL_LOW + Math.floor(world.random() * EPHEMERAL_COUNT));
    const size = probe.sizeBytes ?? (probe.protocol === 'tcp' ? 60 : probe.protocol === 'icmp' ? 84 : 72);
    this.h = { src: '0.0.0.0', dst: probe.dst, protocol: probe.protocol, ...(sport !== undefined ? { sport } : {}), ...(probe.dport !== undefined ? { dport: probe.dport } : {}), sizeBytes: size };
    this.original = { dst: probe.dst, ...(probe.dport !== undefined ? { dport: probe.dport } : {}) };
  }

  get df(): boolean {
    return this.probe.df ?? this.probe.protocol === 'tcp';
  }

  hop(netns: string, kind: HopKind, summary: string, because: string[] = [], taps?: Tap[]): void {
    this.hops.push({ netns, kind, summary, because, headers: { ...this.h, ...(this.h.outer ? { outer: { ...this.h.outer } } : {}) }, ...(taps ? { taps } : {}) });
  }

  packet(): Packet {
    return { src: this.h.src, dst: this.h.dst, protocol: this.h.protocol, ...(this.h.sport !== undefined ? { sport: this.h.sport } : {}), ...(this.h.dport !== undefined ? { dport: this.h.dport } : {}), mark: this.mark, ctstate: ['NEW'] };
  }

  walkContext(ns: Netns, node: string): WalkContext {
    const ipvs = this.world.nodes.node(node).ipvs;
    return {
      isLocalAddress: (ip) => ns.addresses.some((a) => a.address === ip) || (ipvs?.dummyAddresses.includes(ip) ?? false),
      random: () => this.world.random(),
      now: Math.floor(this.world.nowMs / 1000),
      recent: this.world.nodes.recent(node),
      ipsets: this.world.nodes.node(node).ipsets?.byName,
    };
  }

  /** Applies one hook's result to the packet; returns an outcome when the hook ended the walk. */
  applyHook(netns: string, r: HookResult): ProbeOutcome | undefined {
    if (r.summary) this.hop(netns, r.kind, r.summary, r.because);
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
        return { kind: 'dropped', reason: r.summary ?? 'dropped by a netfilter rule' };
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

  routeHop(ns: Netns, route: RouteDecision): void {
    if (route.ok) {
      const line = route.kind === 'local' ? `local ${this.h.dst} dev ${route.dev} table local` : formatRoute(route.route, false).trim();
      this.hop(ns.id, 'route', route.kind === 'local' ? `${this.h.dst} is local to ${ns.id}` : `route to ${this.h.dst}: out ${route.dev}${route.via ? ` via ${route.via}` : ''}`, [line, route.route.origin]);
    } else {
      this.hop(ns.id, 'drop', `no usable route to ${this.h.dst}: ${route.error}`, [route.why]);
    }
  }

  /** Size against the egress link's MTU: fragment, or ICMP "fragmentation needed" when DF is set. */
  mtuCheck(ns: Netns, link: Link | undefined, route: RouteFound | undefined): ProbeOutcome | undefined {
    const mtu = link?.mtu ?? route?.mtu ?? 1500;
    if (this.h.sizeBytes <= mtu) return undefined;
    if (this.df) {
      this.hop(ns.id, 'mtu', `${this.h.sizeBytes}-byte packet with DF set exceeds ${link?.name ?? route?.dev}'s MTU ${mtu}: ICMP "fragmentation needed, next-hop MTU ${mtu}"`);
      return { kind: 'unreachable', reason: `packet of ${this.h.sizeBytes} bytes does not fit ${link?.name ?? route?.dev} (mtu ${mtu}) and may not be fragmented`, icmp: 'frag-needed', mtu, netns: ns.id };
    }
    this.hop(ns.id, 'mtu', `${this.h.sizeBytes}-byte packet exceeds ${link?.name ?? route?.dev}'s MTU ${mtu}: fragmented into ${Math.ceil(this.h.sizeBytes / mtu)} pieces`);
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
