// The garbage collector (pkg/controller/garbagecollector), background cascade only: a
// ReplicaSet or pod whose controller owner is gone is deleted. Any stored object may own pods
// (a Deployment's ReplicaSet, a DaemonSet, a StatefulSet, a Job), so an owner is looked up by the kind
// its reference names rather than from a fixed list of owner kinds.

import type { OwnerReference, ResourceName } from '../../kube/types';
import { KINDS } from '../registry/index';
import type { Controller, ControllerHost } from './controller';
import { controllerRef } from './controller-helpers';

export const garbageCollector: Controller = {
  name: 'garbagecollector',
  watches: ['deployments', 'replicasets', 'daemonsets', 'pods'],
  reconcile: collectOrphans,
};

/** Resources that never own pods or ReplicaSets: never looked up as owners. */
const NEVER_OWNERS: ReadonlySet<ResourceName> = new Set<ResourceName>(['pods', 'events', 'endpoints', 'endpointslices']);

/** The resources that store each kind (a kind name may be served by more than one group). */
const RESOURCES_OF_KIND: ReadonlyMap<string, readonly ResourceName[]> = (() => {
  const out = new Map<string, ResourceName[]>();
  for (const k of KINDS) {
    if (NEVER_OWNERS.has(k.info.resource)) continue;
    out.set(k.info.kind, [...(out.get(k.info.kind) ?? []), k.info.resource]);
  }
  return out;
})();

/**
 * Whether the owner a reference names still exists: the object at the reference's kind, namespace
 * and name, with the same uid (a namesake made after a delete is another object), as the real
 * collector resolves an owner through its coordinates. A lookup per dependent, not a scan of the
 * whole store, so the pass costs nothing when a lab holds thousands of unrelated objects.
 */
function ownerAlive(host: ControllerHost, namespace: string | undefined, ref: OwnerReference): boolean {
  for (const resource of RESOURCES_OF_KIND.get(ref.kind) ?? []) {
    if (host.store.get(resource, namespace, ref.name)?.metadata.uid === ref.uid) return true;
  }
  return false;
}

function collectOrphans(host: ControllerHost, at: number): boolean {
  let changed = false;
  for (const rs of host.store.list('replicasets')) {
    const ref = controllerRef(rs.metadata.ownerReferences);
    if (ref && !ownerAlive(host, rs.metadata.namespace, ref)) {
      host.store.remove('replicasets', rs.metadata.namespace, rs.metadata.name);
      changed = true;
    }
  }
  for (const pods of host.podsByOwner.values()) {
    const first = pods[0];
    const ref = first && controllerRef(first.metadata.ownerReferences);
    if (!ref || ownerAlive(host, first.metadata.namespace, ref)) continue;
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      host.deletePod(pod, at);
      changed = true;
    }
  }
  return changed;
}
