// Pods (core/v1): strict decoding of a manifest, admission (pod-admission.ts: validation,
// defaulting, the ServiceAccount and DefaultTolerationSeconds plugins), the update rule of
// ValidatePodUpdate (pod-update.ts: only images and a few fields may change), and printPod's
// Table (pkg/printers/internalversion/printers.go: the STATUS / READY / RESTARTS rules and the wide IP / NODE columns).

import { forbidden } from '../../kube/api-errors';
import type { Pod } from '../../kube/types';
import { MAX_PODS } from '../../core/limits';
import { admitPod, type PodRequest } from '../pod-admission';
import { rfc3339 } from '../time-format';
import { metaOf, obj, podSpecFields, type Obj } from './decode';
import { columns, type KindRegistry, type TableCellOptions } from './kind-registry';
import { updatePod } from './pod-update';
import { POD_SPEC, ROOT } from './strict-fields';
import { ageSince } from './table-cells';

export const podRegistry: KindRegistry<'pods', PodRequest> = {
  info: { resource: 'pods', singular: 'pod', kind: 'Pod', shortNames: ['po'], namespaced: true, apiVersion: 'v1', group: '' },
  fields: ROOT(POD_SPEC),
  decode: decodePod,
  create(req, ctx) {
    if (ctx.list('pods').length >= MAX_PODS) throw forbidden(`pods "${req.name}" is forbidden: exceeded quota: the simulated cluster holds at most ${MAX_PODS} pods`);
    return admitPod(req, ctx.newUid(), rfc3339(ctx.now), ctx.rng);
  },
  update: (pod, req) => updatePod(pod, req),
  columns: columns(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']),
  cells: (pod, o) => [...podCells(pod, o), pod.status.podIPs?.[0]?.ip || '<none>', pod.spec.nodeName || '<none>', pod.status.nominatedNodeName || '<none>', '<none>'],
  selectableFields: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
};

function decodePod(o: Obj, namespace: string): PodRequest {
  const meta = metaOf(o, namespace);
  return { ...meta, ...podSpecFields(obj(o.spec, 'Pod.spec') ?? {}) };
}

function podCells(pod: Pod, o: TableCellOptions): string[] {
  const statuses = pod.status.containerStatuses ?? [];
  let reason: string = pod.status.reason || pod.status.phase;
  for (const c of pod.status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  let restarts = 0;
  let ready = 0;
  let lastRestart: string | undefined;
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i];
    restarts += c.restartCount;
    const finished = c.lastState.terminated?.finishedAt;
    if (finished && (!lastRestart || Date.parse(finished) > Date.parse(lastRestart))) lastRestart = finished;
    if (c.state.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state.terminated?.reason) reason = c.state.terminated.reason;
    else if (c.state.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
    else if (c.ready && c.state.running) {
      hasRunning = true;
      ready++;
    }
  }
  if (reason === 'Completed' && hasRunning) {
    reason = (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
  }
  if (pod.metadata.deletionTimestamp && pod.status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && pod.status.phase !== 'Succeeded' && pod.status.phase !== 'Failed') reason = 'Terminating';
  const restartText = restarts !== 0 && lastRestart ? `${restarts} (${ageSince(lastRestart, o.nowMs)} ago)` : String(restarts);
  return [pod.metadata.name, `${ready}/${pod.spec.containers.length}`, reason, restartText, ageSince(pod.metadata.creationTimestamp, o.nowMs)];
}
