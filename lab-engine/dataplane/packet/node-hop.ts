// A packet in a node's kernel, in the order the kernel moves it: raw's NOTRACK, nat PREROUTING/OUTPUT with
// kube-proxy's DNAT or IPVS, the routing decision, filter INPUT/FORWARD/OUTPUT with kube-proxy's
// REJECTs, NetworkPolicy where the CNI enforces it, nat POSTROUTING's masquerade; then out of the
// node by the device the route chose: a veth (or a bridge port) into a local pod, a tunnel to
// another node, or eth0 onto the node network, where a peer node, the cloud's VPC router (for a
// CNI that leaves pod CIDRs to the cloud) or an outside host takes it.

import type { Pod } from '../../kube/types';
import { MAX_PACKET_HOPS } from '../../core/limits';
import { findLink, vethPeer, vxlanRemote } from '../netns/route-lookup';
import type { Dataplane, Link, Netns, WireguardDevice } from '../netns/types';
import { mustParseIPv4, parseCidr } from '../../kube/ipv4';
import { ipvsHooks, natHook, filterHook, policyChainDefers, rawHook, type HookResult } from './netfilter-hooks';
import { nftHook, nftPreRoutingChains, type NftBaseChainName } from './nftables-hooks';
import { agentRules, passes, policyCheck } from './policy-hook';
import type { ProbeOutcome } from './types';
import { EXTERNAL_HOSTS, REACHABLE_EXTERNAL_HOSTS, externalRefuses } from './world';
import { CLOUD_ROUTER_NETNS, cloudRouteFor, isPrivateAddress } from './cloud-router';
import { deliverToNode, deliverToPod } from './delivery';
import { crossInterconnect } from './interconnect-hop';
import { causeOf, type Arrival, type RouteFound, type WalkState } from './walk-state';
import { knownFlow, knownFlowSource } from './known-flow';
import { NAT_PORT_COUNT } from '../conntrack/snat-ports';
import { sendOutByHand } from './netns-walk';

export function atNode(w: WalkState, node: string, arrival: Arrival): ProbeOutcome {
  if (++w.steps > MAX_PACKET_HOPS) return { kind: 'dropped', cause: { kind: 'walk', failure: 'hop-limit', limit: MAX_PACKET_HOPS } };
  const ns = w.world.dataplane.nodes[node];
  if (!ns) return { kind: 'dropped', cause: { kind: 'walk', failure: 'no-node-netns', node } };
  const local = arrival.kind === 'local-out';
  const runtime = w.world.nodes.node(node);
  const walkCtx = w.walkContext(ns, node);
  // nftables mode: kube-proxy's own table runs beside iptables' (which then holds only kubelet's and the CNI's rules).
  const nft = (chain: NftBaseChainName): HookResult => (runtime.mode === 'nftables' ? nftHook(runtime, chain, w.packet(), walkCtx, w.world.nodes.affinity(node)) : {});
  const inDev = arrival.kind === 'forward' ? { inDev: arrival.inDev } : {};

  // raw PREROUTING / OUTPUT (priority -300): a NOTRACK rule keeps the packet out of conntrack, so
  // no nat chain sees it either (nat runs only on a tracked connection's first packet).
  w.ctstate = 'NEW';
  if (w.h.protocol !== 'icmp') {
    const raw = rawHook(runtime.tables, local ? 'OUTPUT' : 'PREROUTING', w.packet(inDev), walkCtx);
    const stopped = w.applyHook(ns.id, raw);
    if (stopped) return stopped;
    if (raw.decision?.kind === 'netfilter' && raw.decision.verdict === 'NOTRACK') w.untracked.add(node);
  }
  const untracked = w.untracked.has(node);
  if (untracked) w.ctstate = 'UNTRACKED';

  // nat PREROUTING / OUTPUT: kube-proxy's DNAT (iptables) or IPVS (a virtual server on kube-ipvs0).
  let walkedInput = false;
  const known = w.natNode || untracked ? undefined : knownFlow(w, node, local);
  // Conntrack (priority -200) sees the packet before nat: a new flow needs an entry, and a full table has none to give.
  const full = known || w.natNode || untracked || w.h.protocol === 'icmp' ? undefined : tableFull(w, node, ns.id);
  if (full) return full;
  if (known) {
    const applied = w.applyHook(ns.id, known.hook);
    if (applied) return applied;
  } else if (!w.natNode && !untracked && w.h.protocol !== 'icmp') {
    for (const chain of runtime.mode === 'nftables' ? nftPreRoutingChains(local) : []) {
      const applied = w.applyHook(ns.id, nft(chain));
      if (applied) return applied;
    }
    const ipvs = runtime.mode === 'ipvs' ? ipvsHooks(runtime, w.h, w.packet(inDev), node, local, walkCtx) : undefined;
    walkedInput = ipvs?.walkedInput ?? false;
    for (const hook of ipvs?.results ?? [natHook(runtime.tables, local ? 'OUTPUT' : 'PREROUTING', w.packet(inDev), walkCtx)]) {
      const applied = w.applyHook(ns.id, hook);
      if (applied) return applied;
    }
  }

  const route = w.routeLookup(ns, node);
  const routed = w.routeHop(ns, route);
  if (!route.ok) return { kind: 'unreachable', cause: causeOf(routed), icmp: 'host-unreachable' };
  // ip_route_input_slow: a node that does not forward drops what is not its own, without an ICMP.
  if (!local && route.kind === 'unicast' && !w.world.nodes.sysctls.forwarding(node)) {
    const lost = w.hop(ns.id, { kind: 'drop', drop: 'forwarding-off', dst: w.h.dst });
    return { kind: 'dropped', cause: causeOf(lost) };
  }

  if (route.kind === 'local') {
    if (!walkedInput) {
      const stoppedByNft = w.applyHook(ns.id, nft('filter-input'));
      if (stoppedByNft) return stoppedByNft;
      const input = policyChainDefers(filterHook(runtime.tables, 'INPUT', w.packet(inDev), walkCtx, runtime.cni?.policyChainPrefix), runtime.cni?.policyChainPrefix);
      const stopped = w.applyHook(ns.id, input);
      if (stopped) return stopped;
    }
    return deliverToNode(w, node, ns);
  }

  const nftFilter = w.applyHook(ns.id, nft(local ? 'filter-output' : 'filter-forward'));
  if (nftFilter) return nftFilter;
  const devs = { ...inDev, outDev: route.dev };
  const filter = policyChainDefers(filterHook(runtime.tables, local ? 'OUTPUT' : 'FORWARD', w.packet(devs), walkCtx, runtime.cni?.policyChainPrefix), runtime.cni?.policyChainPrefix);
  const stopped = w.applyHook(ns.id, filter);
  if (stopped) return stopped;

  const dstPod = w.podAt(w.h.dst);
  if (w.srcPod && !w.egressChecked && !local) {
    w.egressChecked = true;
    const verdict = w.probe.isReply ? undefined : policyCheck(w.world, 'egress', w.srcPod, dstPod, w.h);
    if (verdict && arrival.kind === 'forward') {
      const rules = agentRules(runtime, walkCtx, 'egress', w.h, arrival.inDev);
      if (rules) verdict.agentRules = rules;
    }
    if (verdict) {
      const judged = w.hop(ns.id, verdict);
      if (!passes(verdict)) return { kind: 'dropped', cause: causeOf(judged) };
    }
  }

  // nat POSTROUTING: KUBE-POSTROUTING (or nftables mode's masquerading chain) masquerades what kube-proxy marked.
  const nftPost = known ? {} : nft('nat-postrouting');
  if (nftPost.decision?.kind === 'nftables' && nftPost.verdict === 'MASQUERADE') {
    nftPost.rewriteSrc = route.src;
    nftPost.decision.masquerade = { toSource: route.src };
  }
  const nftPostStop = w.applyHook(ns.id, nftPost);
  if (nftPostStop) return nftPostStop;
  const post = known ? knownFlowSource(known) : untracked ? {} : natHook(runtime.tables, 'POSTROUTING', w.packet(devs), walkCtx);
  if (post.decision && post.verdict === 'MASQUERADE') {
    post.rewriteSrc = route.src;
    if (post.decision.kind === 'netfilter' && post.decision.masquerade) {
      post.decision.masquerade.toSource = route.src;
      const why = runtime.cni?.masquerade[post.decision.masquerade.chain ?? ''];
      if (why) post.decision.masquerade.cniReason = why;
    }
  }
  const postStop = w.applyHook(ns.id, post);
  if (postStop) return postStop;
  const snatTo = post.rewriteSrc ?? nftPost.rewriteSrc;
  if (snatTo && !known) {
    const exhausted = snatPortsExhausted(w, node, ns, snatTo);
    if (exhausted) return exhausted;
  }

  const link = findLink(ns, route.dev);
  if (!link) return { kind: 'dropped', cause: { kind: 'walk', failure: 'no-device', netns: ns.id, dev: route.dev } };
  return leaveNode(w, node, ns, link, route, dstPod);
}

/** A new masqueraded flow needs a free source port for its (node IP, protocol, destination) tuple. */
function snatPortsExhausted(w: WalkState, node: string, ns: Netns, snatIp: string): ProbeOutcome | undefined {
  if ((w.h.protocol !== 'tcp' && w.h.protocol !== 'udp') || w.h.dport === undefined) return undefined;
  const tuple = { snatIp, protocol: w.h.protocol, dst: w.h.dst, dport: w.h.dport };
  const now = w.world.nowMs;
  // The ports bulk clients hold are counted (snat-ports.ts); the learner's own flows are entries.
  const own = w.world.nodes
    .conntrack(node)
    .list(now)
    .filter((e) => e.protocol === tuple.protocol && e.reply.dst === snatIp && e.reply.src === tuple.dst && e.reply.sport === tuple.dport).length;
  const inUse = w.world.nodes.snatPorts(node).inUse(tuple, now) + own;
  if (inUse < NAT_PORT_COUNT) return undefined;
  const lost = w.hop(ns.id, { kind: 'drop', drop: 'snat-ports-exhausted', node, ...tuple, inUse });
  return { kind: 'dropped', cause: causeOf(lost) };
}

/** The drop of a new flow's first packet at a full table; the learner's traffic counts it and logs it (the grader's leaves no trace). */
function tableFull(w: WalkState, node: string, netns: string): ProbeOutcome | undefined {
  if (w.world.pathOnly) return undefined;
  const table = w.world.nodes.conntrack(node);
  const now = w.world.nowMs;
  if (table.room(now) > 0) return undefined;
  if (w.world.capture) table.refuse(now);
  const lost = w.hop(netns, { kind: 'drop', drop: 'conntrack-table-full', node, count: table.count(now), max: table.sysctl.max });
  return { kind: 'dropped', cause: causeOf(lost) };
}

function leaveNode(w: WalkState, node: string, ns: Netns, link: Link, route: RouteFound, dstPod: Pod | undefined): ProbeOutcome {
  // A device the learner made (a veth to a named netns, a bridge of their own): netns-walk.ts.
  if (link.handBuilt) return sendOutByHand(w, ns, link, route, (into, inDev) => atNode(w, into, { kind: 'forward', inDev }));
  switch (link.kind) {
    case 'veth':
      return intoLocalPod(w, node, ns, link);
    case 'bridge': {
      const port = ns.links.find((l) => l.master === link.name && l.peer && w.world.dataplane.pods[l.peer.netns.replace(/^pod\//, '')]?.addresses.some((a) => a.address === w.h.dst));
      if (!port) {
        const lost = w.hop(ns.id, { kind: 'drop', drop: 'no-bridge-port', bridge: link.name, dst: w.h.dst, node });
        return { kind: 'unreachable', cause: causeOf(lost), icmp: 'host-unreachable' };
      }
      const hairpin = w.srcPod !== undefined && port.peer?.netns === `pod/${w.srcPod.metadata.namespace ?? 'default'}/${w.srcPod.metadata.name}`;
      // br_netfilter DNATed the frame on the bridge, so it is still the frame that came in by the
      // sender's port: br_forward's should_deliver sends it back out there only with BR_HAIRPIN_MODE.
      // A promiscuous bridge also passes it up to the node's stack, which routes it back out cni0
      // (kubelet's promiscuous-bridge hairpin mode).
      const promiscuous = hairpin && port.hairpin === false && link.flags.includes('PROMISC');
      if (hairpin && port.hairpin === false && !promiscuous) {
        const refused = w.hop(ns.id, { kind: 'drop', drop: 'hairpin-off', bridge: link.name, port: port.name, dst: w.h.dst, node });
        return { kind: 'dropped', cause: causeOf(refused) };
      }
      w.hop(ns.id, { kind: 'bridge', bridge: link.name, port: port.name, action: 'to-port', ...(hairpin ? { hairpin } : {}), ...(promiscuous ? { promiscuous } : {}) }, [{ netns: ns.id, dev: link.name, dir: 'out' }]);
      return intoLocalPod(w, node, ns, port, dstPod);
    }
    case 'ipip':
    case 'vxlan':
    case 'wireguard':
      return tunnel(w, node, ns, link, route);
    case 'ether':
      return overTheWire(w, node, ns, route);
    case 'loopback':
    case 'dummy':
      return deliverToNode(w, node, ns);
    default: {
      const never: never = link.kind;
      return never;
    }
  }
}

export function intoLocalPod(w: WalkState, node: string, ns: Netns, link: Link, knownPod?: Pod): ProbeOutcome {
  const peer = vethPeer(w.world.dataplane, link);
  if (!peer || !peer.netns.pod) return { kind: 'dropped', cause: { kind: 'walk', failure: 'no-pod-behind-veth', netns: ns.id, dev: link.name } };
  const [namespace, name] = peer.netns.pod.split('/');
  const pod = knownPod ?? w.world.cluster.get('pods', namespace, name);
  if (!pod) return { kind: 'dropped', cause: { kind: 'walk', failure: 'pod-gone', pod: peer.netns.pod } };
  const verdict = w.probe.isReply ? undefined : policyCheck(w.world, 'ingress', w.srcPod, pod, w.h);
  if (verdict) {
    const rules = agentRules(w.world.nodes.node(node), w.walkContext(ns, node), 'ingress', w.h, link.name);
    if (rules) verdict.agentRules = rules;
    const judged = w.hop(ns.id, verdict);
    if (!passes(verdict)) return { kind: 'dropped', cause: causeOf(judged) };
  }
  const tooBig = w.mtuCheck(ns, link, undefined);
  if (tooBig) return tooBig;
  // The pod's end of a CNI veth is always eth0: that is the name the trace and a capture use.
  w.hop(ns.id, { kind: 'veth', into: 'pod', dev: link.name, ifindex: link.ifindex, peer: { netns: peer.netns.id, dev: 'eth0', ifindex: peer.link.ifindex }, pod: { namespace, name } }, [
    { netns: ns.id, dev: link.name, dir: 'out' },
    { netns: peer.netns.id, dev: 'eth0', dir: 'in' },
  ]);
  return deliverToPod(w, pod, peer.netns);
}

function tunnel(w: WalkState, node: string, ns: Netns, link: Link, route: RouteFound): ProbeOutcome {
  const remoteIP = link.kind === 'vxlan' ? vxlanDestination(w, ns, link, route) : link.wireguard ? wireguardEndpoint(link.wireguard, w.h.dst) : route.via;
  const remote = remoteIP ? w.nodeByIP(remoteIP) : undefined;
  if (!remote || !remoteIP) return { kind: 'dropped', cause: { kind: 'walk', failure: 'no-tunnel-remote', netns: ns.id, dev: link.name, target: route.via ?? w.h.dst } };
  const tooBig = w.mtuCheck(ns, link, route);
  if (tooBig) return tooBig;
  const overhead = link.encapsulation?.overheadBytes ?? 0;
  const local = ns.addresses.find((a) => a.dev === 'eth0' && a.family === 'inet')?.address ?? '';
  const tunnel = link.kind === 'vxlan' ? 'vxlan' : link.kind === 'wireguard' ? 'wireguard' : 'ipip';
  const udp = link.vxlan ? { vni: link.vxlan.id, port: link.vxlan.dstport } : link.wireguard ? { port: link.wireguard.listenPort } : {};
  w.h.outer = { kind: tunnel, src: local, dst: remoteIP, sizeBytes: w.h.sizeBytes + overhead, ...udp };
  // The outer header carries no DF (vxlan's `df unset` default; Calico's tunl0, the ipip module's
  // fallback device, shows `nopmtudisc`): a too-small hop fragments it rather than refusing it.
  const lostOuter = crossInterconnect(w, ns.id, node, remote, w.h.outer.sizeBytes, false);
  if (lostOuter) return lostOuter;
  w.hop(ns.id, { kind: 'encap', tunnel, dev: link.name, mtu: link.mtu, outer: { src: local, dst: remoteIP }, overheadBytes: overhead, ...udp }, [{ netns: ns.id, dev: link.name, dir: 'out', inner: true }]);
  w.hop(ns.id, { kind: 'wire', path: 'tunnel', toNode: remote, ip: remoteIP }, [
    { netns: ns.id, dev: 'eth0', dir: 'out' },
    { netns: `node/${remote}`, dev: 'eth0', dir: 'in' },
  ]);
  w.h.outer = undefined;
  // skb->mark is local to one kernel: the receiving node starts from 0.
  w.mark = 0;
  w.hop(`node/${remote}`, { kind: 'decap', tunnel, dev: link.name, node: remote }, [{ netns: `node/${remote}`, dev: link.name, dir: 'in' }]);
  return atNode(w, remote, { kind: 'forward', inDev: link.name });
}

/** WireGuard's cryptokey routing: the peer whose allowed IPs hold the inner destination, and its endpoint's address. */
function wireguardEndpoint(device: WireguardDevice, dst: string): string | undefined {
  const ip = mustParseIPv4(dst);
  const peer = device.peers.find((p) => p.allowedIps.some((cidr) => {
    const c = parseCidr(cidr);
    return ip >= c.network && ip < c.network + c.size;
  }));
  return peer?.endpoint.split(':')[0];
}

function vxlanDestination(w: WalkState, ns: Netns, link: Link, route: RouteFound): string | undefined {
  const gw = route.via;
  const neigh = gw ? ns.neighbours.find((n) => n.ip === gw && n.dev === link.name) : undefined;
  return neigh?.lladdr ? vxlanRemote(ns, link.name, neigh.lladdr) : undefined;
}

function overTheWire(w: WalkState, node: string, ns: Netns, route: RouteFound): ProbeOutcome {
  const nextHop = route.via ?? w.h.dst;
  const remote = w.nodeByIP(nextHop);
  const cloud = w.world.dataplane.cloud;
  // A cloud VPC is layer 3: whatever next hop the node's route names, the frame goes to the VPC
  // gateway (it answers ARP for every address) and the VPC routes by the destination address.
  // So a hand-made `ip route add <podCIDR> via <other node>` still meets the VPC route table.
  if (cloud && remote && remote !== node && nextHop !== w.h.dst) {
    const viaCloud = throughCloudRouter(w, node, ns, cloud);
    if (viaCloud) return viaCloud;
  }
  if (remote && remote !== node) {
    const tooBig = w.mtuCheck(ns, findLink(ns, 'eth0'), route) ?? crossInterconnect(w, ns.id, node, remote, w.h.sizeBytes, w.df);
    if (tooBig) return tooBig;
    w.hop(ns.id, { kind: 'wire', path: 'node-to-node', toNode: remote, ip: nextHop }, [
      { netns: ns.id, dev: 'eth0', dir: 'out' },
      { netns: `node/${remote}`, dev: 'eth0', dir: 'in' },
    ]);
    w.mark = 0;
    return atNode(w, remote, { kind: 'forward', inDev: 'eth0' });
  }
  if (cloud && nextHop === cloud.router) {
    const viaCloud = throughCloudRouter(w, node, ns, cloud);
    if (viaCloud) return viaCloud;
  }
  const external = Object.entries(EXTERNAL_HOSTS).find(([, ip]) => ip === w.h.dst);
  if (external && REACHABLE_EXTERNAL_HOSTS.includes(w.h.dst)) {
    w.hop(ns.id, { kind: 'wire', path: 'to-external', host: external[0], ip: w.h.dst }, [{ netns: ns.id, dev: 'eth0', dir: 'out' }]);
    // A port the host does not listen on answers with a reset.
    if (externalRefuses(w.h.dst, w.h.protocol, w.h.dport)) {
      return { kind: 'refused', by: 'no-listener', at: { netns: `external/${external[0]}`, node, ip: w.h.dst, port: w.h.dport ?? 0, sourceSeen: w.h.src } };
    }
    return { kind: 'delivered', at: { netns: `external/${external[0]}`, node, ip: w.h.dst, ...(w.h.dport !== undefined ? { port: w.h.dport } : {}), sourceSeen: w.h.src } };
  }
  const lost = w.hop(ns.id, { kind: 'drop', drop: 'nobody-answers', dst: w.h.dst, nextHop, node, route: route.route });
  return { kind: 'dropped', cause: causeOf(lost) };
}

/** A CNI that leaves pod CIDRs to the cloud: the VPC router at the default gateway forwards by the cloud route table to the node that owns the pod CIDR. */
function throughCloudRouter(w: WalkState, node: string, ns: Netns, cloud: NonNullable<Dataplane['cloud']>): ProbeOutcome | undefined {
  const hit = cloudRouteFor(cloud.routes, w.h.dst);
  const unrouted = !hit && isPrivateAddress(w.h.dst) && !w.nodeByIP(w.h.dst);
  if (!hit && !unrouted) return undefined;
  const tooBig = w.mtuCheck(ns, findLink(ns, 'eth0'), undefined);
  if (tooBig) return tooBig;
  w.hop(ns.id, { kind: 'wire', path: 'to-vpc-router', ip: cloud.router }, [{ netns: ns.id, dev: 'eth0', dir: 'out' }]);
  if (!hit) {
    // Only the VPC's default route (0.0.0.0/0 to the internet gateway) matches, and the gateway
    // does not carry private destinations: the packet is dropped, with no ICMP back.
    const lost = w.hop(CLOUD_ROUTER_NETNS, { kind: 'drop', drop: 'no-cloud-route', dst: w.h.dst, sender: node });
    return { kind: 'dropped', cause: causeOf(lost) };
  }
  if (hit.node === node) {
    const lost = w.hop(CLOUD_ROUTER_NETNS, { kind: 'drop', drop: 'cloud-route-to-sender', dst: w.h.dst, sender: node, cloudRoute: hit });
    return { kind: 'dropped', cause: causeOf(lost) };
  }
  w.hop(CLOUD_ROUTER_NETNS, { kind: 'route', lookup: 'vpc', dst: w.h.dst, cloudRoute: hit });
  w.hop(CLOUD_ROUTER_NETNS, { kind: 'wire', path: 'vpc-to-node', toNode: hit.node, ip: hit.nextHopIp }, [{ netns: `node/${hit.node}`, dev: 'eth0', dir: 'in' }]);
  w.mark = 0;
  return atNode(w, hit.node, { kind: 'forward', inDev: 'eth0' });
}
