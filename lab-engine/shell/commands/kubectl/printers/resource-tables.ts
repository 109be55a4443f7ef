// The table columns kubectl prints for each resource, re-expressed from
// pkg/printers/internalversion/printers.go (printPod, printNode, printNamespace): the same
// headers, the same STATUS/READY/RESTARTS rules, the same `<none>` placeholders.

import type { Namespace, Node, ObjectMeta, Pod } from '../../../../kube/types';
import { ageSince } from './human-duration';

export interface TableOptions {
  wide: boolean;
  withNamespace: boolean;
  showLabels: boolean;
  nowMs: number;
}

export interface Table {
  headers: string[];
  rows: string[][];
}

const POD_HEADERS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
const POD_WIDE = ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'];

export function podTable(pods: readonly Pod[], o: TableOptions): Table {
  return decorate(POD_HEADERS, o.wide ? POD_WIDE : [], pods.map((p) => [...podCells(p, o), ...(o.wide ? podWideCells(p) : [])]), pods, o);
}

function podCells(pod: Pod, o: TableOptions): string[] {
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

function podWideCells(pod: Pod): string[] {
  return [pod.status.podIPs?.[0]?.ip || '<none>', pod.spec.nodeName || '<none>', pod.status.nominatedNodeName || '<none>', '<none>'];
}

const NODE_HEADERS = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'];
const NODE_WIDE = ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'];

export function nodeTable(nodes: readonly Node[], o: TableOptions): Table {
  const rows = nodes.map((n) => {
    const ready = n.status.conditions.find((c) => c.type === 'Ready');
    const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
    if (n.spec.unschedulable) status.push('SchedulingDisabled');
    const roles = nodeRoles(n);
    const cells = [n.metadata.name, status.join(','), roles.length ? roles.join(',') : '<none>', ageSince(n.metadata.creationTimestamp, o.nowMs), n.status.nodeInfo.kubeletVersion];
    if (o.wide) {
      const info = n.status.nodeInfo;
      cells.push(
        n.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '<none>',
        n.status.addresses.find((a) => a.type === 'ExternalIP')?.address ?? '<none>',
        info.osImage || '<unknown>',
        info.kernelVersion || '<unknown>',
        info.containerRuntimeVersion || '<unknown>',
      );
    }
    return cells;
  });
  return decorate(NODE_HEADERS, o.wide ? NODE_WIDE : [], rows, nodes, { ...o, withNamespace: false });
}

function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (key === 'kubernetes.io/role' && value) {
      roles.add(value);
    }
  }
  return [...roles].sort();
}

export function namespaceTable(namespaces: readonly Namespace[], o: TableOptions): Table {
  const rows = namespaces.map((n) => [n.metadata.name, n.status.phase, ageSince(n.metadata.creationTimestamp, o.nowMs)]);
  return decorate(['NAME', 'STATUS', 'AGE'], [], rows, namespaces, { ...o, withNamespace: false });
}

/** NAMESPACE first with -A, LABELS last with --show-labels, as the table printer adds them. */
export function decorate(headers: string[], wideHeaders: string[], rows: string[][], objects: readonly { metadata: ObjectMeta }[], o: TableOptions): Table {
  const allHeaders = [...(o.withNamespace ? ['NAMESPACE'] : []), ...headers, ...wideHeaders, ...(o.showLabels ? ['LABELS'] : [])];
  const allRows = rows.map((cells, i) => {
    const meta = objects[i].metadata;
    return [...(o.withNamespace ? [meta.namespace ?? ''] : []), ...cells, ...(o.showLabels ? [formatLabels(meta.labels)] : [])];
  });
  return { headers: allHeaders, rows: allRows };
}

/** labels.FormatLabels: `k=v` pairs sorted by key, comma-joined, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}
