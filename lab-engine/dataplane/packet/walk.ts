// The packet engine: one probe walked hop by hop the way the kernel would move it. The source
// netns routes it, the veth carries it to the node, the node's kernel runs it through netfilter
// and routes it on (node-hop.ts: kube-proxy's DNAT or IPVS, filter, NetworkPolicy where the CNI
// enforces it, masquerade; a tunnel to another node, or the cloud's VPC router for a CNI that
// leaves pod CIDRs to the cloud), and the destination netns either has a socket for it or not
// (delivery.ts). A pod reaching a pod of its own bridge on-link is switched, not routed
// (bridge-switch.ts). Every hop says what decided it, read from the model. This file holds the sender.

import { findLink, lookupRoute, vethPeer } from '../netns/route-lookup';
import type { Probe, ProbeOutcome, ProbeResult } from './types';
import { EXTERNAL_HOSTS, type PacketWorld } from './world';
import { atNode } from './node-hop';
import { switchOnBridge } from './bridge-switch';
import { deliverToPod } from './delivery';
import { recordConntrack } from './walk-conntrack';
import { rememberWalks } from './traffic-counters';
import { causeOf, WalkState } from './walk-state';
import { fromNamedNetns } from './netns-walk';

export interface ProbeOptions {
  /** Record the connection in the nodes' conntrack tables (default true: the learner's own traffic). */
  recordConntrack?: boolean;
  /** The client closes a delivered TCP connection once done (curl, wget): conntrack ends in TIME_WAIT. */
  closeAfter?: boolean;
  /** A UDP datagram nothing answers (a statsd client's): its conntrack entry stays [UNREPLIED]. */
  oneWay?: boolean;
}

export function sendProbe(world: PacketWorld, probe: Probe, options: ProbeOptions = {}): ProbeResult {
  const walk = new WalkState(world, probe);
  let outcome = run(walk);
  if (!probe.isReply && outcome.kind === 'delivered' && touchesNamedNetns(probe, outcome.at.netns)) outcome = replyWalk(world, walk, outcome);
  if (options.recordConntrack !== false) recordConntrack(walk, outcome, options.closeAfter === true, options.oneWay === true);
  const result: ProbeResult = { outcome, hops: walk.hops, replied: outcome.kind === 'delivered' || outcome.kind === 'refused' };
  // Only the learner's world counts (its traffic publishes to the capture hub, which meters it).
  if (world.capture) rememberWalks(result, walk.netfilterWalks);
  return result;
}

function run(w: WalkState): ProbeOutcome {
  const from = w.probe.from;
  switch (from.kind) {
    case 'pod':
      return fromPod(w, from.namespace, from.name);
    case 'node': {
      const ns = w.world.dataplane.nodes[from.node];
      if (!ns) return { kind: 'unreachable', cause: { kind: 'walk', failure: 'no-such-node', node: from.node } };
      const route = lookupRoute(ns, w.h.dst);
      w.h.src = route.ok ? route.src : '0.0.0.0';
      return atNode(w, from.node, { kind: 'local-out' });
    }
    case 'netns':
      return fromNamedNetns(w, from.node, from.name, (node, inDev) => atNode(w, node, { kind: 'forward', inDev }));
    case 'external':
      return fromExternal(w, from.host);
    default: {
      const never: never = from;
      return never;
    }
  }
}

/** A hand-built path may work one way only (a route missing on the far side): such a delivery counts once the answer made it back too. */
function touchesNamedNetns(probe: Probe, at: string): boolean {
  return probe.from.kind === 'netns' || at.startsWith('netns/');
}

/** The answer walked back from where the probe was delivered to its sender's address; its failure is the probe's. */
function replyWalk(world: PacketWorld, walk: WalkState, delivered: Extract<ProbeOutcome, { kind: 'delivered' }>): ProbeOutcome {
  const from = sourceAt(delivered.at.netns);
  if (!from || delivered.at.netns === walk.hops[0]?.netns) return delivered;
  const reply = new WalkState(world, { from, dst: delivered.at.sourceSeen, protocol: 'icmp', isReply: true });
  reply.steps = walk.steps;
  const back = run(reply);
  // An echo reply is never refused (no REJECT matches it here): it came back.
  if (back.kind === 'delivered' || back.kind === 'refused') return delivered;
  walk.hops.push(...reply.hops);
  return back;
}

/** The source a delivery point answers from. */
function sourceAt(netns: string): Probe['from'] | undefined {
  const [kind, a, b, c] = netns.split('/');
  if (kind === 'netns' && a && b) return { kind: 'netns', node: a, name: b };
  if (kind === 'node' && a) return { kind: 'node', node: a };
  if (kind === 'pod' && a && b && !c) return { kind: 'pod', namespace: a, name: b };
  return undefined;
}

function fromPod(w: WalkState, namespace: string, name: string): ProbeOutcome {
  const pod = w.world.cluster.get('pods', namespace, name);
  if (!pod) return { kind: 'unreachable', cause: { kind: 'walk', failure: 'no-such-pod', namespace, name } };
  w.srcPod = pod;
  if (pod.spec.hostNetwork && pod.spec.nodeName) {
    // A hostNetwork pod is the node as far as packets go: no veth, no pod policy.
    w.srcPod = undefined;
    w.h.src = pod.status.hostIP ?? w.h.src;
    return atNode(w, pod.spec.nodeName, { kind: 'local-out' });
  }
  const ns = w.world.dataplane.pods[`${namespace}/${name}`];
  if (!ns) return { kind: 'unreachable', cause: { kind: 'walk', failure: 'no-pod-netns', namespace, name, phase: pod.status.phase } };
  const route = lookupRoute(ns, w.h.dst);
  if (route.ok) w.h.src = route.src;
  const routed = w.routeHop(ns, route);
  if (!route.ok) return { kind: 'unreachable', cause: causeOf(routed), icmp: 'net-unreachable' };
  if (route.kind === 'local') return deliverToPod(w, pod, ns);
  const link = findLink(ns, route.dev);
  const tooBig = w.mtuCheck(ns, link, route);
  if (tooBig) return tooBig;
  const peer = link && vethPeer(w.world.dataplane, link);
  if (!link || !peer) return { kind: 'dropped', cause: { kind: 'walk', failure: 'veth-leads-nowhere', netns: ns.id, dev: route.dev } };
  w.hop(ns.id, { kind: 'veth', into: 'node', dev: link.name, ifindex: link.ifindex, peer: { netns: peer.netns.id, dev: peer.link.name, ifindex: peer.link.ifindex }, node: peer.netns.node }, [
    { netns: ns.id, dev: link.name, dir: 'out' },
    { netns: peer.netns.id, dev: peer.link.name, dir: peer.link.master ? 'otherhost' : 'in' },
  ]);
  if (peer.link.master) {
    // On-link (no gateway): the pod ARPed for the destination itself and the bridge switches the frame.
    const switched = route.via ? undefined : switchOnBridge(w, peer.netns, peer.link, ns, link);
    if (switched) return switched;
    w.hop(peer.netns.id, { kind: 'bridge', bridge: peer.link.master, port: peer.link.name, action: 'to-host', ...(route.via ? { gateway: route.via } : {}) }, [{ netns: peer.netns.id, dev: peer.link.master, dir: 'in' }]);
  }
  return atNode(w, peer.netns.node, { kind: 'forward', inDev: peer.link.master ?? peer.link.name });
}

function fromExternal(w: WalkState, host: 'workstation' | 'internet'): ProbeOutcome {
  w.h.src = EXTERNAL_HOSTS[host];
  const netns = `external/${host}`;
  const nodes = w.world.cluster.list('nodes');
  const node = nodes.find((n) => n.status.addresses.some((a) => a.type === 'InternalIP' && a.address === w.h.dst));
  if (node) {
    if (host === 'internet') {
      const lost = w.hop(netns, { kind: 'drop', drop: 'private-node-address', dst: w.h.dst });
      return { kind: 'dropped', cause: causeOf(lost) };
    }
    w.hop(netns, { kind: 'wire', path: 'external-to-node', from: host, toNode: node.metadata.name, ip: w.h.dst }, [{ netns: `node/${node.metadata.name}`, dev: 'eth0', dir: 'in' }]);
    return atNode(w, node.metadata.name, { kind: 'forward', inDev: 'eth0' });
  }
  const lb = w.world.cluster.list('services').find((s) => s.status.loadBalancer.ingress?.some((i) => i.ip === w.h.dst));
  if (lb) {
    const service = { namespace: lb.metadata.namespace ?? 'default', name: lb.metadata.name };
    const local = lb.spec.externalTrafficPolicy === 'Local';
    const target = loadBalancerTarget(w, service.namespace, service.name, local);
    if (!target) {
      const lost = w.hop(netns, { kind: 'drop', drop: 'no-healthy-node', service });
      return { kind: 'dropped', cause: causeOf(lost) };
    }
    w.hop(netns, { kind: 'wire', path: 'load-balancer', ip: w.h.dst, service, toNode: target, externalTrafficPolicy: local ? 'Local' : 'Cluster' }, [{ netns: `node/${target}`, dev: 'eth0', dir: 'in' }]);
    return atNode(w, target, { kind: 'forward', inDev: 'eth0' });
  }
  const lost = w.hop(netns, { kind: 'drop', drop: 'outside-only', dst: w.h.dst, from: host });
  return { kind: 'dropped', cause: causeOf(lost) };
}

/** The node a cloud or MetalLB load balancer sends a new connection to (first in name order among healthy ones). */
function loadBalancerTarget(w: WalkState, namespace: string, name: string, local: boolean): string | undefined {
  const ready = w.world.cluster
    .list('nodes')
    .filter((n) => !n.spec.taints?.some((t) => t.key === 'node-role.kubernetes.io/control-plane') && n.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True'))
    .map((n) => n.metadata.name);
  if (!local) return ready[0];
  const withEndpoint = new Set(
    w.world.cluster
      .list('endpointslices', namespace)
      .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name)
      .flatMap((s) => s.endpoints.filter((e) => e.conditions.ready).map((e) => e.nodeName)),
  );
  return ready.find((n) => withEndpoint.has(n));
}
