// NetworkPolicy where the packet meets it: a plugin that enforces policy (its agent, e.g. felix)
// programs each pod's policy on the host side of its veth, so egress is judged on the source
// pod's node as the packet leaves the pod, and ingress on the destination pod's node just before
// the veth into it — after kube-proxy's DNAT, so the destination is the real pod and port. A
// plugin without a policy agent programs nothing: the verdict is only a note.

import type { Pod } from '../../kube/types';
import { cniPlugin } from '../cni';
import { evaluate } from '../policy/evaluate';
import type { DirectionVerdict, FlowEndpoint } from '../policy/verdict';
import type { Headers } from './types';
import { policyWorld, type PacketWorld } from './world';

export interface PolicyDecision {
  allowed: boolean;
  summary: string;
  because: string[];
}

/** undefined when no policy has a say (the pod is not isolated in that direction). */
export function policyCheck(world: PacketWorld, direction: 'egress' | 'ingress', srcPod: Pod | undefined, dstPod: Pod | undefined, h: Headers): PolicyDecision | undefined {
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
  const v: DirectionVerdict = evaluate(flow, policyWorld(world))[direction];
  if (!v.isolated) return undefined;
  const who = `${judged.metadata.namespace}/${judged.metadata.name}`;
  const names = v.selectedBy.map((p) => `${p.namespace}/${p.name}`).join(', ');
  const because = [`${direction} of ${who} is isolated by: ${names}`];
  if (v.allowedBy) because.push(`rule ${direction}[${v.allowedBy.ruleIndex}] of ${v.allowedBy.policy.namespace}/${v.allowedBy.policy.name} allows ${h.protocol}/${flow.port} ${direction === 'egress' ? 'to' : 'from'} ${direction === 'egress' ? h.dst : h.src}`);
  else for (const r of v.rules) because.push(`${r.policy.namespace}/${r.policy.name} ${direction}[${r.ruleIndex}]: ${r.peerMatched ? 'peer matches' : 'peer does not match'}, ${r.portMatched ? 'port matches' : 'port does not match'}`);
  const cni = world.dataplane.cni;
  if (!cniPlugin(cni).enforcesNetworkPolicy) {
    return v.allowed ? undefined : { allowed: true, summary: `NetworkPolicy would deny ${direction} of ${who}, but ${cni} does not enforce NetworkPolicy: the packet passes`, because: [...because, `reason: ${v.reason}`] };
  }
  return v.allowed
    ? { allowed: true, summary: `${cni}: ${direction} policy of ${who} allows it (${v.allowedBy?.policy.name})`, because }
    : { allowed: false, summary: `${cni}: ${direction} of ${who} denied: no NetworkPolicy rule allows ${h.protocol}/${flow.port} ${direction === 'egress' ? `to ${h.dst}` : `from ${h.src}`} (${names})`, because: [...because, `reason: ${v.reason}`] };
}
