// Which proxy mode each kube-proxy pod read from its configmap when it was created (by pod uid):
// kube-proxy reads its config once, so editing the configmap changes nothing until a restart.

import type { Pod } from '../kube/types';
import { kubeProxyModeOf } from './bootstrap/system-configmaps';
import type { ObjectStore } from './object-store';

export class KubeProxyModes {
  constructor(readonly state: Record<string, string>) {}

  /** A new pod: if it is a kube-proxy, remember the mode its configmap says now. */
  podCreated(pod: Pod, store: ObjectStore): void {
    if (pod.metadata.namespace !== 'kube-system' || pod.metadata.labels?.['k8s-app'] !== 'kube-proxy') return;
    const config = store.get('configmaps', 'kube-system', 'kube-proxy');
    this.state[pod.metadata.uid] = config ? kubeProxyModeOf(config) : '';
  }

  /** The mode of the kube-proxy on `node` (the newest running one); undefined until one started after bootstrap. */
  modeOn(node: string, store: ObjectStore): string | undefined {
    const pods = store.list('pods', 'kube-system').filter((p) => p.spec.nodeName === node && p.metadata.labels?.['k8s-app'] === 'kube-proxy');
    const running = pods.filter((p) => p.status.phase === 'Running' && !p.metadata.deletionTimestamp);
    const current = (running.length ? running : pods).sort((a, b) => b.metadata.creationTimestamp.localeCompare(a.metadata.creationTimestamp))[0];
    return current ? this.state[current.metadata.uid] : undefined;
  }
}
