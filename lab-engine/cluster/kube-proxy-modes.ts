// Which proxy mode each kube-proxy container read from its configmap when it started (by pod uid,
// and `uid#N` for the Nth restart): kube-proxy reads its config once, so editing the configmap
// changes nothing for a running kube-proxy until a restart. The configmap is a volume (not a
// subPath), so a crash-looping container's next restart reads the file as it is then (the
// kubelet's volume refresh is taken as instant: the back-off is far longer). A mode kube-proxy's
// validation refuses makes the container exit at start (the DaemonSet's pod then crash-loops);
// so does one whose kubeconfig path is not in the mounted ConfigMap (kube-proxy-config.ts); the
// node keeps the rules the last good kube-proxy left, as the kernel does (kube-proxy-sync.ts).

import type { Pod } from '../kube/types';
import { kubeProxyModeOf } from './bootstrap/system-configmaps';
import type { Program } from './container-program';
import { kubeProxyRunFailure } from './kube-proxy-config';
import { kubeProxyLog } from './kube-proxy-log';
import type { ObjectStore } from './object-store';

/** The modes kube-proxy v1.34 accepts on Linux; "" means iptables. */
export const VALID_PROXY_MODES = ['iptables', 'ipvs', 'nftables'] as const;
export type ValidProxyMode = (typeof VALID_PROXY_MODES)[number];

export function isValidProxyMode(mode: string): boolean {
  return mode === '' || (VALID_PROXY_MODES as readonly string[]).includes(mode);
}

/** Where the last kube-proxy that started with a valid mode left each node: `lastValid/<node>`. */
const LAST_VALID = 'lastValid/';
/** Beside a start's mode (`<key>`), why that start failed after validation (`<key>!run`), if it did. */
const RUN_FAILURE = '!run';

export const isKubeProxy = (pod: Pod) => pod.metadata.namespace === 'kube-system' && pod.metadata.labels?.['k8s-app'] === 'kube-proxy';

export class KubeProxyModes {
  constructor(readonly state: Record<string, string>) {}

  /** A new pod: if it is a kube-proxy, remember the mode its configmap says now. */
  podCreated(pod: Pod, store: ObjectStore): void {
    if (!isKubeProxy(pod)) return;
    this.record(pod.metadata.uid, pod, store);
  }

  /** kube-proxy pods whose start was never seen (bootstrap's, an older snapshot's) read the configmap as it is now. */
  adoptRunning(store: ObjectStore): void {
    for (const pod of store.list('pods', 'kube-system')) {
      if (isKubeProxy(pod) && this.startedMode(pod) === undefined) this.record(pod.metadata.uid, pod, store);
    }
  }

  /** A kube-proxy container (re)started: its Nth restart reads the configmap as it is now. */
  containerStarted(pod: Pod, store: ObjectStore): void {
    if (!isKubeProxy(pod)) return;
    const key = startKey(pod);
    if (this.state[key] === undefined) this.record(key, pod, store);
  }

  /** The mode the running (or last) kube-proxy container of `pod` read, undefined for a pod whose start was never seen. */
  startedMode(pod: Pod): string | undefined {
    return this.state[startKey(pod)] ?? this.state[pod.metadata.uid];
  }

  private record(key: string, pod: Pod, store: ObjectStore): string {
    const config = store.get('configmaps', 'kube-system', 'kube-proxy');
    const mode = config ? kubeProxyModeOf(config) : '';
    const failure = config ? kubeProxyRunFailure(config) : undefined;
    this.state[key] = mode;
    if (failure) this.state[key + RUN_FAILURE] = failure;
    if (isValidProxyMode(mode) && !failure && pod.spec.nodeName) this.state[LAST_VALID + pod.spec.nodeName] = mode;
    return mode;
  }

  /** Why `pod`'s current kube-proxy container failed after validating its mode (its Run error), undefined if it did not. */
  private runFailure(pod: Pod): string | undefined {
    return this.state[startKey(pod) + RUN_FAILURE];
  }

  /** Whether `pod`'s current kube-proxy container came up: its mode passed validation and it got an API client. */
  started(pod: Pod, store: ObjectStore): boolean {
    return isValidProxyMode(this.modeOf(pod, store)) && this.runFailure(pod) === undefined;
  }

  /** The mode of the kube-proxy on `node` (the newest running one); undefined when the node has none and never had one. */
  modeOn(node: string, store: ObjectStore): string | undefined {
    const pods = store.list('pods', 'kube-system').filter((p) => p.spec.nodeName === node && p.metadata.labels?.['k8s-app'] === 'kube-proxy');
    const running = pods.filter((p) => p.status.phase === 'Running' && !p.metadata.deletionTimestamp);
    const current = (running.length ? running : pods).sort((a, b) => b.metadata.creationTimestamp.localeCompare(a.metadata.creationTimestamp))[0];
    const mode = current ? this.startedMode(current) : undefined;
    // A kube-proxy that failed validation programs nothing and removes nothing: the rules of the one before stay.
    if (mode !== undefined && (!isValidProxyMode(mode) || this.runFailure(current))) return this.state[LAST_VALID + node];
    if (mode !== undefined) this.state[LAST_VALID + node] = mode;
    return mode;
  }

  /**
   * The mode `pod`'s current container read at start: its own record; a restart not yet recorded
   * reads the configmap now (it is asked as the container starts); a pod from bootstrap that never
   * restarted, what the configmap says.
   */
  modeOf(pod: Pod, store: ObjectStore): string {
    const key = startKey(pod);
    const recorded = this.state[key];
    if (recorded !== undefined) return recorded;
    if (key !== pod.metadata.uid) return this.record(key, pod, store);
    const config = store.get('configmaps', 'kube-system', 'kube-proxy');
    return config ? kubeProxyModeOf(config) : '';
  }

  /** A kube-proxy whose mode fails validation, or that cannot build its API client, exits at once with status 1 (cli.Run). */
  program(pod: Pod, store: ObjectStore): Program | undefined {
    if (!isKubeProxy(pod)) return undefined;
    return this.started(pod, store) ? undefined : { kind: 'exit', afterMs: 150, exitCode: 1 };
  }

  /** What the kube-proxy container logged when it last started (`kubectl logs`), none for another pod. */
  startupLog(pod: Pod, store: ObjectStore, startedAtMs: number): { at: number; line: string }[] {
    if (!isKubeProxy(pod) || Number.isNaN(startedAtMs)) return [];
    const node = pod.spec.nodeName ? store.get('nodes', undefined, pod.spec.nodeName) : undefined;
    const nodeIP = node?.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
    return kubeProxyLog(this.modeOf(pod, store), nodeIP, startedAtMs, this.runFailure(pod));
  }
}

/** Where the mode of `pod`'s current container start is kept: its uid, then `uid#N` after N restarts. */
function startKey(pod: Pod): string {
  const restarts = pod.status.containerStatuses?.[0]?.restartCount ?? 0;
  return restarts > 0 ? `${pod.metadata.uid}#${restarts}` : pod.metadata.uid;
}
