// The Deployment controller (pkg/controller/deployment): one ReplicaSet per template, named
// `<deploy>-<pod-template-hash>`; RollingUpdate with maxSurge/maxUnavailable (25% each by
// default, surge rounded up, unavailable down) or Recreate; revisions in
// `deployment.kubernetes.io/revision`; the Available and Progressing conditions with the
// controller's reasons and messages.

import type { Condition, Deployment, PodTemplateSpec, ReplicaSet } from '../../kube/types';
import { DEPLOYMENT_CONTROLLER } from '../event-recorder';
import { templateHash } from '../pod-template';
import { rfc3339 } from '../time-format';
import { newUid } from '../uid';
import type { Controller, ControllerHost } from './controller';
import { controllerRef, ownerRef, REVISION_ANNOTATION, setStatus } from './controller-helpers';

export const deploymentController: Controller = {
  name: 'deployment',
  watches: ['deployments', 'replicasets', 'pods'],
  reconcile(host, at) {
    let changed = false;
    for (const d of host.store.list('deployments')) changed = reconcileDeployment(host, d, at) || changed;
    return changed;
  },
};

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

/** deploymentutil's skipCopyAnnotation: what a Deployment's annotations do not pass on to its ReplicaSets. */
const NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/**
 * copyDeploymentAnnotationsToReplicaSet: the new ReplicaSet carries the Deployment's own
 * annotations (kubernetes.io/change-cause among them), which `kubectl rollout history` reads.
 */
function copiedAnnotations(d: Deployment): Record<string, string> {
  return Object.fromEntries(Object.entries(d.metadata.annotations ?? {}).filter(([k]) => !NOT_COPIED.has(k)));
}

function copyAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(copiedAnnotations(d))) {
    if (rs.metadata.annotations?.[k] === v) continue;
    rs.metadata.annotations = { ...rs.metadata.annotations, [k]: v };
    changed = true;
  }
  return changed;
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

  if (d.spec.paused) return pausedStatus(host, d, newRS, owned, at);
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
  if (!created && copyAnnotations(d, newRS)) {
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

/**
 * A paused Deployment (sync, checkPausedConditions): no new ReplicaSet for a changed template,
 * no rollout step; the status counts what exists and Progressing says DeploymentPaused.
 */
function pausedStatus(host: ControllerHost, d: Deployment, newRS: ReplicaSet | undefined, all: readonly ReplicaSet[], at: number): boolean {
  const sum = (f: (rs: ReplicaSet) => number | undefined) => all.reduce((n, rs) => n + (f(rs) ?? 0), 0);
  const replicas = sum((rs) => rs.status.replicas);
  const ready = sum((rs) => rs.status.readyReplicas);
  const available = sum((rs) => rs.status.availableReplicas);
  const updated = newRS?.status.replicas ?? 0;
  const unavailable = Math.max(d.spec.replicas - available, 0);
  const conditions = structuredClone(d.status.conditions ?? []);
  setDeploymentCondition(conditions, 'Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', rfc3339(at));
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
        ...copiedAnnotations(d),
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
