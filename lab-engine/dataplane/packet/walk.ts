// The packet engine: one probe walked hop by hop the way the kernel would move it. The source
// netns routes it, the veth carries it to the node, the node's netfilter hooks run in kernel
// order (nat PREROUTING/OUTPUT with kube-proxy's DNAT or IPVS, the routing decision, filter
// FORWARD/OUTPUT/INPUT with kube-proxy's REJECTs, NetworkPolicy where the CNI enforces it, nat
// POSTROUTING's masquerade), a tunnel wraps it for another node (or, with kubenet, the cloud's VPC
// router forwards it by its route table), and the destination netns either has a socket for it or
// not. Every hop says what decided it, read from the model.

import type { Pod } from '../../kube/types';
import { MAX_PACKET_HOPS } from '../../core/limits';
import { listensOn } from '../apps/listeners';
import { ipvsSchedule, type Packet, type WalkContext } from '../kube-proxy';
import { findLink, lookupRoute, netnsOwning, vethPeer, vxlanRemote, type RouteDecision } from '../netns/route-lookup';
import type { Dataplane, Link, Netns } from '../netns/types';
import { formatRoute } from '../netns/format-route';
import { ipvsHooks, natHook, filterHook, type HookResult } from './netfilter-hooks';
import { nodeSockets } from './node-sockets';
import { policyCheck } from './policy-hook';
import type { Headers, Hop, HopKind, Probe, ProbeOutcome, ProbeResult, Tap } from './types';
import { EXTERNAL_HOSTS, type PacketWorld } from './world';
import { CLOUD_ROUTER_NETNS, cloudRouteFor, cloudRouteReasons, formatCloudRoute } from './cloud-router';

/** Linux's default ip_local_port_range: 32768–60999. */
const EPHEMERAL_LOW = 32768;
const EPHEMERAL_COUNT = 60999 - 32768 + 1;

type Arrival = { kind: 'local-out' } | { kind: 'forward'; inDev: string };

export interface ProbeOptions {
  /** Record the connection in the nodes' conntrack tables (default true: the learner's own traffic). */
  recordConntrack?: boolean;
  /** The client closes a delivered TCP connection once done (curl, wget): conntrack ends in TIME_WAIT. */
  closeAfter?: boolean;
}

export function sendProbe(world: PacketWorld, probe: Probe, options: ProbeOptions = {}): ProbeResult {
  const walk = new PacketWalk(world, probe);
  const outcome = walk.run();
  if (options.recordConntrack !== false) walk.recordConntrack(outcome, options.closeAfter === true);
  return { outcome, hops: walk.hops, replied: outcome.kind === 'delivered' || outcome.kind === 'refused' };
}

class PacketWalk {
  readonly hops: Hop[] = [];
  private h: Headers;
  private mark = 0;
  /** Set once a nat table rewrote the destination: later nodes only route. */
  private natNode?: string;
  private original: { dst: string; dport?: number };
  private srcPod?: Pod;
  /** The sender's own address, kept when a masquerade rewrote it (conntrack's original tuple). */
  private preSnatSrc?: string;
  private egressChecked = false;
  private steps = 0;

  constructor(
    private readonly world: PacketWorld,
    private readonly probe: Probe,
  ) {
    const sport = probe.protocol === 'icmp' ? undefined : (probe.sport ?? EPHEMERAL_LOW + Math.floor(world.random() * EPHEMERAL_COUNT));
    const size = probe.sizeBytes ?? (probe.protocol === 'tcp' ? 60 : probe.protocol === 'icmp' ? 84 : 72);
    this.h = { src: '0.0.0.0', dst: probe.dst, protocol: probe.protocol, ...(sport !== undefined ? { sport } : {}), ...(probe.dport !== undefined ? { dport: probe.dport } : {}), sizeBytes: size };
    this.original = { dst: probe.dst, ...(probe.dport !== undefined ? { dport: probe.dport } : {}) };
  }

  private get df(): boolean {
    return this.probe.df ?? this.probe.protocol === 'tcp';
  }

  private hop(netns: string, kind: HopKind, summary: string, because: string[] = [], taps?: Tap[]): void {
    this.hops.push({ netns, kind, summary, because, headers: { ...this.h, ...(this.h.outer ? { outer: { ...this.h.outer } } : {}) }, ...(taps ? { taps } : {}) });
  }

  run(): ProbeOutcome {
    const from = this.probe.from;
    switch (from.kind) {
      case 'pod':
        return this.fromPod(from.namespace, from.name);
      case 'node': {
        const ns = this.world.dataplane.nodes[from.node];
        if (!ns) return { kind: 'unreachable', reason: `there is no node ${from.node}` };
        const route = lookupRoute(ns, this.h.dst);
        this.h.src = route.ok ? route.src : '0.0.0.0';
        return this.atNode(from.node, { kind: 'local-out' });
      }
      case 'external':
        return this.fromExternal(from.host);
      default: {
        const never: never = from;
        return never;
      }
    }
  }

  // ---- the sender

  private fromPod(namespace: string, name: string): ProbeOutcome {
    const pod = this.world.cluster.get('pods', namespace, name);
    if (!pod) return { kind: 'unreachable', reason: `pod ${namespace}/${name} does not exist` };
    this.srcPod = pod;
    if (pod.spec.hostNetwork && pod.spec.nodeName) {
      // A hostNetwork pod is the node as far as packets go: no veth, no pod policy.
      this.srcPod = undefined;
      this.h.src = pod.status.hostIP ?? this.h.src;
      return this.atNode(pod.spec.nodeName, { kind: 'local-out' });
    }
    const ns = this.world.dataplane.pods[`${namespace}/${name}`];
    if (!ns) return { kind: 'unreachable', reason: `pod ${namespace}/${name} has no network namespace yet (phase ${pod.status.phase}): nothing can send from it` };
    const route = lookupRoute(ns, this.h.dst);
    if (route.ok) this.h.src = route.src;
    this.routeHop(ns, route);
    if (!route.ok) return { kind: 'unreachable', reason: `${ns.id}: ${route.error}`, icmp: 'net-unreachable' };
    if (route.kind === 'local') return this.deliverToPod(pod, ns);
    const link = findLink(ns, route.dev);
    const tooBig = this.mtuCheck(ns, link, route);
    if (tooBig) return tooBig;
    const peer = link && vethPeer(this.world.dataplane, link);
    if (!peer) return { kind: 'dropped', reason: `${ns.id}: ${route.dev} leads nowhere` };
    this.hop(ns.id, 'veth', `${link!.name} → ${peer.link.name} on ${peer.netns.node}: the veth pair carries the packet into the node's root netns`, [`${link!.name}@if${peer.link.ifindex} ⇄ ${peer.link.name}@if${link!.ifindex}`], [
      { netns: ns.id, dev: link!.name, dir: 'out' },
      { netns: peer.netns.id, dev: peer.link.name, dir: peer.link.master ? 'otherhost' : 'in' },
    ]);
    if (peer.link.master) {
      this.hop(peer.netns.id, 'bridge', `${peer.link.name} is a port of ${peer.link.master}; the frame is addressed to the gateway ${route.via ?? ''}, the bridge's own address, so ${peer.link.master} passes it up to the node's IP stack`, [`${peer.link.name} master ${peer.link.master}`], [{ netns: peer.netns.id, dev: peer.link.master, dir: 'in' }]);
    }
    return this.atNode(peer.netns.node, { kind: 'forward', inDev: peer.link.master ?? peer.link.name });
  }

  private fromExternal(host: 'workstation' | 'internet'): ProbeOutcome {
    this.h.src = EXTERNAL_HOSTS[host];
    const netns = `external/${host}`;
    const nodes = this.world.cluster.list('nodes');
    const node = nodes.find((n) => n.status.addresses.some((a) => a.type === 'InternalIP' && a.address === this.h.dst));
    if (node) {
      if (host === 'internet') {
        this.hop(netns, 'drop', `${this.h.dst} is a private node address (172.18.0.0/16): the internet has no route to it`);
        return { kind: 'dropped', reason: `${this.h.dst} is a node's private address; from the internet only load-balancer IPs are reachable` };
      }
      this.hop(netns, 'wire', `${host} → ${node.metadata.name} (${this.h.dst}) over the node network`, [`${this.h.dst} is ${node.metadata.name}'s InternalIP`], [{ netns: `node/${node.metadata.name}`, dev: 'eth0', dir: 'in' }]);
      return this.atNode(node.metadata.name, { kind: 'forward', inDev: 'eth0' });
    }
    const lb = this.world.cluster.list('services').find((s) => s.status.loadBalancer.ingress?.some((i) => i.ip === this.h.dst));
    if (lb) {
      const target = this.loadBalancerTarget(lb.metadata.namespace ?? 'default', lb.metadata.name, lb.spec.externalTrafficPolicy === 'Local');
      if (!target) {
        this.hop(netns, 'drop', `the load balancer for ${lb.metadata.namespace}/${lb.metadata.name} has no healthy node to send to`);
        return { kind: 'dropped', reason: `no node passes the load balancer's health check for ${lb.metadata.namespace}/${lb.metadata.name}` };
      }
      this.hop(netns, 'wire', `load balancer ${this.h.dst} (${lb.metadata.namespace}/${lb.metadata.name}) forwards to ${target}, keeping the destination address`, [
        lb.spec.externalTrafficPolicy === 'Local' ? 'externalTrafficPolicy: Local: only nodes with a ready endpoint pass the health check (healthCheckNodePort)' : 'externalTrafficPolicy: Cluster: every node is a healthy target',
      ], [{ netns: `node/${target}`, dev: 'eth0', dir: 'in' }]);
      return this.atNode(target, { kind: 'forward', inDev: 'eth0' });
    }
    this.hop(netns, 'drop', `${this.h.dst} is not reachable from outside the cluster: only node IPs and load-balancer IPs are`);
    return { kind: 'dropped', reason: `${this.h.dst} is not reachable from ${host}: ClusterIPs and pod IPs exist only inside the cluster` };
  }

  /** The node a cloud or MetalLB load balancer sends a new connection to (first in name order among healthy ones). */
  private loadBalancerTarget(namespace: string, name: string, local: boolean): string | undefined {
    const ready = this.world.cluster
      .list('nodes')
      .filter((n) => !n.spec.taints?.some((t) => t.key === 'node-role.kubernetes.io/control-plane') && n.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True'))
      .map((n) => n.metadata.name);
    if (!local) return ready[0];
    const withEndpoint = new Set(
      this.world.cluster
        .list('endpointslices', namespace)
        .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name)
        .flatMap((s) => s.endpoints.filter((e) => e.conditions.ready).map((e) => e.nodeName)),
    );
    return ready.find((n) => withEndpoint.has(n));
  }

  // ---- a node's kernel

  private atNode(node: string, arrival: Arrival): ProbeOutcome {
    if (++this.steps > MAX_PACKET_HOPS) return { kind: 'dropped', reason: `gave up after ${MAX_PACKET_HOPS} hops (a routing loop?)` };
    const ns = this.world.dataplane.nodes[node];
    if (!ns) return { kind: 'dropped', reason: `no network namespace for node ${node}` };
    const local = arrival.kind === 'local-out';
    const runtime = this.world.nodes.node(node);
    const walkCtx = this.walkContext(ns, node);

    // nat PREROUTING / OUTPUT: kube-proxy's DNAT (iptables) or IPVS (a virtual server on kube-ipvs0).
    let walkedInput = false;
    if (!this.natNode && this.h.protocol !== 'icmp') {
      const ipvs = runtime.mode === 'ipvs' ? ipvsHooks(runtime, this.h, this.packet(), node, local, walkCtx) : undefined;
      walkedInput = ipvs?.walkedInput ?? false;
      for (const hook of ipvs?.results ?? [natHook(runtime.tables, local ? 'OUTPUT' : 'PREROUTING', this.packet(), walkCtx)]) {
        const applied = this.applyHook(ns.id, hook);
        if (applied) return applied;
      }
    }

    const route = this.routeLookup(ns, node);
    this.routeHop(ns, route);
    if (!route.ok) return { kind: 'unreachable', reason: `${ns.id}: ${route.error}`, icmp: 'host-unreachable' };

    if (route.kind === 'local') {
      if (!walkedInput) {
        const input = filterHook(runtime.tables, 'INPUT', this.packet(), walkCtx);
        const stopped = this.applyHook(ns.id, input);
        if (stopped) return stopped;
      }
      return this.deliverToNode(node, ns);
    }

    const filter = filterHook(runtime.tables, local ? 'OUTPUT' : 'FORWARD', this.packet(), walkCtx);
    const stopped = this.applyHook(ns.id, filter);
    if (stopped) return stopped;

    const dstPod = this.podAt(this.h.dst);
    if (this.srcPod && !this.egressChecked && !local) {
      this.egressChecked = true;
      const verdict = policyCheck(this.world, 'egress', this.srcPod, dstPod, this.h);
      if (verdict) {
        this.hop(ns.id, 'policy', verdict.summary, verdict.because);
        if (!verdict.allowed) return { kind: 'dropped', reason: verdict.summary };
      }
    }

    // nat POSTROUTING: KUBE-POSTROUTING masquerades what kube-proxy marked.
    const post = natHook(runtime.tables, 'POSTROUTING', this.packet(), walkCtx);
    if (post.verdict === 'MASQUERADE') post.rewriteSrc = route.src;
    const postStop = this.applyHook(ns.id, post);
    if (postStop) return postStop;

    const link = findLink(ns, route.dev);
    if (!link) return { kind: 'dropped', reason: `${ns.id}: no device ${route.dev}` };
    return this.leaveNode(node, ns, link, route, dstPod);
  }

  private leaveNode(node: string, ns: Netns, link: Link, route: Extract<RouteDecision, { ok: true }>, dstPod: Pod | undefined): ProbeOutcome {
    switch (link.kind) {
      case 'veth':
        return this.intoLocalPod(node, ns, link);
      case 'bridge': {
        const port = ns.links.find((l) => l.master === link.name && l.peer && this.world.dataplane.pods[l.peer.netns.replace(/^pod\//, '')]?.addresses.some((a) => a.address === this.h.dst));
        if (!port) {
          this.hop(ns.id, 'drop', `${link.name} has no port leading to ${this.h.dst}: no pod holds that address on ${node}`);
          return { kind: 'unreachable', reason: `no pod has ${this.h.dst} on ${node}`, icmp: 'host-unreachable' };
        }
        this.hop(ns.id, 'bridge', `${link.name} forwards the frame to ${port.name} (its FDB learned the pod's MAC there)`, [`${port.name} master ${link.name}`], [{ netns: ns.id, dev: link.name, dir: 'out' }]);
        return this.intoLocalPod(node, ns, port, dstPod);
      }
      case 'ipip':
      case 'vxlan':
        return this.tunnel(node, ns, link, route);
      case 'ether':
        return this.overTheWire(node, ns, route);
      case 'loopback':
      case 'dummy':
        return this.deliverToNode(node, ns);
      default: {
        const never: never = link.kind;
        return never;
      }
    }
  }

  private intoLocalPod(node: string, ns: Netns, link: Link, knownPod?: Pod): ProbeOutcome {
    const peer = vethPeer(this.world.dataplane, link);
    if (!peer || !peer.netns.pod) return { kind: 'dropped', reason: `${ns.id}: ${link.name} has no pod at its other end` };
    const [namespace, name] = peer.netns.pod.split('/');
    const pod = knownPod ?? this.world.cluster.get('pods', namespace, name);
    if (!pod) return { kind: 'dropped', reason: `pod ${peer.netns.pod} is gone` };
    const verdict = policyCheck(this.world, 'ingress', this.srcPod, pod, this.h);
    if (verdict) {
      this.hop(ns.id, 'policy', verdict.summary, verdict.because);
      if (!verdict.allowed) return { kind: 'dropped', reason: verdict.summary };
    }
    const tooBig = this.mtuCheck(ns, link, undefined);
    if (tooBig) return tooBig;
    this.hop(ns.id, 'veth', `${link.name} → eth0 of ${peer.netns.pod}: into the pod's netns`, [`${link.name}@if${peer.link.ifindex} ⇄ eth0@if${link.ifindex}`], [
      { netns: ns.id, dev: link.name, dir: 'out' },
      { netns: peer.netns.id, dev: 'eth0', dir: 'in' },
    ]);
    return this.deliverToPod(pod, peer.netns);
  }

  private tunnel(node: string, ns: Netns, link: Link, route: Extract<RouteDecision, { ok: true }>): ProbeOutcome {
    const remoteIP = link.kind === 'vxlan' ? this.vxlanDestination(ns, link, route) : route.via;
    const remote = remoteIP ? this.nodeByIP(remoteIP) : undefined;
    if (!remote || !remoteIP) return { kind: 'dropped', reason: `${ns.id}: ${link.name} has no remote endpoint for ${route.via ?? this.h.dst}` };
    const tooBig = this.mtuCheck(ns, link, route);
    if (tooBig) return tooBig;
    const overhead = link.encapsulation?.overheadBytes ?? 0;
    const local = ns.addresses.find((a) => a.dev === 'eth0' && a.family === 'inet')?.address ?? '';
    this.h.outer = { kind: link.kind === 'vxlan' ? 'vxlan' : 'ipip', src: local, dst: remoteIP, sizeBytes: this.h.sizeBytes + overhead, ...(link.vxlan ? { vni: link.vxlan.id, port: link.vxlan.dstport } : {}) };
    const how = link.kind === 'vxlan' ? `VXLAN (VNI ${link.vxlan?.id}, UDP ${link.vxlan?.dstport})` : 'IP-in-IP (protocol 4)';
    this.hop(ns.id, 'encap', `${link.name} wraps the packet in ${how}: outer ${local} → ${remoteIP}, +${overhead} bytes`, [`${link.name} mtu ${link.mtu}`], [{ netns: ns.id, dev: link.name, dir: 'out', inner: true }]);
    this.hop(ns.id, 'wire', `eth0 carries the outer packet to ${remote} (${remoteIP}) over the node network`, [], [
      { netns: ns.id, dev: 'eth0', dir: 'out' },
      { netns: `node/${remote}`, dev: 'eth0', dir: 'in' },
    ]);
    this.h.outer = undefined;
    // skb->mark is local to one kernel: the receiving node starts from 0.
    this.mark = 0;
    this.hop(`node/${remote}`, 'decap', `${link.name} on ${remote} unwraps it; the inner packet continues as if routed locally`, [], [{ netns: `node/${remote}`, dev: link.name, dir: 'in' }]);
    return this.atNode(remote, { kind: 'forward', inDev: link.name });
  }

  private vxlanDestination(ns: Netns, link: Link, route: Extract<RouteDecision, { ok: true }>): string | undefined {
    const gw = route.via;
    const neigh = gw ? ns.neighbours.find((n) => n.ip === gw && n.dev === link.name) : undefined;
    return neigh?.lladdr ? vxlanRemote(ns, link.name, neigh.lladdr) : undefined;
  }

  private overTheWire(node: string, ns: Netns, route: Extract<RouteDecision, { ok: true }>): ProbeOutcome {
    const nextHop = route.via ?? this.h.dst;
    const remote = this.nodeByIP(nextHop);
    if (remote && remote !== node) {
      const tooBig = this.mtuCheck(ns, findLink(ns, 'eth0'), route);
      if (tooBig) return tooBig;
      this.hop(ns.id, 'wire', `eth0 → ${remote} (${nextHop}) over the node network`, [], [
        { netns: ns.id, dev: 'eth0', dir: 'out' },
        { netns: `node/${remote}`, dev: 'eth0', dir: 'in' },
      ]);
      this.mark = 0;
      return this.atNode(remote, { kind: 'forward', inDev: 'eth0' });
    }
    const cloud = this.world.dataplane.cloud;
    if (cloud && nextHop === cloud.router) {
      const viaCloud = this.throughCloudRouter(node, ns, cloud);
      if (viaCloud) return viaCloud;
    }
    const external = Object.entries(EXTERNAL_HOSTS).find(([, ip]) => ip === this.h.dst);
    if (external && this.h.dst === EXTERNAL_HOSTS.workstation) {
      this.hop(ns.id, 'wire', `eth0 → the ${external[0]} (${this.h.dst}) on the node network`, [], [{ netns: ns.id, dev: 'eth0', dir: 'out' }]);
      return { kind: 'delivered', at: { netns: `external/${external[0]}`, node, ip: this.h.dst, ...(this.h.dport !== undefined ? { port: this.h.dport } : {}), sourceSeen: this.h.src } };
    }
    this.hop(ns.id, 'drop', `sent to ${nextHop} through eth0; nothing on the node network answers for ${this.h.dst}, so the packet is lost`, [route.why]);
    return { kind: 'dropped', reason: `${this.h.dst} left ${node} towards ${nextHop} and nothing there owns it` };
  }

  /** kubenet: the VPC router at the default gateway forwards by the cloud route table to the node that owns the pod CIDR. */
  private throughCloudRouter(node: string, ns: Netns, cloud: NonNullable<Dataplane['cloud']>): ProbeOutcome | undefined {
    const hit = cloudRouteFor(cloud.routes, this.h.dst);
    if (!hit) return undefined;
    const tooBig = this.mtuCheck(ns, findLink(ns, 'eth0'), undefined);
    if (tooBig) return tooBig;
    this.hop(ns.id, 'wire', `eth0 → the VPC router (${cloud.router}), the default gateway`, [], [{ netns: ns.id, dev: 'eth0', dir: 'out' }]);
    if (hit.node === node) {
      this.hop(CLOUD_ROUTER_NETNS, 'drop', `VPC route table: ${formatCloudRoute(hit)}: back to the sender, which has no bridge for it yet; the packet is lost`, cloudRouteReasons(hit));
      return { kind: 'dropped', reason: `${this.h.dst} belongs to ${node}'s own pod CIDR, but no pod there holds it` };
    }
    this.hop(CLOUD_ROUTER_NETNS, 'route', `VPC route table: ${formatCloudRoute(hit)}`, cloudRouteReasons(hit));
    this.hop(CLOUD_ROUTER_NETNS, 'wire', `the VPC delivers it to ${hit.node} (${hit.nextHopIp}) as it is: no tunnel, no NAT`, [], [{ netns: `node/${hit.node}`, dev: 'eth0', dir: 'in' }]);
    this.mark = 0;
    return this.atNode(hit.node, { kind: 'forward', inDev: 'eth0' });
  }

  // ---- delivery

  private deliverToPod(pod: Pod, ns: Netns): ProbeOutcome {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const at = { netns: ns.id, pod: { namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name }, node: pod.spec.nodeName ?? '', ip: this.h.dst, ...(this.h.dport !== undefined ? { port: this.h.dport } : {}), sourceSeen: this.h.src };
    if (this.h.protocol === 'icmp') {
      this.hop(ns.id, 'deliver', `${key}'s kernel answers the echo request from ${this.h.src}`);
      return { kind: 'delivered', at };
    }
    const port = this.h.dport ?? 0;
    if (pod.status.phase !== 'Running' || !listensOn(pod, port, this.h.protocol)) {
      const why = pod.status.phase !== 'Running' ? `${key} is ${pod.status.phase}: no process runs there` : `nothing in ${key} listens on ${this.h.protocol}/${port}`;
      this.hop(ns.id, 'deliver', `${why}; the kernel answers ${this.h.protocol === 'tcp' ? 'with a TCP RST' : 'ICMP port unreachable'}`);
      return { kind: 'refused', at, by: 'no-listener' };
    }
    this.hop(ns.id, 'deliver', `${key} accepts ${this.h.protocol}/${port} from ${this.h.src}`);
    return { kind: 'delivered', at };
  }

  private deliverToNode(node: string, ns: Netns): ProbeOutcome {
    const at = { netns: ns.id, node, ip: this.h.dst, ...(this.h.dport !== undefined ? { port: this.h.dport } : {}), sourceSeen: this.h.src };
    if (this.h.protocol === 'icmp') {
      this.hop(ns.id, 'deliver', `${node}'s kernel answers the echo request (${this.h.dst} is one of its addresses)`);
      return { kind: 'delivered', at };
    }
    const port = this.h.dport ?? 0;
    const socket = nodeSockets(this.world.cluster, node).find((s) => s.port === port && s.protocol === this.h.protocol && (s.address === '0.0.0.0' || s.address === '*' || s.address === this.h.dst));
    if (!socket) {
      this.hop(ns.id, 'deliver', `nothing on ${node} listens on ${this.h.protocol}/${port}; the kernel answers ${this.h.protocol === 'tcp' ? 'with a TCP RST' : 'ICMP port unreachable'}`);
      return { kind: 'refused', at, by: 'no-listener' };
    }
    this.hop(ns.id, 'deliver', `${socket.process} on ${node} accepts ${this.h.protocol}/${port}`);
    return { kind: 'delivered', at };
  }

  // ---- helpers

  private packet(): Packet {
    return { src: this.h.src, dst: this.h.dst, protocol: this.h.protocol, ...(this.h.sport !== undefined ? { sport: this.h.sport } : {}), ...(this.h.dport !== undefined ? { dport: this.h.dport } : {}), mark: this.mark, ctstate: ['NEW'] };
  }

  private walkContext(ns: Netns, node: string): WalkContext {
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
  private applyHook(netns: string, r: HookResult): ProbeOutcome | undefined {
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

  private routeLookup(ns: Netns, node: string): RouteDecision {
    const ipvs = this.world.nodes.node(node).ipvs;
    if (ipvs?.dummyAddresses.includes(this.h.dst)) {
      const route = { type: 'local' as const, dst: `${this.h.dst}/32`, dev: 'kube-ipvs0', table: 'local' as const, origin: 'kube-proxy (IPVS) binds every Service IP to the dummy interface kube-ipvs0' };
      return { ok: true, kind: 'local', route, dev: 'kube-ipvs0', src: this.h.dst, onlink: false, mtu: 65536, why: `${this.h.dst} is bound to kube-ipvs0 (local table)` };
    }
    return lookupRoute(ns, this.h.dst);
  }

  private routeHop(ns: Netns, route: RouteDecision): void {
    if (route.ok) {
      const line = route.kind === 'local' ? `local ${this.h.dst} dev ${route.dev} table local` : formatRoute(route.route, false).trim();
      this.hop(ns.id, 'route', route.kind === 'local' ? `${this.h.dst} is local to ${ns.id}` : `route to ${this.h.dst}: out ${route.dev}${route.via ? ` via ${route.via}` : ''}`, [line, route.route.origin]);
    } else {
      this.hop(ns.id, 'drop', `no usable route to ${this.h.dst}: ${route.error}`, [route.why]);
    }
  }

  /** Size against the egress link's MTU: fragment, or ICMP "fragmentation needed" when DF is set. */
  private mtuCheck(ns: Netns, link: Link | undefined, route: Extract<RouteDecision, { ok: true }> | undefined): ProbeOutcome | undefined {
    const mtu = link?.mtu ?? route?.mtu ?? 1500;
    if (this.h.sizeBytes <= mtu) return undefined;
    if (this.df) {
      this.hop(ns.id, 'mtu', `${this.h.sizeBytes}-byte packet with DF set exceeds ${link?.name ?? route?.dev}'s MTU ${mtu}: ICMP "fragmentation needed, next-hop MTU ${mtu}"`);
      return { kind: 'unreachable', reason: `packet of ${this.h.sizeBytes} bytes does not fit ${link?.name ?? route?.dev} (mtu ${mtu}) and may not be fragmented`, icmp: 'frag-needed', mtu, netns: ns.id };
    }
    this.hop(ns.id, 'mtu', `${this.h.sizeBytes}-byte packet exceeds ${link?.name ?? route?.dev}'s MTU ${mtu}: fragmented into ${Math.ceil(this.h.sizeBytes / mtu)} pieces`);
    return undefined;
  }

  private nodeByIP(ip: string): string | undefined {
    return this.world.cluster.list('nodes').find((n) => n.status.addresses.some((a) => a.type === 'InternalIP' && a.address === ip))?.metadata.name;
  }

  private podAt(ip: string): Pod | undefined {
    const ns = netnsOwning(this.world.dataplane, ip);
    if (!ns?.pod) return undefined;
    const [namespace, name] = ns.pod.split('/');
    return this.world.cluster.get('pods', namespace, name);
  }

  /** The flow as the first node's conntrack saw it. */
  recordConntrack(outcome: ProbeOutcome, closed: boolean): void {
    if (this.h.protocol === 'icmp' || this.h.sport === undefined || this.original.dport === undefined) return;
    const node = this.natNode ?? (this.probe.from.kind === 'node' ? this.probe.from.node : this.srcPod?.spec.nodeName);
    if (!node) return;
    const table = this.world.nodes.conntrack(node);
    const orig = { src: this.preSnatSrc ?? this.h.src, dst: this.original.dst, sport: this.h.sport, dport: this.original.dport };
    const dnat = this.h.dst !== this.original.dst || this.h.dport !== this.original.dport ? `${this.h.dst}:${this.h.dport}` : undefined;
    const entry = table.create(this.h.protocol, orig, { ...(dnat ? { dnat } : {}), ...(this.h.src !== orig.src ? { snat: this.h.src } : {}) }, this.world.nowMs, this.mark);
    if (!entry) return;
    if (outcome.kind === 'delivered') table.update(entry, 'reply', this.world.nowMs, this.h.protocol === 'tcp' ? 'syn-ack' : undefined);
    if (outcome.kind === 'delivered' && this.h.protocol === 'tcp') table.update(entry, 'original', this.world.nowMs, 'ack');
    if (outcome.kind === 'delivered' && this.h.protocol === 'tcp' && closed) {
      // FIN from the client, FIN back, the last ACK: the kernel keeps the entry in TIME_WAIT.
      table.update(entry, 'original', this.world.nowMs, 'fin');
      table.update(entry, 'reply', this.world.nowMs, 'fin');
      table.update(entry, 'original', this.world.nowMs, 'ack');
    }
    if (outcome.kind === 'refused' && this.h.protocol === 'tcp') table.update(entry, 'reply', this.world.nowMs, 'rst');
  }
}
