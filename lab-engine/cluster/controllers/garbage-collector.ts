// The garbage collector (pkg/controller/garbagecollector), background cascade only: a
// ReplicaSet or pod whose controller owner is gone is deleted. Any stored object may own pods
// (a Deployment's ReplicaSet, a DaemonSet, a StatefulSet, a Job), so liveness is looked up across
// every resource rather than a fixed list of owner kinds.

import type { ResourceName } from '../../kube/types';
import type { Controller, ControllerHost } from './controller';
import { controllerRef } from './controller-helpers';

export const garbageCollector: Controller = {
  name: 'garbagecollector',
  watches: ['deployments', 'replicasets', 'daemonsets', 'pods'],
  reconcile: collectOrphans,
};

/** Resources that never own pods or ReplicaSets: skipped when collecting live owner uids. */
const NEVER_OWNERS: ReadonlySet<ResourceName> = new Set<ResourceName>(['pods', 'events', 'endpoints', 'endpointslices']);

function collectOrphans(host: ControllerHost, at: number): boolean {
  let changed = false;
  const live = new Set<string>();
  for (const r of host.store.resources()) if (!NEVER_OWNERS.has(r)) for (const o of host.store.list(r)) live.add(o.metadata.uid);
  for (const rs of host.store.list('replicasets')) {
    const ref = controllerRef(rs.metadata.ownerReferences);
    if (ref && !live.has(ref.uid)) {
      host.store.remove('replicasets', rs.metadata.namespace, rs.metadata.name);
      live.delete(rs.metadata.uid);
      changed = true;
    }
  }
  for (const [uid, pods] of host.podsByOwner) {
    if (live.has(uid)) continue;
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      host.deletePod(pod, at);
      changed = true;
    }
  }
  return changed;
}
