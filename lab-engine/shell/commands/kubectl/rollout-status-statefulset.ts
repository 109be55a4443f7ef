// `kubectl rollout status statefulset/NAME`: polymorphichelpers StatefulSetStatusViewer. Only
// RollingUpdate sets have a status; it waits for the spec to be observed, then for every replica
// to be ready, then (with a rollingUpdate block, which defaulting adds) for the pods above the
// partition to be updated; without one it compares the current and update revisions.

import type { StatefulSet } from '../../../kube/types';

export const STATEFULSET_ONLY_ROLLING = 'error: rollout status is only available for RollingUpdate strategy type\n';

export function statefulSetStatus(sts: StatefulSet): { message: string; done: boolean } {
  const st = sts.status;
  if (!st.observedGeneration || sts.metadata.generation > st.observedGeneration) return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const ready = st.readyReplicas ?? 0;
  if (ready < sts.spec.replicas) return { message: `Waiting for ${sts.spec.replicas - ready} pods to be ready...\n`, done: false };
  const updated = st.updatedReplicas ?? 0;
  const rolling = sts.spec.updateStrategy.rollingUpdate;
  if (rolling) {
    const wanted = sts.spec.replicas - rolling.partition;
    if (updated < wanted) return { message: `Waiting for partitioned roll out to finish: ${updated} out of ${wanted} new pods have been updated...\n`, done: false };
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...\n`, done: true };
  }
  if (st.updateRevision !== st.currentRevision) return { message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${st.updateRevision}...\n`, done: false };
  return { message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...\n`, done: true };
}
