// The default scheduler, reduced to what a networking course needs: filter out nodes that are
// not Ready, cordoned, or carry a NoSchedule/NoExecute taint the pod does not tolerate; prefer the
// node running the fewest pods (kube-scheduler's LeastAllocated with its default per-pod requests
// comes to that for pods without requests); break ties with the seeded PRNG, as kube-scheduler
// picks at random among equal scores.

import type { Rng } from '../core/random';
import type { Node, Pod, Taint, Toleration } from '../kube/types';

export type ScheduleResult = { node: string } | { unschedulable: string };

export function schedulePod(pod: Pod, nodes: readonly Node[], podsPerNode: ReadonlyMap<string, number>, rng: Rng): ScheduleResult {
  const reasons = new Map<string, number>();
  const feasible: Node[] = [];
  let full = 0;
  for (const node of nodes) {
    // NodeResourcesFit: the kubelet's max-pods (allocatable `pods`, 110 by default) is a resource like any other.
    const reason = unfitReason(pod, node) ?? ((podsPerNode.get(node.metadata.name) ?? 0) >= Number(node.status.allocatable.pods ?? 110) ? 'Too many pods' : undefined);
    if (reason === 'Too many pods') full++;
    if (reason) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    else feasible.push(node);
  }
  if (feasible.length === 0) {
    const parts = [...reasons.entries()].map(([reason, n]) => `${n} ${reason}`).sort();
    const preemption = [
      ...(nodes.length - full ? [`${nodes.length - full} Preemption is not helpful for scheduling`] : []),
      ...(full ? [`${full} No preemption victims found for incoming pod`] : []),
    ];
    return {
      unschedulable: `0/${nodes.length} nodes are available: ${parts.join(', ')}. preemption: 0/${nodes.length} nodes are available: ${preemption.join(', ')}.`,
    };
  }
  let best: Node[] = [];
  let bestLoad = Infinity;
  for (const node of feasible) {
    const load = podsPerNode.get(node.metadata.name) ?? 0;
    if (load < bestLoad) {
      bestLoad = load;
      best = [node];
    } else if (load === bestLoad) {
      best.push(node);
    }
  }
  return { node: best[best.length === 1 ? 0 : rng.int(best.length)].metadata.name };
}

function unfitReason(pod: Pod, node: Node): string | undefined {
  const ready = node.status.conditions.find((c) => c.type === 'Ready');
  if (ready?.status !== 'True') return "node(s) had untolerated taint {node.kubernetes.io/not-ready: }";
  if (node.spec.unschedulable && !pod.spec.tolerations.some((t) => tolerates(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }))) return 'node(s) were unschedulable';
  if (!matchesNodeSelection(pod, node)) return "node(s) didn't match Pod's node affinity/selector";
  for (const taint of node.spec.taints ?? []) {
    if (taint.effect === 'PreferNoSchedule') continue;
    if (!pod.spec.tolerations.some((t) => tolerates(t, taint))) {
      return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
    }
  }
  return undefined;
}

function matchesNodeSelection(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return true;
  // Terms are ORed; within a term every field requirement must hold. Only metadata.name is modelled (DaemonSet pods).
  return terms.some((term) => (term.matchFields ?? []).every((f) => f.key !== 'metadata.name' || (f.operator === 'In') === f.values.includes(node.metadata.name)));
}

export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.operator === 'Exists') return !toleration.key || toleration.key === taint.key;
  return toleration.key === taint.key && (toleration.value ?? '') === (taint.value ?? '');
}
