// Who sends for reachability, dns and http checks: the first Running pod with an IP that a
// check's `from` names, by name or by label selector (`app=frontend`, read by kube/'s one
// selector parser through the simulation's view), in its namespace, and on its node if it names one.

import type { ObjectOf, Simulation } from '../../simulation/contract';
import type { PodSource } from '../schema';

export type SourcePod = ObjectOf<'pods'>;

export function findSource(sim: Simulation, namespace: string, from: PodSource): SourcePod | undefined {
  return findSources(sim, namespace, from)[0];
}

/** Every pod `from` names that can send, in the order the view lists them. */
export function findSources(sim: Simulation, namespace: string, from: PodSource): SourcePod[] {
  const view = sim.view();
  // A check that names a node grades that node's dataplane: a pod elsewhere does not stand in for it.
  const eligible = (pod: SourcePod) => isRunning(pod) && (from.node === undefined || pod.spec.nodeName === from.node);
  if (from.pod !== undefined) {
    const pod = view.get('pods', namespace, from.pod);
    return pod && eligible(pod) ? [pod] : [];
  }
  return view.list('pods', namespace, from.selector ?? '').filter(eligible);
}

/** A pod a packet can leave from: Running, with its sandbox's address. */
function isRunning(pod: SourcePod): boolean {
  return pod.status.phase === 'Running' && Boolean(pod.status.podIP);
}
