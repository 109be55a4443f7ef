// The end of a walk: the destination netns has a socket for the packet or not. A pod answers
// when it runs and its image listens on the port (ICMP echo always); a node answers from the
// sockets its own processes hold (kubelet, kube-proxy's NodePorts...). No socket: a TCP RST or an
// ICMP port unreachable.

import type { Pod } from '../../kube/types';
import { listensOn } from '../apps/listeners';
import type { Netns } from '../netns/types';
import { nodeSockets } from './node-sockets';
import type { ProbeOutcome } from './types';
import type { WalkState } from './walk-state';

export function deliverToPod(w: WalkState, pod: Pod, ns: Netns): ProbeOutcome {
  const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const at = { netns: ns.id, pod: { namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name }, node: pod.spec.nodeName ?? '', ip: w.h.dst, ...(w.h.dport !== undefined ? { port: w.h.dport } : {}), sourceSeen: w.h.src };
  if (w.h.protocol === 'icmp') {
    w.hop(ns.id, 'deliver', `${key}'s kernel answers the echo request from ${w.h.src}`);
    return { kind: 'delivered', at };
  }
  const port = w.h.dport ?? 0;
  if (pod.status.phase !== 'Running' || !listensOn(pod, port, w.h.protocol)) {
    const why = pod.status.phase !== 'Running' ? `${key} is ${pod.status.phase}: no process runs there` : `nothing in ${key} listens on ${w.h.protocol}/${port}`;
    w.hop(ns.id, 'deliver', `${why}; the kernel answers ${w.h.protocol === 'tcp' ? 'with a TCP RST' : 'ICMP port unreachable'}`);
    return { kind: 'refused', at, by: 'no-listener' };
  }
  w.hop(ns.id, 'deliver', `${key} accepts ${w.h.protocol}/${port} from ${w.h.src}`);
  return { kind: 'delivered', at };
}

export function deliverToNode(w: WalkState, node: string, ns: Netns): ProbeOutcome {
  const at = { netns: ns.id, node, ip: w.h.dst, ...(w.h.dport !== undefined ? { port: w.h.dport } : {}), sourceSeen: w.h.src };
  if (w.h.protocol === 'icmp') {
    w.hop(ns.id, 'deliver', `${node}'s kernel answers the echo request (${w.h.dst} is one of its addresses)`);
    return { kind: 'delivered', at };
  }
  const port = w.h.dport ?? 0;
  const socket = nodeSockets(w.world.cluster, node).find((s) => s.port === port && s.protocol === w.h.protocol && (s.address === '0.0.0.0' || s.address === '*' || s.address === w.h.dst));
  if (!socket) {
    w.hop(ns.id, 'deliver', `nothing on ${node} listens on ${w.h.protocol}/${port}; the kernel answers ${w.h.protocol === 'tcp' ? 'with a TCP RST' : 'ICMP port unreachable'}`);
    return { kind: 'refused', at, by: 'no-listener' };
  }
  w.hop(ns.id, 'deliver', `${socket.process} on ${node} accepts ${w.h.protocol}/${port}`);
  return { kind: 'delivered', at };
}
