// `deniedBy: ingress-policy` asks whether the receiver's own NetworkPolicy keeps the sender out.
// When the sender's egress policy drops the packet first, the walk never reaches the receiver,
// so its verdict is read from the policy engine for the same flow: the pod and port the egress
// hop judged (after kube-proxy's DNAT, as NetworkPolicy always sees it). A learner who isolates
// the backend and also restricts the client's egress is right twice, not wrong.

import type { Simulation } from '../../simulation/contract';
import type { Hop, PolicyHopDecision } from '../../dataplane/packet/types';
import { evaluate, type PolicyWorld } from '../../dataplane/policy/evaluate';
import type { Blocker } from '../feedback';
import { policyBlocker, type NameAddress } from './reachability-explain';

/** The receiver's ingress denial behind an egress drop, or undefined when its ingress policy would let the packet in. */
export function receiverIngressDenial(sim: Simulation, hops: readonly Hop[], nameOf: NameAddress): Blocker | undefined {
  const egress = hops.at(-1);
  if (egress?.kind !== 'policy' || egress.direction !== 'egress' || !egress.enforced) return undefined;
  const view = sim.view();
  const pods = view.list('pods');
  const dst = pods.find((p) => p.status.podIP === egress.peer && !p.spec.hostNetwork);
  if (!dst) return undefined;
  // The view's objects are read-only; the engine only reads them.
  const world = { policies: view.list('networkpolicies'), pods, namespaces: view.list('namespaces') } as unknown as PolicyWorld;
  const src = { kind: 'pod' as const, namespace: egress.pod.namespace, name: egress.pod.name };
  const protocol = egress.protocol === 'udp' ? ('UDP' as const) : ('TCP' as const);
  const dstRef = { namespace: dst.metadata.namespace ?? 'default', name: dst.metadata.name };
  const verdict = evaluate({ src, dst: { kind: 'pod', ...dstRef }, protocol, port: egress.port }, world).ingress;
  if (!verdict.isolated || verdict.allowed) return undefined;
  const senderIp = pods.find((p) => p.metadata.namespace === src.namespace && p.metadata.name === src.name)?.status.podIP ?? egress.headers.src;
  const ingress: PolicyHopDecision = { kind: 'policy', direction: 'ingress', pod: dstRef, cni: egress.cni, enforced: true, protocol: egress.protocol, port: egress.port, peer: senderIp, verdict };
  return policyBlocker(ingress, nameOf);
}
