// What metrics-server would report (metrics.k8s.io PodMetrics/NodeMetrics), from a small
// deterministic model instead of cAdvisor: each running container uses a baseline for what it
// runs (a control-plane component, a host agent, a small server), raised towards its resource
// requests when it has them, jittered by a hash of
// its pod and container name and of the 15 s scrape window (metrics-server's default
// --metric-resolution), so figures move a little over time but the same seed and clock always
// give the same table. A node adds the pods it runs to the kubelet/containerd/OS overhead.
//
// The Metrics API exists only when metrics-server is installed: kubeadm does not install it, so
// the default cluster answers `kubectl top` with kubectl's "Metrics API not available"; a
// Deployment named metrics-server in kube-system stands for the addon (its APIService).

import type { Deployment, Node, Pod } from '../kube/types';

export const METRICS_RESOLUTION_MS = 15_000;

export interface ContainerUsage {
  name: string;
  cpuMilli: number;
  memoryBytes: number;
}

export interface PodUsage {
  namespace: string;
  name: string;
  containers: ContainerUsage[];
}

export interface NodeUsage {
  name: string;
  cpuMilli: number;
  memoryBytes: number;
  allocatableCpuMilli: number;
  allocatableMemoryBytes: number;
}

export type MetricsApi = { kind: 'absent' } | { kind: 'unavailable' } | { kind: 'serving' };

const Mi = 1024 * 1024;

/**
 * Idle baselines by the process a container runs, for the control plane's own components (named
 * by their kubeadm component, never by image: images are their profiles' business); other
 * containers idle as a small server does, host-network agents (the CNI's node daemon) heavier.
 */
const COMPONENTS: Record<string, { cpuMilli: number; memoryMi: number }> = {
  'kube-apiserver': { cpuMilli: 45, memoryMi: 240 },
  etcd: { cpuMilli: 22, memoryMi: 38 },
  'kube-controller-manager': { cpuMilli: 14, memoryMi: 48 },
  'kube-scheduler': { cpuMilli: 3, memoryMi: 20 },
  'kube-proxy': { cpuMilli: 1, memoryMi: 14 },
  coredns: { cpuMilli: 2, memoryMi: 13 },
};
const SERVER = { cpuMilli: 0, memoryMi: 3 };
const HOST_AGENT = { cpuMilli: 22, memoryMi: 95 };

/** FNV-1a, so figures depend only on names and the scrape window, never on shared randomness. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** resource.Quantity for CPU (`250m`, `1`) in millicores and memory (`64Mi`, `1G`, `3912704Ki`) in bytes. */
export function parseQuantity(text: string | undefined, unit: 'cpu' | 'memory'): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(text));
  if (!m) return undefined;
  const n = Number(m[1]);
  const factor: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: Mi, Gi: 1024 * Mi, Ti: 1024 * 1024 * Mi };
  const value = n * factor[m[2] ?? ''];
  return unit === 'cpu' ? Math.round(value * 1000) : Math.round(value);
}

function baselineOf(pod: Pod, containerName: string): { cpuMilli: number; memoryMi: number } {
  const known = COMPONENTS[containerName] ?? COMPONENTS[pod.metadata.labels?.component ?? ''] ?? COMPONENTS[pod.metadata.labels?.['k8s-app'] ?? ''];
  if (known) return known;
  return pod.spec.hostNetwork ? HOST_AGENT : SERVER;
}

/** Whether a Deployment kube-system/metrics-server serves the Metrics API. */
export function metricsApi(metricsServer: Deployment | undefined): MetricsApi {
  if (!metricsServer) return { kind: 'absent' };
  return (metricsServer.status.availableReplicas ?? 0) > 0 ? { kind: 'serving' } : { kind: 'unavailable' };
}

/** The pod's usage, or undefined while metrics-server has not scraped it yet (not running for a full window). */
export function podUsage(pod: Pod, nowMs: number): PodUsage | undefined {
  if (pod.status.phase !== 'Running' || pod.metadata.deletionTimestamp) return undefined;
  const window = Math.floor(nowMs / METRICS_RESOLUTION_MS);
  const containers: ContainerUsage[] = [];
  for (const c of pod.spec.containers) {
    const started = pod.status.containerStatuses?.find((s) => s.name === c.name)?.state.running?.startedAt;
    if (!started || nowMs - Date.parse(started) < METRICS_RESOLUTION_MS) continue;
    const base = baselineOf(pod, c.name);
    const requests = (c.resources as { requests?: Record<string, string> }).requests ?? {};
    const h = hash(`${pod.metadata.namespace}/${pod.metadata.name}/${c.name}/${window}`);
    const jitter = (h % 1000) / 1000; // 0..1
    const reqCpu = parseQuantity(requests.cpu, 'cpu');
    const reqMem = parseQuantity(requests.memory, 'memory');
    // A container with requests idles at a third to a half of them: sized workloads show up sized.
    const cpuMilli = Math.max(base.cpuMilli + Math.round(jitter * (base.cpuMilli / 4 + 1)), reqCpu ? Math.round(reqCpu * (0.3 + jitter * 0.2)) : 0);
    const memoryBytes = Math.max(Math.round((base.memoryMi + jitter * (base.memoryMi / 10 + 0.5)) * Mi), reqMem ? Math.round(reqMem * (0.35 + jitter * 0.15)) : 0);
    containers.push({ name: c.name, cpuMilli, memoryBytes });
  }
  if (containers.length === 0) return undefined;
  return { namespace: pod.metadata.namespace!, name: pod.metadata.name, containers };
}

/** The node's usage: its pods plus the kubelet, containerd and the OS. */
export function nodeUsage(node: Node, pods: readonly Pod[], nowMs: number): NodeUsage {
  const window = Math.floor(nowMs / METRICS_RESOLUTION_MS);
  const h = hash(`${node.metadata.name}/${window}`);
  let cpuMilli = 38 + (h % 17);
  let memoryBytes = (540 + (h % 61)) * Mi;
  for (const p of pods) {
    if (p.spec.nodeName !== node.metadata.name) continue;
    for (const c of podUsage(p, nowMs)?.containers ?? []) {
      cpuMilli += c.cpuMilli;
      memoryBytes += c.memoryBytes;
    }
  }
  return {
    name: node.metadata.name,
    cpuMilli,
    memoryBytes,
    allocatableCpuMilli: parseQuantity(node.status.allocatable.cpu, 'cpu') ?? 1000,
    allocatableMemoryBytes: parseQuantity(node.status.allocatable.memory, 'memory') ?? 4096 * Mi,
  };
}
