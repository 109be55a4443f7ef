// A packet in a node's kernel, in the order the kernel moves it: nat PREROUTING/OUTPUT with
// kube-proxy's DNAT or IPVS, the routing decision, filter INPUT/FORWARD/OUTPUT with kube-proxy's
// REJECTs, NetworkPolicy where the CNI enforces it, nat POSTROUTING's masquerade; then out of the
// node by the device the route chose: a veth (or a bridge port) into a local pod, a tunnel to
// another node, or eth0 onto the node network, where a peer node, the cloud's VPC router (for a
// CNI that leaves pod CIDRs to the cloud) or an outside host takes it.

import type { Pod } from '../../kube/types';
import { MAX_PACKET_HOPS } from '../../core/limits';
import { findLink, vethPeer, vxlanRemote } from '../netns/route-lookup';
import type { Dataplane, Link, Netns } from '../netns/types';
import { ipvsHooks, natHook, filterHook } from './netfilter-hooks';
import { policyCheck } from './policy-hook';
import type { ProbeOutcome } from './types';
import { EXTERNAL_HOSTS } from './world';
import { CLOUD_ROUTER_NETNS, cloudRouteFor, cloudRouteReasons, formatCloudRoute } from './cloud-router';
import { deliverToNode, deliverToPod } from './delivery';
import type { Arrival, RouteFound, WalkState } from './walk-state';

export function atNode(w: WalkState, node: string, arrival: Arrival): ProbeOutcome {
  if (++w.steps > MAX_PACKET_HOPS) return { kind: 'dropped', reason: `gave up after ${MAX_PACKET_HOPS} hops (a routing loop?)` };
  const ns = w.world.dataplane.nodes[node];
  if (!ns) return { kind: 'dropped', reason: `no network namespace for node ${node}` };
  const local = arrival.kind === 'local-out';
  const runtime = w.world.nodes.node(node);
  const walkCtx = w.walkContext(ns, node);

  // nat PREROUTING / OUTPUT: kube-proxy's DNAT (iptables) or IPVS (a virtual server on kube-ipvs0).
  let walkedInput = false;
  if (!w.natNode && w.h.protocol !== 'icmp') {
    const ipvs = runtime.mode === 'ipvs' ? ipvsHooks(runtime, w.h, w.packet(), node, local, walkCtx) : undefined;
    walkedInput = ipvs?.walkedInput ?? false;
    for (const hook of ipvs?.results ?? [natHook(runtime.tables, local ? 'OUTPUT' : 'PREROUTING', w.packet(), walkCtx)]) {
      const applied = w.applyHook(ns.id, hook);
      if (applied) return applied;
    }
  }

  const route = w.routeLookup(ns, node);
  w.routeHop(ns, route);
  if (!route.ok) return { kind: 'unreachable', reason: `${ns.id}: ${route.error}`, icmp: 'host-unreachable' };

  if (route.kind === 'local') {
    if (!walkedInput) {
      const input = filterHook(runtime.tables, 'INPUT', w.packet(), walkCtx);
      const stopped = w.applyHook(ns.id, input);
      if (stopped) return stopped;
    }
    return deliverToNode(w, node, ns);
  }

  const filter = filterHook(runtime.tables, local ? 'OUTPUT' : 'FORWARD', w.packet(), walkCtx);
  const stopped = w.applyHook(ns.id, filter);
  if (stopped) return stopped;

  const dstPod = w.podAt(w.h.dst);
  if (w.srcPod && !w.egressChecked && !local) {
    w.egressChecked = true;
    const verdict = policyCheck(w.world, 'egress', w.srcPod, dstPod, w.h);
    if (verdict) {
      w.hop(ns.id, 'policy', verdict.summary, verdict.because);
      if (!verdict.allowed) return { kind: 'dropped', reason: verdict.summary };
    }
  }

  // nat POSTROUTING: KUBE-POSTROUTING masquerades what kube-proxy marked.
  const post = natHook(runtime.tables, 'POSTROUTING', w.packet(), walkCtx);
  if (post.verdict === 'MASQUERADE') post.rewriteSrc = route.src;
  const postStop = w.applyHook(ns.id, post);
  if (postStop) return postStop;

  const link = findLink(ns, route.dev);
  if (!link) return { kind: 'dropped', reason: `${ns.id}: no device ${route.dev}` };
  return leaveNode(w, node, ns, link, route, dstPod);
}

function leaveNode(w: WalkState, node: string, ns: Netns, link: Link, route: RouteFound, dstPod: Pod | undefined): ProbeOutcome {
  switch (link.kind) {
    case 'veth':
      return intoLocalPod(w, node, ns, link);
    case 'bridge': {
      const port = ns.links.find((l) => l.master === link.name && l.peer && w.world.dataplane.pods[l.peer.netns.replace(/^pod\//, '')]?.addresses.some((a) => a.address === w.h.dst));
      if (!port) {
        w.hop(ns.id, 'drop', `${link.name} has no port leading to ${w.h.dst}: no pod holds that address on ${node}`);
        return { kind: 'unreachable', reason: `no pod has ${w.h.dst} on ${node}`, icmp: 'host-unreachable' };
      }
      w.hop(ns.id, 'bridge', `${link.name} forwards the frame to ${port.name} (its FDB learned the pod's MAC there)`, [`${port.name} master ${link.name}`], [{ netns: ns.id, dev: link.name, dir: 'out' }]);
      return intoLocalPod(w, node, ns, port, dstPod);
    }
    case 'ipip':
    case 'vxlan':
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

function intoLocalPod(w: WalkState, node: string, ns: Netns, link: Link, knownPod?: Pod): ProbeOutcome {
  const peer = vethPeer(w.world.dataplane, link);
  if (!peer || !peer.netns.pod) return { kind: 'dropped', reason: `${ns.id}: ${link.name} has no pod at its other end` };
  const [namespace, name] = peer.netns.pod.split('/');
  const pod = knownPod ?? w.world.cluster.get('pods', namespace, name);
  if (!pod) return { kind: 'dropped', reason: `pod ${peer.netns.pod} is gone` };
  const verdict = policyCheck(w.world, 'ingress', w.srcPod, pod, w.h);
  if (verdict) {
    w.hop(ns.id, 'policy', verdict.summary, verdict.because);
    if (!verdict.allowed) return { kind: 'dropped', reason: verdict.summary };
  }
  const tooBig = w.mtuCheck(ns, link, undefined);
  if (tooBig) return tooBig;
  w.hop(ns.id, 'veth', `${link.name} → eth0 of ${peer.netns.pod}: into the pod's netns`, [`${link.name}@if${peer.link.ifindex} ⇄ eth0@if${link.ifindex}`], [
    { netns: ns.id, dev: link.name, dir: 'out' },
    { netns: peer.netns.id, dev: 'eth0', dir: 'in' },
  ]);
  return deliverToPod(w, pod, peer.netns);
}

function tunnel(w: WalkState, node: string, ns: Netns, link: Link, route: RouteFound): ProbeOutcome {
  const remoteIP = link.kind === 'vxlan' ? vxlanDestination(w, ns, link, route) : route.via;
  const remote = remoteIP ? w.nodeByIP(remoteIP) : undefined;
  if (!remote || !remoteIP) return { kind: 'dropped', reason: `${ns.id}: ${link.name} has no remote endpoint for ${route.via ?? w.h.dst}` };
  const tooBig = w.mtuCheck(ns, link, route);
  if (tooBig) return tooBig;
  const overhead = link.encapsulation?.overheadBytes ?? 0;
  const local = ns.addresses.find((a) => a.dev === 'eth0' && a.family === 'inet')?.address ?? '';
  w.h.outer = { kind: link.kind === 'vxlan' ? 'vxlan' : 'ipip', src: local, dst: remoteIP, sizeBytes: w.h.sizeBytes + overhead, ...(link.vxlan ? { vni: link.vxlan.id, port: link.vxlan.dstport } : {}) };
  const how = link.kind === 'vxlan' ? `VXLAN (VNI ${link.vxlan?.id}, UDP ${link.vxlan?.dstport})` : 'IP-in-IP (protocol 4)';
  w.hop(ns.id, 'encap', `${link.name} wraps the packet in ${how}: outer ${local} → ${remoteIP}, +${overhead} bytes`, [`${link.name} mtu ${link.mtu}`], [{ netns: ns.id, dev: link.name, dir: 'out', inner: true }]);
  w.hop(ns.id, 'wire', `eth0 carries the outer packet to ${remote} (${remoteIP}) over the node network`, [], [
    { netns: ns.id, dev: 'eth0', dir: 'out' },
    { netns: `node/${remote}`, dev: 'eth0', dir: 'in' },
  ]);
  w.h.outer = undefined;
  // skb->mark is local to one kernel: the receiving node starts from 0.
  w.mark = 0;
  w.hop(`node/${remote}`, 'decap', `${link.name} on ${remote} unwraps it; the inner packet continues as if routed locally`, [], [{ netns: `node/${remote}`, dev: link.name, dir: 'in' }]);
  return atNode(w, remote, { kind: 'forward', inDev: link.name });
}

function vxlanDestination(w: WalkState, ns: Netns, link: Link, route: RouteFound): string | undefined {
  const gw = route.via;
  const neigh = gw ? ns.neighbours.find((n) => n.ip === gw && n.dev === link.name) : undefined;
  return neigh?.lladdr ? vxlanRemote(ns, link.name, neigh.lladdr) : undefined;
}

function overTheWire(w: WalkState, node: string, ns: Netns, route: RouteFound): ProbeOutcome {
  const nextHop = route.via ?? w.h.dst;
  const remote = w.nodeByIP(nextHop);
  if (remote && remote !== node) {
    const tooBig = w.mtuCheck(ns, findLink(ns, 'eth0'), route);
    if (tooBig) return tooBig;
    w.hop(ns.id, 'wire', `eth0 → ${remote} (${nextHop}) over the node network`, [], [
      { netns: ns.id, dev: 'eth0', dir: 'out' },
      { netns: `node/${remote}`, dev: 'eth0', dir: 'in' },
    ]);
    w.mark = 0;
    return atNode(w, remote, { kind: 'forward', inDev: 'eth0' });
  }
  const cloud = w.world.dataplane.cloud;
  if (cloud && nextHop === cloud.router) {
    const viaCloud = throughCloudRouter(w, node, ns, cloud);
    if (viaCloud) return viaCloud;
  }
  const external = Object.entries(EXTERNAL_HOSTS).find(([, ip]) => ip === w.h.dst);
  if (external && w.h.dst === EXTERNAL_HOSTS.workstation) {
    w.hop(ns.id, 'wire', `eth0 → the ${external[0]} (${w.h.dst}) on the node network`, [], [{ netns: ns.id, dev: 'eth0', dir: 'out' }]);
    return { kind: 'delivered', at: { netns: `external/${external[0]}`, node, ip: w.h.dst, ...(w.h.dport !== undefined ? { port: w.h.dport } : {}), sourceSeen: w.h.src } };
  }
  w.hop(ns.id, 'drop', `sent to ${nextHop} through eth0; nothing on the node network answers for ${w.h.dst}, so the packet is lost`, [route.why]);
  return { kind: 'dropped', reason: `${w.h.dst} left ${node} towards ${nextHop} and nothing there owns it` };
}

/** A CNI that leaves pod CIDRs to the cloud: the VPC router at the default gateway forwards by the cloud route table to the node that owns the pod CIDR. */
function throughCloudRouter(w: WalkState, node: string, ns: Netns, cloud: NonNullable<Dataplane['cloud']>): ProbeOutcome | undefined {
  const hit = cloudRouteFor(cloud.routes, w.h.dst);
  if (!hit) return undefined;
  const tooBig = w.mtuCheck(ns, findLink(ns, 'eth0'), undefined);
  if (tooBig) return tooBig;
  w.hop(ns.id, 'wire', `eth0 → the VPC router (${cloud.router}), the default gateway`, [], [{ netns: ns.id, dev: 'eth0', dir: 'out' }]);
  if (hit.node === node) {
    w.hop(CLOUD_ROUTER_NETNS, 'drop', `VPC route table: ${formatCloudRoute(hit)}: back to the sender, which has no bridge for it yet; the packet is lost`, cloudRouteReasons(hit));
    return { kind: 'dropped', reason: `${w.h.dst} belongs to ${node}'s own pod CIDR, but no pod there holds it` };
  }
  w.hop(CLOUD_ROUTER_NETNS, 'route', `VPC route table: ${formatCloudRoute(hit)}`, cloudRouteReasons(hit));
  w.hop(CLOUD_ROUTER_NETNS, 'wire', `the VPC delivers it to ${hit.node} (${hit.nextHopIp}) as it is: no tunnel, no NAT`, [], [{ netns: `node/${hit.node}`, dev: 'eth0', dir: 'in' }]);
  w.mark = 0;
  return atNode(w, hit.node, { kind: 'forward', inDev: 'eth0' });
}
