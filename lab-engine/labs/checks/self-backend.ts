// A reachability check's `backend: self`: each pod the check sends from calls the Service and
// kube-proxy picks that same pod as the endpoint, the one path on which a pod's packet must leave
// the node's bridge by the port it came in by (hairpin). kube-proxy picks at random, so the grader
// tries its fixed random sources in turn (0, 1, 2...) until the DNAT (iptables, nftables) or the
// IPVS real server is the caller's own address, and judges that walk; every caller must pass, so
// fixing one pod's port, or one node, is not enough.

import type { Simulation } from '../../simulation/contract';
import type { PodSource } from '../schema';
import type { Probe, ProbeResult } from '../../dataplane/packet/types';
import { MAX_SELF_BACKEND_DRAWS } from '../../core/limits';
import { feedback } from '../feedback';
import type { CheckOutcome } from './resource-check';
import { findSources } from './source-pod';

/** Judges one caller's walk: what the check expects of a packet. */
export type JudgeWalk = (probe: Probe, result: ProbeResult, from: string) => CheckOutcome;

/** `from` names the callers; `first` is the packet the first of them sends (to the Service's address and port). */
export function gradeSelfBackend(sim: Simulation, from: PodSource, namespace: string, first: Probe, to: string, judge: JudgeWalk): CheckOutcome {
  let last: CheckOutcome | undefined;
  for (const pod of findSources(sim, namespace, from)) {
    const caller = `pod ${namespace}/${pod.metadata.name}`;
    const probe: Probe = { ...first, from: { kind: 'pod', namespace, name: pod.metadata.name } };
    const own = pod.status.podIP;
    const picked = ownPick(sim, probe, own);
    if (!picked) {
      const reason = `kube-proxy never picked ${caller} (${String(own)}) as the endpoint in ${MAX_SELF_BACKEND_DRAWS} tries`;
      return { passed: false, reason, ...feedback('reachability.not_own_endpoint', { from: caller, to, draws: MAX_SELF_BACKEND_DRAWS }) };
    }
    last = judge(probe, picked, `${caller}, through itself as the endpoint,`);
    if (!last.passed) return last;
  }
  // findSource already found one, so the loop judged at least one walk.
  return last ?? { passed: false, reason: 'no caller', ...feedback('check.error', { message: 'no pod to send from' }) };
}

/** The walk in which kube-proxy sent the caller's connection to the caller itself, if one of the draws does. */
function ownPick(sim: Simulation, probe: Probe, own: string | undefined): ProbeResult | undefined {
  if (!own) return undefined;
  for (let draw = 0; draw < MAX_SELF_BACKEND_DRAWS; draw++) {
    const result = sim.probe(probe, draw);
    if (endpointOf(result) === own) return result;
  }
  return undefined;
}

/** The endpoint kube-proxy chose for the walk: the DNAT's new destination, or the IPVS real server. */
export function endpointOf(result: ProbeResult): string | undefined {
  for (const hop of result.hops) {
    switch (hop.kind) {
      case 'netfilter':
      case 'nftables':
        if (hop.dnat) return hop.dnat.to.ip;
        break;
      case 'ipvs':
        if (hop.realServer) return hop.realServer.address;
        break;
      default:
        break;
    }
  }
  return undefined;
}
