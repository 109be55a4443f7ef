// The kube-controller-manager's workload controllers, reduced to what a networking course shows
// but keeping their observable rules (pkg/controller/{deployment,replicaset,daemon}):
// - ReplicaSet: keeps spec.replicas active pods named `<rs>-<5 chars>`; scales down the
//   least valuable pods first (unscheduled, then pending, then not ready, then newest).
// - Deployment: one ReplicaSet per template, named `<deploy>-<pod-template-hash>`; RollingUpdate
//   with maxSurge/maxUnavailable (25% each by default, surge rounded up, unavailable down) or
//   Recreate; revisions in `deployment.kubernetes.io/revision`; the Available and Progressing
//   conditions with the controller's reasons and messages.
// - DaemonSet: one pod per eligible node (nodeSelector, taints vs tolerations), pinned with node
//   affinity on metadata.name; the tolerations the controller adds; rolling update one node at a
//   time (maxUnavailable 1) when the template changes.
// - Garbage collection: objects whose controller owner is gone are deleted (background cascade).
// Controllers run to a fixed point on the current instant whenever something they watch
// changed; they write only when a value differs, so a settled cluster stays byte-identical.

import type { Rng } from '../core/random';
import { randomSuffix } from '../core/random';
import type { ObjectStore } from './object-store';
import type { PodRequest } from './pod-admission';
import { podRequestFromTemplate, templateHash } from './pod-template';
import { selectorMatches } from '../kube/label-selector';
import { tolerates } from './scheduler';
import { rfc3339 } from './time-format';
import type { Condition, DaemonSet, Deployment, Node, OwnerReference, Pod, PodTemplateSpec, ReplicaSet, Toleration } from '../kube/types';
import { newUid } from './uid';
import { DAEMONSET_CONTROLLER, DEPLOYMENT_CONTROLLER, REPLICASET_CONTROLLER, type EventRecorder } from './event-recorder';

export interface ControllerHost {
  store: ObjectStore;
  rng: Rng;
  /** Where the controllers' events go (SuccessfulCreate, ScalingReplicaSet, ...); tests may leave it out. */
  events?: EventRecorder;
  /** Admits and stores a pod (its lifecycle starts at `at`). */
  createPod(req: PodRequest, at: number): Pod;
  /** A graceful delete, as a controller's DELETE with default options. */
  deletePod(pod: Pod, at: number): void;
}

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const MAX_PASSES = 6;

export function reconcileWorkloads(host: ControllerHost, at: number): boolean {
  let any = false;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const pods = indexPodsByOwner(host.store);
    let changed = false;
    for (const d of host.store.list('deployments')) changed = reconcileDeployment(host, d, at) || changed;
    for (const rs of host.store.list('replicasets')) changed = reconcileReplicaSet(host, rs, pods.get(rs.metadata.uid) ?? [], at) || changed;
    for (const ds of host.store.list('daemonsets')) changed = reconcileDaemonSet(host, ds, pods.get(ds.metadata.uid) ?? [], at) || changed;
    changed = collectOrphans(host, pods, at) || changed;
    any = any || changed;
    if (!changed) break;
  }
  return any;
}

function indexPodsByOwner(store: ObjectStore): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const pod of store.list('pods')) {
    const ref = controllerRef(pod.metadata.ownerReferences);
    if (!ref) continue;
    const list = out.get(ref.uid);
    if (list) list.push(pod);
    else out.set(ref.uid, [pod]);
  }
  return out;
}

export function controllerRef(refs: readonly OwnerReference[] | undefined): OwnerReference | undefined {
  return refs?.find((r) => r.controller);
}

function ownerRef(obj: Deployment | ReplicaSet | DaemonSet): OwnerReference {
  return { apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: obj.kind, name: obj.metadata.name, uid: obj.metadata.uid };
}

function isActive(pod: Pod): boolean {
  return !pod.metadata.deletionTimestamp && pod.status.phase !== 'Succeeded' && pod.status.phase !== 'Failed';
}

export function isPodReady(pod: Pod): boolean {
  return (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Writes `next` into `obj.status` (and bumps resourceVersion) only when it differs. */
function setStatus<T extends { status: object }>(store: ObjectStore, obj: T, next: T['status']): boolean {
  if (JSON.stringify(obj.status) === JSON.stringify(next)) return false;
  obj.status = next;
  store.touch(obj as never);
  return true;
}

function uniquePodName(store: ObjectStore, rng: Rng, namespace: string, base: string): string {
  for (;;) {
    const name = `${base}-${randomSuffix(rng, 5)}`;
    if (!store.get('pods', namespace, name)) return name;
  }
}

// ---- ReplicaSet

function reconcileReplicaSet(host: ControllerHost, rs: ReplicaSet, owned: Pod[], at: number): boolean {
  let changed = false;
  const active = owned.filter(isActive);
  const diff = active.length - rs.spec.replicas;
  if (diff < 0) {
    for (let i = 0; i < -diff; i++) {
      const name = uniquePodName(host.store, host.rng, rs.metadata.namespace!, rs.metadata.name);
      active.push(host.createPod(replicaSetPodRequest(rs, name), at));
      host.events?.record(at, rs, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, REPLICASET_CONTROLLER);
    }
    changed = true;
  } else if (diff > 0) {
    const victims = [...active].sort(deletionRank).slice(0, diff);
    for (const pod of victims) {
      host.deletePod(pod, at);
      host.events?.record(at, rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, REPLICASET_CONTROLLER);
    }
    changed = true;
  }
  const stillActive = active.filter(isActive);
  const ready = stillActive.filter(isPodReady).length;
  const status: ReplicaSet['status'] = {
    ...(ready ? { availableReplicas: ready } : {}),
    fullyLabeledReplicas: stillActive.filter((p) => selectorMatches({ matchLabels: rs.spec.template.metadata.labels }, p.metadata.labels)).length,
    observedGeneration: rs.metadata.generation,
    ...(ready ? { readyReplicas: ready } : {}),
    replicas: stillActive.length,
  };
  if (status.fullyLabeledReplicas === 0) delete status.fullyLabeledReplicas;
  return setStatus(host.store, rs, status) || changed;
}

/** controller.ActivePods ranking: the pod that is cheapest to lose comes first. */
function deletionRank(a: Pod, b: Pod): number {
  const scheduled = (p: Pod) => (p.spec.nodeName ? 1 : 0);
  const phase = (p: Pod) => (p.status.phase === 'Pending' ? 0 : p.status.phase === 'Unknown' ? 1 : 2);
  const ready = (p: Pod) => (isPodReady(p) ? 1 : 0);
  return (
    scheduled(a) - scheduled(b) ||
    phase(a) - phase(b) ||
    ready(a) - ready(b) ||
    Date.parse(b.metadata.creationTimestamp) - Date.parse(a.metadata.creationTimestamp) ||
    (a.metadata.name < b.metadata.name ? -1 : 1)
  );
}

/** The pod a ReplicaSet asks for. */
export function replicaSetPodRequest(rs: ReplicaSet, name: string): PodRequest {
  const req = podRequestFromTemplate(rs.spec.template, name, rs.metadata.namespace!, ownerRef(rs));
  req.generateName = `${rs.metadata.name}-`;
  return req;
}

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

// ---- Deployment

/** intstr.GetScaledValueFromIntOrPercent. */
function scaled(value: string | number | undefined, total: number, roundUp: boolean, fallback: string): number {
  const v = value ?? fallback;
  if (typeof v === 'number') return v;
  const pct = Number(v.replace('%', ''));
  const raw = (pct * total) / 100;
  return roundUp ? Math.ceil(raw) : Math.floor(raw);
}

export function rollingParameters(d: Deployment): { maxSurge: number; maxUnavailable: number } {
  const ru = d.spec.strategy.rollingUpdate;
  const maxSurge = scaled(ru?.maxSurge, d.spec.replicas, true, '25%');
  let maxUnavailable = scaled(ru?.maxUnavailable, d.spec.replicas, false, '25%');
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

function revisionOf(rs: ReplicaSet): number {
  return Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
}

function reconcileDeployment(host: ControllerHost, d: Deployment, at: number): boolean {
  const ns = d.metadata.namespace!;
  const owned = host.store.list('replicasets', ns).filter((rs) => controllerRef(rs.metadata.ownerReferences)?.uid === d.metadata.uid);
  const hash = templateHash(d.spec.template);
  let newRS = owned.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
  const old = owned.filter((rs) => rs !== newRS).sort((a, b) => revisionOf(a) - revisionOf(b));
  let changed = false;
  let created = false;
  const { maxSurge, maxUnavailable } = rollingParameters(d);
  const oldPods = old.reduce((n, rs) => n + rs.status.replicas, 0);
  const revision = String(Math.max(0, ...owned.map(revisionOf)) + (newRS ? 0 : 1));

  if (!newRS) {
    const replicas = d.spec.strategy.type === 'Recreate' ? (oldPods > 0 ? 0 : d.spec.replicas) : newReplicaCount(d, 0, owned, maxSurge);
    newRS = createReplicaSet(host, d, hash, replicas, revision, maxSurge, at);
    if (replicas > 0) host.events?.record(at, d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${newRS.metadata.name} from 0 to ${replicas}`, DEPLOYMENT_CONTROLLER);
    created = true;
    changed = true;
  } else if (newRS.metadata.annotations?.[REVISION_ANNOTATION] !== revision && old.length && revisionOf(newRS) < Math.max(...old.map(revisionOf))) {
    // Rolling back to an older template makes its ReplicaSet the newest revision again.
    newRS.metadata.annotations = { ...newRS.metadata.annotations, [REVISION_ANNOTATION]: String(Math.max(...old.map(revisionOf)) + 1) };
    host.store.touch(newRS);
    changed = true;
  }

  const setReplicas = (rs: ReplicaSet, n: number) => {
    if (rs.spec.replicas === n) return;
    host.events?.record(at, d, 'Normal', 'ScalingReplicaSet', `Scaled ${n > rs.spec.replicas ? 'up' : 'down'} replica set ${rs.metadata.name} from ${rs.spec.replicas} to ${n}`, DEPLOYMENT_CONTROLLER);
    rs.spec.replicas = n;
    rs.metadata.generation += 1;
    rs.metadata.annotations = { ...rs.metadata.annotations, 'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas), 'deployment.kubernetes.io/max-replicas': String(d.spec.replicas + (d.spec.strategy.type === 'Recreate' ? 0 : maxSurge)) };
    host.store.touch(rs);
    changed = true;
  };

  if (d.spec.strategy.type === 'Recreate') {
    for (const rs of old) setReplicas(rs, 0);
    const oldLeft = old.reduce((n, rs) => n + rs.status.replicas, 0);
    const oldTerminating = host.store.list('pods', ns).some((p) => old.some((rs) => controllerRef(p.metadata.ownerReferences)?.uid === rs.metadata.uid));
    if (oldLeft === 0 && !oldTerminating) setReplicas(newRS, d.spec.replicas);
  } else if (old.every((rs) => rs.spec.replicas === 0)) {
    setReplicas(newRS, d.spec.replicas);
  } else {
    // Scale up the new ReplicaSet within the surge budget...
    setReplicas(newRS, newReplicaCount(d, newRS.spec.replicas, [newRS, ...old], maxSurge));
    // ...then scale down old ones as far as availability allows (unhealthy replicas first).
    const all = [newRS, ...old].reduce((n, rs) => n + rs.spec.replicas, 0);
    const minAvailable = d.spec.replicas - maxUnavailable;
    const newUnavailable = newRS.spec.replicas - (newRS.status.availableReplicas ?? 0);
    let budget = all - minAvailable - newUnavailable;
    for (const rs of old) {
      const unhealthy = rs.spec.replicas - (rs.status.availableReplicas ?? 0);
      const cut = Math.min(Math.max(unhealthy, 0), rs.spec.replicas);
      if (cut > 0) setReplicas(rs, rs.spec.replicas - cut);
    }
    for (const rs of old) {
      if (budget <= 0) break;
      const cut = Math.min(rs.spec.replicas, budget);
      if (cut > 0) {
        setReplicas(rs, rs.spec.replicas - cut);
        budget -= cut;
      }
    }
  }

  if (d.metadata.annotations?.[REVISION_ANNOTATION] !== (newRS.metadata.annotations?.[REVISION_ANNOTATION] ?? revision)) {
    d.metadata.annotations = { ...d.metadata.annotations, [REVISION_ANNOTATION]: newRS.metadata.annotations?.[REVISION_ANNOTATION] ?? revision };
    host.store.touch(d);
    changed = true;
  }
  return updateDeploymentStatus(host, d, newRS, [newRS, ...old], maxUnavailable, created, at) || changed;
}

function newReplicaCount(d: Deployment, current: number, all: readonly ReplicaSet[], maxSurge: number): number {
  const total = all.reduce((n, rs) => n + rs.spec.replicas, 0);
  const maxTotal = d.spec.replicas + maxSurge;
  if (total >= maxTotal) return current;
  return Math.min(current + (maxTotal - total), d.spec.replicas);
}

function createReplicaSet(host: ControllerHost, d: Deployment, hash: string, replicas: number, revision: string, maxSurge: number, at: number): ReplicaSet {
  return host.store.create('replicasets', buildReplicaSet(d, hash, replicas, revision, maxSurge, at, newUid(host.rng)));
}

/** The ReplicaSet the Deployment controller creates for one template. */
export function buildReplicaSet(d: Deployment, hash: string, replicas: number, revision: string, maxSurge: number, at: number, uid: string): ReplicaSet {
  const template: PodTemplateSpec = structuredClone(d.spec.template);
  template.metadata.labels = { ...template.metadata.labels, 'pod-template-hash': hash };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas),
        'deployment.kubernetes.io/max-replicas': String(d.spec.replicas + (d.spec.strategy.type === 'Recreate' ? 0 : maxSurge)),
        [REVISION_ANNOTATION]: revision,
      },
      creationTimestamp: rfc3339(at),
      generation: 1,
      labels: { ...template.metadata.labels },
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      ownerReferences: [ownerRef(d)],
      resourceVersion: '',
      uid,
    },
    spec: {
      replicas,
      selector: { ...d.spec.selector, matchLabels: { ...d.spec.selector.matchLabels, 'pod-template-hash': hash } },
      template,
    },
    status: { replicas: 0 },
  };
  return rs;
}

function updateDeploymentStatus(host: ControllerHost, d: Deployment, newRS: ReplicaSet, all: readonly ReplicaSet[], maxUnavailable: number, created: boolean, at: number): boolean {
  const sum = (f: (rs: ReplicaSet) => number | undefined) => all.reduce((n, rs) => n + (f(rs) ?? 0), 0);
  const replicas = sum((rs) => rs.status.replicas);
  const updated = newRS.status.replicas;
  const ready = sum((rs) => rs.status.readyReplicas);
  const available = sum((rs) => rs.status.availableReplicas);
  const unavailable = Math.max(d.spec.replicas - available, 0);
  const stamp = rfc3339(at);
  const conditions = structuredClone(d.status.conditions ?? []);
  const availableOk = available >= d.spec.replicas - maxUnavailable;
  setDeploymentCondition(conditions, 'Available', availableOk ? 'True' : 'False', availableOk ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable', availableOk ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.', stamp);
  const complete = updated === d.spec.replicas && replicas === d.spec.replicas && available === d.spec.replicas && newRS.spec.replicas === d.spec.replicas && all.every((rs) => rs === newRS || rs.spec.replicas === 0);
  const progressing = conditions.find((c) => c.type === 'Progressing');
  const rsName = newRS.metadata.name;
  const before = d.status;
  const progressed = updated > (before.updatedReplicas ?? 0) || ready > (before.readyReplicas ?? 0) || available > (before.availableReplicas ?? 0);
  if (complete) {
    setDeploymentCondition(conditions, 'Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`, stamp);
  } else if (created) {
    setDeploymentCondition(conditions, 'Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${rsName}"`, stamp);
  } else if (!progressing || progressing.reason === 'NewReplicaSetAvailable' || progressed || !progressing.message?.includes(`"${rsName}"`)) {
    // syncRolloutStatus: progress (or a new rollout on an existing ReplicaSet) is reported as ReplicaSetUpdated.
    setDeploymentCondition(conditions, 'Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`, stamp);
  }
  const status: Deployment['status'] = {
    ...(available ? { availableReplicas: available } : {}),
    conditions,
    observedGeneration: d.metadata.generation,
    ...(ready ? { readyReplicas: ready } : {}),
    ...(replicas ? { replicas } : {}),
    ...(unavailable ? { unavailableReplicas: unavailable } : {}),
    ...(updated ? { updatedReplicas: updated } : {}),
  };
  return setStatus(host.store, d, status);
}

/** Deployment conditions keep lastTransitionTime while the status holds, and move lastUpdateTime when the reason changes. */
function setDeploymentCondition(conditions: Condition[], type: string, status: Condition['status'], reason: string, message: string, stamp: string): void {
  const existing = conditions.find((c) => c.type === type);
  if (existing && existing.status === status && existing.reason === reason && existing.message === message) return;
  const next: Condition = {
    lastTransitionTime: existing && existing.status === status ? existing.lastTransitionTime : stamp,
    lastUpdateTime: stamp,
    message,
    reason,
    status,
    type,
  };
  if (existing) conditions[conditions.indexOf(existing)] = next;
  else conditions.push(next);
  conditions.sort((a, b) => (a.type === 'Available' ? -1 : b.type === 'Available' ? 1 : 0));
}

// ---- DaemonSet

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
    if (current && current.metadata.labels?.['controller-revision-hash'] !== hash && outdatedBudget > 0) {
      host.deletePod(current, at);
      host.events?.record(at, ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${current.metadata.name}`, DAEMONSET_CONTROLLER);
      outdatedBudget -= 1;
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

// ---- Garbage collector

function collectOrphans(host: ControllerHost, podsByOwner: Map<string, Pod[]>, at: number): boolean {
  let changed = false;
  const live = new Set<string>();
  for (const r of ['deployments', 'replicasets', 'daemonsets'] as const) for (const o of host.store.list(r)) live.add(o.metadata.uid);
  for (const rs of host.store.list('replicasets')) {
    const ref = controllerRef(rs.metadata.ownerReferences);
    if (ref && !live.has(ref.uid)) {
      host.store.remove('replicasets', rs.metadata.namespace, rs.metadata.name);
      live.delete(rs.metadata.uid);
      changed = true;
    }
  }
  for (const [uid, pods] of podsByOwner) {
    if (live.has(uid)) continue;
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      host.deletePod(pod, at);
      changed = true;
    }
  }
  return changed;
}
