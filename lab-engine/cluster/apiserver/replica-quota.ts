// The simulated cluster's object-count quota on workloads, applied at admission as a ResourceQuota
// would be: a Deployment, ReplicaSet or StatefulSet asking for more replicas than the model can run
// without stalling the learner's shell is refused by the API server, in the API server's words,
// instead of being accepted and left for a controller to fail on in the background.

import { forbidden } from '../../kube/api-errors';
import { MAX_WORKLOAD_REPLICAS } from '../../core/limits';

/** The quota object the message names, as `kubectl describe quota` would. */
export const REPLICA_QUOTA_NAME = 'flatnet-limits';

/** Throws Forbidden when `replicas` is over the quota; `qualified` is e.g. `deployments.apps`. */
export function checkReplicaQuota(qualified: string, name: string, replicas: unknown): void {
  if (typeof replicas !== 'number' || replicas <= MAX_WORKLOAD_REPLICAS) return;
  throw forbidden(
    `${qualified} "${name}" is forbidden: exceeded quota: ${REPLICA_QUOTA_NAME}, requested: replicas=${replicas}, limited: replicas=${MAX_WORKLOAD_REPLICAS}`,
  );
}

/** spec.replicas of an admitted object or of a create/update request, when it has one. */
export function requestedReplicas(value: unknown): unknown {
  const v = value as { replicas?: unknown; spec?: { replicas?: unknown } } | null;
  return v?.spec?.replicas ?? v?.replicas;
}
