// `kubectl describe job`: describe.go describeJob (selector, labels, controller, parallelism,
// completions, completion mode, suspend, backoff limit, start and completion times with the
// duration, `N Active (R Ready) / S Succeeded / F Failed`, the pod template, events).

import type { Event, Job } from '../../../../kube/types';
import { humanDuration } from '../../../../kube/human-duration';
import { DescribeWriter, LEVEL_0 } from './describe-writer';
import { controllerOf, describeEvents, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, selectorString } from './describe-format';
import { describePodTemplate } from './describe-pod';

export function describeJob(job: Job, events: readonly Event[] = [], nowMs = 0): string {
  const w = new DescribeWriter();
  const { spec, status } = job;
  w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', job.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations);
  const controlledBy = controllerOf(job.metadata.ownerReferences);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  if (status.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(status.completionTime)}\n`);
  if (status.startTime && status.completionTime) w.write(LEVEL_0, `Duration:\t${humanDuration(Date.parse(status.completionTime) - Date.parse(status.startTime))}\n`);
  if (spec.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  w.write(LEVEL_0, `Pods Statuses:\t${status.active ?? 0} Active (${status.ready ?? 0} Ready) / ${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed\n`);
  describePodTemplate(w, spec.template);
  describeEvents(w, events, nowMs);
  return w.done();
}
