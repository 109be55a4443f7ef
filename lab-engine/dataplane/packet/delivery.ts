// The end of a walk: the destination netns has a socket for the packet or not. A pod answers
// when it runs and its image listens on the port (ICMP echo always); a node answers from the
// sockets its own processes hold (kubelet, kube-proxy's NodePorts...). No socket: a TCP RST or an
// ICMP port unreachable.

import type { Pod } from '../../kube/types';
import { listensOn } from '../apps/listeners';
import type { Netns } from '../netns/types';
import { nodeSockets } from './node-sockets';
import type { ProbeOutcome, SocketHopDecision } from './types';
import type { WalkState } from './walk-state';

export function deliverToPod(w: WalkState, pod: Pod, ns: Netns): ProbeOutcome {
  const namespace = pod.metadata.namespace ?? 'default';
  const host = { kind: 'pod' as const, namespace, name: pod.metadata.name };
  const at = { netns: ns.id, pod: { namespace, name: pod.metadata.name }, node: pod.spec.nodeName ?? '', ip: w.h.dst, ...(w.h.dport !== undefined ? { port: w.h.dport } : {}), sourceSeen: w.h.src };
  if (w.h.protocol === 'icmp') {
    w.hop(ns.id, socket(w, host, 'echo-reply'));
    return { kind: 'delivered', at };
  }
  const port = w.h.dport ?? 0;
  if (pod.status.phase !== 'Running' || !listensOn(pod, port, w.h.protocol, w.world.cluster.now())) {
    w.hop(ns.id, { ...socket(w, host, 'refused', port), ...(pod.status.phase !== 'Running' ? { phase: pod.status.phase } : {}) });
    return { kind: 'refused', at, by: 'no-listener' };
  }
  w.hop(ns.id, socket(w, host, 'accepted', port));
  return { kind: 'delivered', at };
}

export function deliverToNode(w: WalkState, node: string, ns: Netns): ProbeOutcome {
  const at = { netns: ns.id, node, ip: w.h.dst, ...(w.h.dport !== undefined ? { port: w.h.dport } : {}), sourceSeen: w.h.src };
  const host = { kind: 'node' as const, node };
  if (w.h.protocol === 'icmp') {
    w.hop(ns.id, socket(w, host, 'echo-reply'));
    return { kind: 'delivered', at };
  }
  const port = w.h.dport ?? 0;
  const listener = nodeSockets(w.world.cluster, node).find((s) => s.port === port && s.protocol === w.h.protocol && (s.address === '0.0.0.0' || s.address === '*' || s.address === w.h.dst));
  if (!listener) {
    w.hop(ns.id, socket(w, host, 'refused', port));
    return { kind: 'refused', at, by: 'no-listener' };
  }
  w.hop(ns.id, { ...socket(w, host, 'accepted', port), process: listener.process });
  return { kind: 'delivered', at };
}

function socket(w: WalkState, host: SocketHopDecision['host'], result: SocketHopDecision['result'], port?: number): SocketHopDecision {
  return { kind: 'deliver', host, result, protocol: w.h.protocol, ...(port !== undefined ? { port } : {}), ip: w.h.dst, peer: w.h.src };
}
