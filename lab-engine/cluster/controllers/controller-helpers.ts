// What the workload controllers share: reading an object's controller ownerReference, making
// one, telling active and ready pods apart, writing status only when it changed, and naming a new
// pod `<owner>-<5 chars>` as generateName does.

import type { Rng } from '../../core/random';
import { randomSuffix } from '../../core/random';
import type { OwnerReference, Pod } from '../../kube/types';
import type { ObjectStore } from '../object-store';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

export function controllerRef(refs: readonly OwnerReference[] | undefined): OwnerReference | undefined {
  return refs?.find((r) => r.controller);
}

/** The ownerReference a controller puts on what it creates. */
export function ownerRef(obj: { apiVersion: string; kind: string; metadata: { name: string; uid: string } }): OwnerReference {
  return { apiVersion: obj.apiVersion, blockOwnerDeletion: true, controller: true, kind: obj.kind, name: obj.metadata.name, uid: obj.metadata.uid };
}

export function isActive(pod: Pod): boolean {
  return !pod.metadata.deletionTimestamp && pod.status.phase !== 'Succeeded' && pod.status.phase !== 'Failed';
}

export function isPodReady(pod: Pod): boolean {
  return (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Writes `next` into `obj.status` (and bumps resourceVersion) only when it differs. */
export function setStatus<T extends { status: object }>(store: ObjectStore, obj: T, next: T['status']): boolean {
  if (JSON.stringify(obj.status) === JSON.stringify(next)) return false;
  obj.status = next;
  store.touch(obj as never);
  return true;
}

export function uniquePodName(store: ObjectStore, rng: Rng, namespace: string, base: string): string {
  for (;;) {
    const name = `${base}-${randomSuffix(rng, 5)}`;
    if (!store.get('pods', namespace, name)) return name;
  }
}
