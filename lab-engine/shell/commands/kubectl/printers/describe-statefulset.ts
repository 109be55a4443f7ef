// `kubectl describe statefulset`: describe.go describeStatefulSet (Service Name and Pod Management
// Policy when set, `N desired | M total`, the update strategy with its partition, the claim
// retention policy, the pods' phases, the pod template, describeVolumeClaimTemplates, events).

import type { Event, StatefulSet } from '../../../../kube/types';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './describe-writer';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, selectorString } from './describe-format';
import { describePodTemplate } from './describe-pod';
import type { PodCounts } from './describe-workloads';

export function describeStatefulSet(set: StatefulSet, pods: PodCounts, events: readonly Event[] = [], nowMs = 0): string {
  const w = new DescribeWriter();
  const { spec } = set;
  w.write(LEVEL_0, `Name:\t${set.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${set.metadata.namespace}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(set.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', set.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', set.metadata.annotations);
  if (spec.serviceName) w.write(LEVEL_0, `Service Name:\t${spec.serviceName}\n`);
  w.write(LEVEL_0, `Pod Management Policy:\t${spec.podManagementPolicy}\n`);
  w.write(LEVEL_0, `Replicas:\t${spec.replicas} desired | ${set.status.replicas} total\n`);
  w.write(LEVEL_0, `Update Strategy:\t${spec.updateStrategy.type}\n`);
  const ru = spec.updateStrategy.rollingUpdate;
  if (ru) {
    w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(LEVEL_1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(LEVEL_0, 'Persistent Volume Claim Retention Policy:\n');
  w.write(LEVEL_1, `WhenDeleted:\t${spec.persistentVolumeClaimRetentionPolicy.whenDeleted}\n`);
  w.write(LEVEL_1, `WhenScaled:\t${spec.persistentVolumeClaimRetentionPolicy.whenScaled}\n`);
  w.write(LEVEL_0, `Pods Status:\t${pods.running} Running / ${pods.waiting} Waiting / ${pods.succeeded} Succeeded / ${pods.failed} Failed\n`);
  describePodTemplate(w, spec.template);
  describeVolumeClaimTemplates(w, spec.volumeClaimTemplates ?? []);
  describeEvents(w, events, nowMs);
  return w.done();
}

/** describeVolumeClaimTemplates: each claim's name, class, labels, annotations, capacity and access modes (a Go slice). */
function describeVolumeClaimTemplates(w: DescribeWriter, templates: readonly Record<string, unknown>[]): void {
  if (templates.length === 0) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volume Claims:\n');
  for (const pvc of templates) {
    const meta = (pvc.metadata ?? {}) as { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
    const spec = (pvc.spec ?? {}) as { storageClassName?: string; accessModes?: string[]; resources?: { requests?: Record<string, string> } };
    w.write(LEVEL_1, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_1, `StorageClass:\t${meta.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? spec.storageClassName ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels, '  ');
    printLabelsMultiline(w, 'Annotations', meta.annotations, '  ');
    w.write(LEVEL_1, `Capacity:\t${spec.resources?.requests?.storage ?? '<default>'}\n`);
    w.write(LEVEL_1, `Access Modes:\t[${(spec.accessModes ?? []).join(' ')}]\n`);
  }
}
