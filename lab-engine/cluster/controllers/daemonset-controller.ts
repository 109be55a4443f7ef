// The DaemonSet controller (pkg/controller/daemon): one pod per eligible node (nodeSelector,
// taints vs tolerations), pinned with node affinity on metadata.name; the tolerations the
// controller adds; rolling update one node at a time (maxUnavailable 1) when the template changes.

import type { DaemonSet, Node, Pod, PodTemplateSpec, Toleration } from '../../kube/types';
import { DAEMONSET_CONTROLLER } from '../event-recorder';
import { podRequestFromTemplate, templateHash } from '../pod-template';
import { tolerates } from '../scheduler';
import type { Controller, ControllerHost, PodRequest } from './controller';
import { isActive, isPodReady, ownerRef, setStatus, uniquePodName } from './controller-helpers';

export const daemonSetController: Controller = {
  name: 'daemonset',
  watches: ['daemonsets', 'nodes', 'pods'],
  reconcile(host, at) {
    let changed = false;
    for (const ds of host.store.list('daemonsets')) changed = reconcileDaemonSet(host, ds, [...(host.podsByOwner.get(ds.metadata.uid) ?? [])], at) || changed;
    return changed;
  },
};

/** The pod a DaemonSet asks for on `node`: revision labels, the daemon tolerations, pinned by node affinity. */
export function daemonPodRequest(ds: DaemonSet, node: string, name: string): PodRequest {
  const req = podRequestFromTemplate(ds.spec.template, name, ds.metadata.namespace!, ownerRef(ds), {
    'controller-revision-hash': templateHash(ds.spec.template),
    'pod-template-generation': String(ds.metadata.generation),
  });
  req.generateName = `${ds.metadata.name}-`;
  req.tolerations = daemonTolerations(ds.spec.template);
  req.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] } } };
  return req;
}

/** The tolerations the DaemonSet controller adds to every daemon pod (daemon/util). */
function daemonTolerations(template: PodTemplateSpec): Toleration[] {
  const out = [...template.spec.tolerations.map((t) => ({ ...t }))];
  const add = (key: string, effect: Toleration['effect']) => {
    if (!out.some((t) => t.key === key && t.effect === effect)) out.push({ effect, key, operator: 'Exists' });
  };
  add('node.kubernetes.io/not-ready', 'NoExecute');
  add('node.kubernetes.io/unreachable', 'NoExecute');
  add('node.kubernetes.io/disk-pressure', 'NoSchedule');
  add('node.kubernetes.io/memory-pressure', 'NoSchedule');
  add('node.kubernetes.io/pid-pressure', 'NoSchedule');
  add('node.kubernetes.io/unschedulable', 'NoSchedule');
  if (template.spec.hostNetwork) add('node.kubernetes.io/network-unavailable', 'NoSchedule');
  return out;
}

export function daemonSetWantsNode(ds: DaemonSet, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(ds.spec.template.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const tolerations = daemonTolerations(ds.spec.template);
  return (node.spec.taints ?? []).every((taint) => taint.effect === 'PreferNoSchedule' || tolerations.some((t) => tolerates(t, taint)));
}

function podNode(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return terms?.[0]?.matchFields?.find((f) => f.key === 'metadata.name')?.values[0];
}

function reconcileDaemonSet(host: ControllerHost, ds: DaemonSet, owned: Pod[], at: number): boolean {
  let changed = false;
  const ns = ds.metadata.namespace!;
  const hash = templateHash(ds.spec.template);
  const nodes = host.store.list('nodes');
  const byNode = new Map<string, Pod[]>();
  for (const pod of owned) {
    const node = podNode(pod) ?? '';
    byNode.set(node, [...(byNode.get(node) ?? []), pod]);
  }
  const wanted = nodes.filter((n) => daemonSetWantsNode(ds, n));
  const wantedNames = new Set(wanted.map((n) => n.metadata.name));
  // Pods on nodes the DaemonSet no longer wants go away.
  for (const [node, pods] of byNode) {
    if (wantedNames.has(node)) continue;
    for (const pod of pods.filter(isActive)) {
      host.deletePod(pod, at);
      host.events?.record(at, ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, DAEMONSET_CONTROLLER);
      changed = true;
    }
  }
  const unavailableNodes = wanted.filter((n) => !(byNode.get(n.metadata.name) ?? []).some((p) => isActive(p) && isPodReady(p))).length;
  let outdatedBudget = ds.spec.updateStrategy.type === 'RollingUpdate' ? Math.max(0, 1 - unavailableNodes) : 0;
  for (const node of wanted) {
    const pods = byNode.get(node.metadata.name) ?? [];
    const active = pods.filter(isActive);
    if (pods.length === 0) {
      const name = uniquePodName(host.store, host.rng, ns, ds.metadata.name);
      host.createPod(daemonPodRequest(ds, node.metadata.name, name), at);
      host.events?.record(at, ds, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, DAEMONSET_CONTROLLER);
      changed = true;
      continue;
    }
    // Extra daemon pods on one node: keep the oldest.
    for (const extra of active.slice(1)) {
      host.deletePod(extra, at);
      host.events?.record(at, ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${extra.metadata.name}`, DAEMONSET_CONTROLLER);
      changed = true;
    }
    const current = active[0];
    // An outdated pod that is not available (crash-looping, not ready) is replaced at once, as
    // upstream's rollingUpdate does: it costs no availability. Only ready ones spend the budget.
    const ready = current !== undefined && isPodReady(current);
    if (current && current.metadata.labels?.['controller-revision-hash'] !== hash && (!ready || outdatedBudget > 0)) {
      host.deletePod(current, at);
      host.events?.record(at, ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${current.metadata.name}`, DAEMONSET_CONTROLLER);
      if (ready) outdatedBudget -= 1;
      changed = true;
    }
  }
  const activeOn = (n: Node) => (byNode.get(n.metadata.name) ?? []).filter(isActive);
  const scheduled = wanted.filter((n) => activeOn(n).length > 0).length;
  const ready = wanted.filter((n) => activeOn(n).some(isPodReady)).length;
  const updated = wanted.filter((n) => activeOn(n).some((p) => p.metadata.labels?.['controller-revision-hash'] === hash)).length;
  const misscheduled = [...byNode.keys()].filter((n) => !wantedNames.has(n) && (byNode.get(n) ?? []).some(isActive)).length;
  const status: DaemonSet['status'] = {
    currentNumberScheduled: scheduled,
    desiredNumberScheduled: wanted.length,
    ...(ready ? { numberAvailable: ready } : {}),
    numberMisscheduled: misscheduled,
    numberReady: ready,
    ...(wanted.length - ready > 0 ? { numberUnavailable: wanted.length - ready } : {}),
    observedGeneration: ds.metadata.generation,
    ...(updated ? { updatedNumberScheduled: updated } : {}),
  };
  return setStatus(host.store, ds, status) || changed;
}
