// Which proxy mode each kube-proxy pod read from its configmap when it was created (by pod uid):
// kube-proxy reads its config once, so editing the configmap changes nothing until a restart.
// A mode kube-proxy's validation refuses makes the container exit at start (the DaemonSet's pod
// then crash-loops); the node keeps the rules the last good kube-proxy left, as the kernel does.

import type { Pod } from '../kube/types';
import { kubeProxyModeOf } from './bootstrap/system-configmaps';
import type { Program } from './container-program';
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

const isKubeProxy = (pod: Pod) => pod.metadata.namespace === 'kube-system' && pod.metadata.labels?.['k8s-app'] === 'kube-proxy';

export class KubeProxyModes {
  constructor(readonly state: Record<string, string>) {}

  /** A new pod: if it is a kube-proxy, remember the mode its configmap says now. */
  podCreated(pod: Pod, store: ObjectStore): void {
    if (!isKubeProxy(pod)) return;
    const config = store.get('configmaps', 'kube-system', 'kube-proxy');
    const mode = config ? kubeProxyModeOf(config) : '';
    this.state[pod.metadata.uid] = mode;
    if (isValidProxyMode(mode) && pod.spec.nodeName) this.state[LAST_VALID + pod.spec.nodeName] = mode;
  }

  /** The mode of the kube-proxy on `node` (the newest running one); undefined until one started after bootstrap. */
  modeOn(node: string, store: ObjectStore): string | undefined {
    const pods = store.list('pods', 'kube-system').filter((p) => p.spec.nodeName === node && p.metadata.labels?.['k8s-app'] === 'kube-proxy');
    const running = pods.filter((p) => p.status.phase === 'Running' && !p.metadata.deletionTimestamp);
    const current = (running.length ? running : pods).sort((a, b) => b.metadata.creationTimestamp.localeCompare(a.metadata.creationTimestamp))[0];
    const mode = current ? this.state[current.metadata.uid] : undefined;
    // A kube-proxy that failed validation programs nothing and removes nothing: the rules of the one before stay.
    if (mode !== undefined && !isValidProxyMode(mode)) return this.state[LAST_VALID + node];
    if (mode !== undefined) this.state[LAST_VALID + node] = mode;
    return mode;
  }

  /** The mode `pod` read at start: its own record, else (a pod from bootstrap) what the configmap says. */
  private modeOf(pod: Pod, store: ObjectStore): string {
    const recorded = this.state[pod.metadata.uid];
    if (recorded !== undefined) return recorded;
    const config = store.get('configmaps', 'kube-system', 'kube-proxy');
    return config ? kubeProxyModeOf(config) : '';
  }

  /** A kube-proxy whose mode fails validation exits at once with status 1 (cli.Run). */
  program(pod: Pod, store: ObjectStore): Program | undefined {
    if (!isKubeProxy(pod)) return undefined;
    return isValidProxyMode(this.modeOf(pod, store)) ? undefined : { kind: 'exit', afterMs: 150, exitCode: 1 };
  }

  /** What the kube-proxy container logged when it last started (`kubectl logs`), none for another pod. */
  startupLog(pod: Pod, store: ObjectStore, startedAtMs: number): { at: number; line: string }[] {
    if (!isKubeProxy(pod) || Number.isNaN(startedAtMs)) return [];
    const node = pod.spec.nodeName ? store.get('nodes', undefined, pod.spec.nodeName) : undefined;
    const nodeIP = node?.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
    return kubeProxyLog(this.modeOf(pod, store), nodeIP, startedAtMs);
  }
}
