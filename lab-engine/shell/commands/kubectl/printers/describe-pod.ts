// `kubectl describe pod`, and the Containers/Volumes sections Deployments, ReplicaSets and
// DaemonSets share through their Pod Template: describe.go describePod, describeContainers,
// describeVolumes and DescribePodTemplate, field for field in the same order.

import type { Container, ContainerState, ContainerStatus, Event, Pod, PodTemplateSpec } from '../../../../kube/types';
import { humanDuration } from '../../../../kube/human-duration';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './describe-writer';
import { describeContainerProbes, describeEnv } from './describe-probes';
import { controllerOf, describeEvents, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline, rfc1123z, stringOrNone } from './describe-format';

export function describePod(pod: Pod, nowMs: number, events: readonly Event[] = []): string {
  const w = new DescribeWriter();
  const { metadata: meta, spec, status } = pod;
  w.write(LEVEL_0, `Name:\t${meta.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace}\n`);
  w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(LEVEL_0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    // translateTimestampSince of a deadline still ahead: kubectl really prints `<invalid>` here.
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${humanDuration(nowMs - Date.parse(meta.deletionTimestamp))})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase}\n`);
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  if (!status.podIPs?.length) w.write(LEVEL_0, 'IPs:\t<none>\n');
  else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of status.podIPs) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const controlledBy = controllerOf(meta.ownerReferences);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  describeContainers(w, 'Containers', spec.containers, status.containerStatuses ?? [], '', pod);
  if (spec.ephemeralContainers?.length) describeContainers(w, 'Ephemeral Containers', spec.ephemeralContainers, status.ephemeralContainerStatuses ?? [], '', pod);
  if (status.conditions?.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes, '');
  w.write(LEVEL_0, `QoS Class:\t${status.qosClass}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
  describeEvents(w, events, nowMs);
  return w.done();
}

/** DescribePodTemplate: the `Pod Template:` section of Deployments, ReplicaSets and DaemonSets. */
export function describePodTemplate(w: DescribeWriter, template: PodTemplateSpec): void {
  const spec = template.spec;
  w.write(LEVEL_0, 'Pod Template:\n');
  printLabelsMultiline(w, '  Labels', template.metadata.labels);
  if (template.metadata.annotations && Object.keys(template.metadata.annotations).length) printAnnotationsMultiline(w, '  Annotations', template.metadata.annotations);
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  describeContainers(w, 'Containers', spec.containers, undefined, '  ');
  describeVolumes(w, spec.volumes, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations);
}

function describeContainers(w: DescribeWriter, label: string, containers: readonly Container[], statuses: readonly ContainerStatus[] | undefined, space: string, pod?: Pod): void {
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  const nameIndent = space ? ' ' : '';
  for (const c of containers) {
    const status = statuses?.find((s) => s.name === c.name);
    w.write(LEVEL_1, `${nameIndent}${c.name}:\n`);
    if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(LEVEL_2, `Image:\t${c.image}\n`);
    if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol}${p.name ? ` (${p.name})` : ''}`).join(', ');
    w.write(LEVEL_2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${stringOrNone(ports)}\n`);
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol}${p.name ? ` (${p.name})` : ''}`).join(', ');
    w.write(LEVEL_2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${stringOrNone(hostPorts)}\n`);
    describeCommand(w, c);
    if (status) {
      describeState(w, 'State', status.state);
      if (status.lastState.terminated) describeState(w, 'Last State', status.lastState);
      w.write(LEVEL_2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount}\n`);
    }
    describeResources(w, c.resources);
    describeContainerProbes(w, c);
    describeEnv(w, c, pod);
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
    w.write(LEVEL_2, `Mounts:${mounts.length ? '' : '\t<none>'}\n`);
    for (const m of mounts) w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'})\n`);
  }
}

function describeCommand(w: DescribeWriter, c: Container): void {
  if (c.command?.length) {
    w.write(LEVEL_2, 'Command:\n');
    for (const part of c.command) for (const line of part.split('\n')) w.write(LEVEL_3, `${line}\n`);
  }
  if (c.args?.length) {
    w.write(LEVEL_2, 'Args:\n');
    for (const part of c.args) for (const line of part.split('\n')) w.write(LEVEL_3, `${line}\n`);
  }
}

function describeState(w: DescribeWriter, name: string, state: ContainerState): void {
  if (state.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal && t.signal > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

/** describeResources: Limits then Requests, resource names sorted. */
function describeResources(w: DescribeWriter, resources: Container['resources']): void {
  for (const [key, title] of [['limits', 'Limits'], ['requests', 'Requests']] as const) {
    const list = resources[key];
    const names = Object.keys(list ?? {}).sort();
    if (names.length) w.write(LEVEL_2, `${title}:\n`);
    for (const n of names) w.write(LEVEL_3, `${n}:\t${list![n]}\n`);
  }
}

type VolumeSource = Record<string, unknown>;

/** describeVolumes for the volume sources Flatnet pods carry; others print `<unknown>` as kubectl does for unknown sources. */
function describeVolumes(w: DescribeWriter, volumes: readonly Record<string, unknown>[] | undefined, space: string): void {
  if (!volumes?.length) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${String(v.name)}:\n`);
    const source = (key: string) => v[key] as VolumeSource | undefined;
    const projected = source('projected');
    const configMap = source('configMap');
    const secret = source('secret');
    const emptyDir = source('emptyDir');
    const hostPath = source('hostPath');
    if (hostPath) {
      w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${String(hostPath.path)}\n    HostPathType:\t${hostPath.type === undefined ? '<none>' : String(hostPath.type)}\n`);
    } else if (emptyDir) {
      w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${String(emptyDir.medium ?? '')}\n    SizeLimit:\t${emptyDir.sizeLimit ? String(emptyDir.sizeLimit) : '<unset>'}\n`);
    } else if (secret) {
      w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${String(secret.secretName ?? '')}\n    Optional:\t${secret.optional === true}\n`);
    } else if (configMap) {
      w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${String(configMap.name ?? '')}\n    Optional:\t${configMap.optional === true}\n`);
    } else if (projected) {
      describeProjected(w, projected);
    } else {
      w.write(LEVEL_1, '<unknown>\n');
    }
  }
}

function describeProjected(w: DescribeWriter, projected: VolumeSource): void {
  w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  for (const s of (projected.sources as VolumeSource[] | undefined) ?? []) {
    const secret = s.secret as VolumeSource | undefined;
    const configMap = s.configMap as VolumeSource | undefined;
    const token = s.serviceAccountToken as VolumeSource | undefined;
    if (secret) w.write(LEVEL_2, `SecretName:\t${String(secret.name ?? '')}\n    Optional:\t${secret.optional === true}\n`);
    else if (s.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
    else if (configMap) w.write(LEVEL_2, `ConfigMapName:\t${String(configMap.name ?? '')}\n    Optional:\t${configMap.optional === true}\n`);
    else if (token) w.write(LEVEL_2, `TokenExpirationSeconds:\t${Number(token.expirationSeconds ?? 3600)}\n`);
  }
}
