// A pod talking to a pod on its own node through a bridge CNI (flannel's cni0, kubenet's cbr0):
// the reference `bridge` plugin gives the pod its address with the node subnet's prefix, so the
// kernel's connected route `10.244.1.0/24 dev eth0 scope link` puts every pod of the node
// on-link. The sender ARPs for the peer itself (not for the gateway), the frame carries the
// peer's MAC, and the bridge forwards it from one port to the other by its FDB: no routing in
// the node, no TTL decrement, the peer one hop away.
// With br_netfilter loaded and net.bridge.bridge-nf-call-iptables=1 (kube-proxy and kubeadm's
// preflight need it), a bridged IPv4 frame still passes iptables' PREROUTING, FORWARD and
// POSTROUTING hooks (br_netfilter_hooks.c: br_nf_pre_routing, br_nf_forward_ip,
// br_nf_post_routing), so the filter FORWARD chain and NetworkPolicy see it; the walk runs them
// as it does for a routed packet, without the route lookup. A DNAT there (a Service address that
// happens to be on-link) re-routes the packet, as br_nf_pre_routing_finish does.
// Sources: containernetworking/plugins plugins/main/bridge (cni.dev/plugins/current/main/bridge:
// isGateway, the pod's address and its subnet route), the kernel's net/bridge/br_forward.c and
// br_netfilter_hooks.c.
// Two isolated ports (`bridge link set dev X isolated on`) do not reach each other through the
// bridge (br_skb_isolated); traffic the node routes into the bridge comes from the bridge device,
// not a port, so it still reaches an isolated pod.

import type { Link, Netns } from '../netns/types';
import { vethPeer } from '../netns/route-lookup';
import { filterHook, natHook } from './netfilter-hooks';
import { atNode, intoLocalPod } from './node-hop';
import { passes, policyCheck } from './policy-hook';
import type { ProbeOutcome } from './types';
import { causeOf, type WalkState } from './walk-state';

/**
 * The frame entered `host` by `inPort`, a port of a bridge, addressed on-link to `w.h.dst`.
 * Returns undefined when the destination is the bridge's own address: the bridge passes that
 * frame up to the node's IP stack, which the caller walks.
 */
export function switchOnBridge(w: WalkState, host: Netns, inPort: Link, sender: Netns, senderDev: Link): ProbeOutcome | undefined {
  const bridge = inPort.master;
  if (!bridge) return undefined;
  if (host.addresses.some((a) => a.dev === bridge && a.address === w.h.dst)) return undefined;
  const out = portTowards(w, host, bridge);
  if (!out) {
    // Nobody answers the ARP request the bridge floods: the sender's kernel gives up on the neighbour.
    const lost = w.hop(host.id, { kind: 'drop', drop: 'no-bridge-port', bridge, dst: w.h.dst, node: host.node });
    return { kind: 'unreachable', cause: causeOf(lost), icmp: 'host-unreachable' };
  }
  if (inPort.isolated && out.port.isolated) {
    // br_flood skips isolated ports for a frame from an isolated port: the peer never sees the
    // ARP request, the sender's neighbour entry for it goes INCOMPLETE, then FAILED.
    // The request still reaches the bridge device itself (a broadcast goes up to the local port), so a capture on cni0 sees it.
    w.world.neighbours?.failed(sender, w.h.dst, senderDev.name, w.world.nowMs);
    const refused = w.hop(host.id, { kind: 'drop', drop: 'ports-isolated', bridge, inPort: inPort.name, port: out.port.name, dst: w.h.dst, node: host.node }, [{ netns: host.id, dev: bridge, dir: 'in' }]);
    return { kind: 'unreachable', cause: causeOf(refused), icmp: 'host-unreachable' };
  }
  const now = w.world.nowMs;
  w.world.neighbours?.learn(sender, w.h.dst, senderDev.name, out.peer.link.mac, now);
  if (senderDev.mac) w.world.neighbours?.learn(out.peer.netns, w.h.src, 'eth0', senderDev.mac, now);

  w.hop(host.id, { kind: 'bridge', bridge, port: out.port.name, action: 'switch', inPort: inPort.name, mac: out.peer.link.mac }, [{ netns: host.id, dev: bridge, dir: 'otherhost' }]);

  const node = host.node;
  const runtime = w.world.nodes.node(node);
  const ctx = w.walkContext(host, node);
  if (!w.natNode && w.h.protocol !== 'icmp') {
    const stopped = w.applyHook(host.id, natHook(runtime.tables, 'PREROUTING', w.packet(), ctx));
    if (stopped) return stopped;
    if (w.natNode) return atNode(w, node, { kind: 'forward', inDev: bridge });
  }
  const filtered = w.applyHook(host.id, filterHook(runtime.tables, 'FORWARD', w.packet(), ctx));
  if (filtered) return filtered;
  const dstPod = w.podAt(w.h.dst);
  if (w.srcPod && !w.egressChecked) {
    w.egressChecked = true;
    const verdict = w.probe.isReply ? undefined : policyCheck(w.world, 'egress', w.srcPod, dstPod, w.h);
    if (verdict) {
      const judged = w.hop(host.id, verdict);
      if (!passes(verdict)) return { kind: 'dropped', cause: causeOf(judged) };
    }
  }
  const post = natHook(runtime.tables, 'POSTROUTING', w.packet(), ctx);
  if (post.decision && post.verdict === 'MASQUERADE') {
    const src = host.addresses.find((a) => a.dev === bridge && a.family === 'inet')?.address;
    post.rewriteSrc = src;
    if (post.decision.kind === 'netfilter' && post.decision.masquerade) post.decision.masquerade.toSource = src;
  }
  const postStop = w.applyHook(host.id, post);
  if (postStop) return postStop;
  return intoLocalPod(w, node, host, out.port, dstPod);
}

/** The bridge port whose pod holds the destination address: where the FDB learned that pod's MAC. */
function portTowards(w: WalkState, host: Netns, bridge: string): { port: Link; peer: { netns: Netns; link: Link } } | undefined {
  for (const port of host.links) {
    if (port.master !== bridge || !port.peer) continue;
    const peer = vethPeer(w.world.dataplane, port);
    if (peer?.netns.addresses.some((a) => a.dev === peer.link.name && a.address === w.h.dst)) return { port, peer };
  }
  return undefined;
}
