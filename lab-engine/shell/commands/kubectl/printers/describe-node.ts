// `kubectl describe node`: describe.go describeNode and describeNodeResource. The Lease section
// is derived (Flatnet keeps no coordination.k8s.io Leases): the kubelet holds its node's lease
// and renews it every 10 s, so RenewTime is the last 10 s boundary of the simulated clock.

import type { Node, Pod, Event } from '../../../../kube/types';
import { rfc3339 } from '../../../../cluster/time-format';
import { ageSince } from '../../../../kube/human-duration';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './describe-writer';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, rfc1123z } from './describe-format';

const LEASE_RENEW_MS = 10_000;

/** `pods` are every pod bound to the node that has not terminated, in list order. */
export function describeNode(node: Node, pods: readonly Pod[], nowMs: number, events: readonly Event[] = []): string {
  const w = new DescribeWriter();
  const { metadata: meta, spec, status } = node;
  w.write(LEVEL_0, `Name:\t${meta.name}\n`);
  const roles = nodeRoles(meta.labels ?? {});
  w.write(LEVEL_0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  printTaintsMultiline(w, 'Taints', spec.taints);
  w.write(LEVEL_0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  w.write(LEVEL_0, 'Lease:\n');
  w.write(LEVEL_1, `HolderIdentity:\t${meta.name}\n`);
  w.write(LEVEL_1, 'AcquireTime:\t<unset>\n');
  w.write(LEVEL_1, `RenewTime:\t${rfc1123z(rfc3339(nowMs - (nowMs % LEASE_RENEW_MS)))}\n`);
  if (status.conditions.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of status.conditions) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of status.addresses) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [['Capacity', status.capacity], ['Allocatable', status.allocatable]] as const) {
    const names = Object.keys(list).sort();
    if (!names.length) continue;
    w.write(LEVEL_0, `${title}:\n`);
    for (const n of names) w.write(LEVEL_0, `  ${n}:\t${list[n]}\n`);
  }
  const info = status.nodeInfo;
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${info.machineID}\n`);
  w.write(LEVEL_0, `  System UUID:\t${info.systemUUID}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${info.bootID}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info.kernelVersion}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info.osImage}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info.operatingSystem}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info.architecture}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info.containerRuntimeVersion}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info.kubeletVersion}\n`);
  // The kubelet stopped reporting kube-proxy's version (DisableNodeKubeProxyVersion): the line stays, empty.
  w.write(LEVEL_0, '  Kube-Proxy Version:\t\n');
  if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
  if (spec.podCIDRs?.length) w.write(LEVEL_0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  describeNodeResources(w, node, pods, nowMs);
  describeEvents(w, events, nowMs);
  return w.done();
}

/** findNodeRoles: `node-role.kubernetes.io/<role>` labels and a `kubernetes.io/role` value, sorted. */
function nodeRoles(labels: Record<string, string>): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort();
}

function describeNodeResources(w: DescribeWriter, node: Node, pods: readonly Pod[], nowMs: number): void {
  const allocatable = Object.keys(node.status.allocatable).length ? node.status.allocatable : node.status.capacity;
  const alloc = {
    cpu: parseQuantity(allocatable.cpu ?? '0', 'cpu'),
    memory: parseQuantity(allocatable.memory ?? '0', 'bytes'),
    'ephemeral-storage': parseQuantity(allocatable['ephemeral-storage'] ?? '0', 'bytes'),
  };
  const pct = (used: number, of: number) => (of ? Math.trunc((used / of) * 100) : 0);
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const totals = { requests: new Map<string, number>(), limits: new Map<string, number>() };
  for (const pod of pods) {
    const req = podResources(pod, 'requests');
    const lim = podResources(pod, 'limits');
    for (const [k, v] of req) totals.requests.set(k, (totals.requests.get(k) ?? 0) + v);
    for (const [k, v] of lim) totals.limits.set(k, (totals.limits.get(k) ?? 0) + v);
    const cell = (m: Map<string, number>, r: 'cpu' | 'memory') => `${formatQuantity(m.get(r) ?? 0, r === 'cpu' ? 'cpu' : 'bytes')} (${pct(m.get(r) ?? 0, alloc[r])}%)`;
    w.write(LEVEL_1, `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cell(req, 'cpu')}\t${cell(lim, 'cpu')}\t${cell(req, 'memory')}\t${cell(lim, 'memory')}\t${ageSince(pod.metadata.creationTimestamp, nowMs)}\n`);
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  for (const r of ['cpu', 'memory', 'ephemeral-storage'] as const) {
    const kind = r === 'cpu' ? 'cpu' : 'bytes';
    const req = totals.requests.get(r) ?? 0;
    const lim = totals.limits.get(r) ?? 0;
    w.write(LEVEL_1, `${r}\t${formatQuantity(req, kind)} (${pct(req, alloc[r])}%)\t${formatQuantity(lim, kind)} (${pct(lim, alloc[r])}%)\n`);
  }
  for (const r of Object.keys(allocatable).filter((k) => k.startsWith('hugepages-')).sort()) {
    const of = parseQuantity(allocatable[r], 'bytes');
    const req = totals.requests.get(r) ?? 0;
    const lim = totals.limits.get(r) ?? 0;
    w.write(LEVEL_1, `${r}\t${formatQuantity(req, 'bytes')} (${pct(req, of)}%)\t${formatQuantity(lim, 'bytes')} (${pct(lim, of)}%)\n`);
  }
}

/** Sum of the containers' requests or limits (millicores for cpu, bytes otherwise). */
function podResources(pod: Pod, which: 'requests' | 'limits'): Map<string, number> {
  const sum = new Map<string, number>();
  for (const c of pod.spec.containers) {
    const list = (c.resources[which] ?? {}) as Record<string, string>;
    for (const [k, v] of Object.entries(list)) sum.set(k, (sum.get(k) ?? 0) + parseQuantity(v, k === 'cpu' ? 'cpu' : 'bytes'));
  }
  return sum;
}

const SUFFIX: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** A resource.Quantity as millicores (`cpu`) or whole units (`bytes`); 0 for what it cannot read. */
function parseQuantity(text: string, kind: 'cpu' | 'bytes'): number {
  const m = /^([0-9.]+)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(text);
  if (!m) return 0;
  const n = Number(m[1]);
  if (m[2] === 'm') return kind === 'cpu' ? n : n / 1000;
  const units = n * SUFFIX[m[2] ?? ''];
  return kind === 'cpu' ? units * 1000 : units;
}

/** Quantity.String for a sum: `100m`/`2` for cpu, the largest exact binary suffix for bytes. */
function formatQuantity(value: number, kind: 'cpu' | 'bytes'): string {
  if (kind === 'cpu') return value % 1000 === 0 ? String(value / 1000) : `${value}m`;
  for (const s of ['Ti', 'Gi', 'Mi', 'Ki']) if (value >= SUFFIX[s] && value % SUFFIX[s] === 0) return `${value / SUFFIX[s]}${s}`;
  return String(value);
}
