// NetworkPolicy where the packet meets it: a plugin that enforces policy (its agent, e.g. felix)
// programs each pod's policy on the host side of its veth, so egress is judged on the source
// pod's node as the packet leaves the pod, and ingress on the destination pod's node just before
// the veth into it — after kube-proxy's DNAT, so the destination is the real pod and port. A
// plugin without a policy agent programs nothing: the verdict is only a note.

import type { Pod } from '../../kube/types';
import { cniPlugin } from '../cni';
import { evaluate } from '../policy/evaluate';
import type { DirectionVerdict, FlowEndpoint } from '../policy/verdict';
import type { Headers, PolicyHopDecision } from './types';
import { walkChain, type WalkContext } from '../kube-proxy';
import type { NodeRuntimes } from './node-runtime';
import { policyWorld, type PacketWorld } from './world';

/** Whether the packet goes on: the policy allows it, or the CNI does not enforce policy at all. */
export function passes(d: PolicyHopDecision): boolean {
  return d.verdict.allowed || !d.enforced;
}

/** undefined when no policy has a say (the pod is not isolated in that direction, or an unenforced policy would allow it anyway). */
export function policyCheck(world: PacketWorld, direction: 'egress' | 'ingress', srcPod: Pod | undefined, dstPod: Pod | undefined, h: Headers): PolicyHopDecision | undefined {
  const judged = direction === 'egress' ? srcPod : dstPod;
  if (!judged || judged.spec.hostNetwork) return undefined;
  const policies = world.policies();
  if (policies.length === 0) return undefined;
  const end = (pod: Pod | undefined, ip: string): FlowEndpoint => (pod && !pod.spec.hostNetwork ? { kind: 'pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name } : { kind: 'external', ip });
  const flow = {
    src: end(srcPod, h.src),
    dst: end(dstPod, h.dst),
    protocol: h.protocol === 'udp' ? ('UDP' as const) : ('TCP' as const),
    // ICMP has no port: only rules without a port list admit it, which port 0 reproduces.
    port: h.protocol === 'icmp' ? 0 : (h.dport ?? 0),
  };
  const verdict: DirectionVerdict = evaluate(flow, policyWorld(world))[direction];
  if (!verdict.isolated) return undefined;
  const cni = world.dataplane.cni;
  const enforced = cniPlugin(cni).enforcesNetworkPolicy;
  if (!enforced && verdict.allowed) return undefined;
  return {
    kind: 'policy',
    direction,
    pod: { namespace: judged.metadata.namespace ?? 'default', name: judged.metadata.name },
    cni,
    enforced,
    protocol: h.protocol,
    port: flow.port,
    peer: direction === 'egress' ? h.dst : h.src,
    verdict,
  };
}

/**
 * Where the CNI programs policy as netfilter chains, the rules the packet meets in them on this
 * node: the filter FORWARD walk with the pod's veth as the device it leaves by (ingress) or came in
 * on (egress), kept to the agent's own chains (its dispatch, the pod's chain, the policies' chains).
 * The verdict stays the policy engine's; these rules are how the node enforces it.
 */
export function agentRules(runtime: ReturnType<NodeRuntimes['node']>, ctx: WalkContext, direction: 'egress' | 'ingress', h: Headers, podDev: string): PolicyHopDecision['agentRules'] {
  const prefix = runtime.cni?.policyChainPrefix;
  if (!prefix) return undefined;
  const devs = direction === 'ingress' ? { outDev: podDev } : { inDev: podDev };
  const packet = { src: h.src, dst: h.dst, protocol: h.protocol, ...(h.sport !== undefined ? { sport: h.sport } : {}), ...(h.dport !== undefined ? { dport: h.dport } : {}), mark: 0, ctstate: ['NEW' as const], ...devs };
  try {
    const r = walkChain(runtime.tables.filter, 'FORWARD', packet, ctx);
    // Unconditional jumps between the agent's chains only route; the rules that match something stay.
    const plumbing = /^-A \S+ -m comment --comment "?[^ "]+"? -[jg] \S+$/;
    const rules = r.matchedRules.filter((m) => m.chain.startsWith(prefix) && !plumbing.test(m.spec));
    return rules.map((m) => ({ chain: m.chain, ruleNumber: m.ruleNumber, spec: m.spec }));
  } catch {
    return undefined;
  }
}
