// What kube-proxy's start makes of its config.conf beyond `mode`: the kubeconfig it dials the API
// server with. The DaemonSet mounts the `kube-proxy` ConfigMap at /var/lib/kube-proxy (every key a
// file) and nothing else a kubeconfig could live in, so `clientConnection.kubeconfig` must name one
// of the ConfigMap's keys there. Any other path fails in createClient (client-go's clientcmd stats
// the explicit path) and kube-proxy exits: its log then says `stat PATH: no such file or
// directory`, the classic "kube-proxy crash-loops after a ConfigMap edit" of a typo in that path.
// An empty kubeconfig falls back to the in-cluster config (the pod's service account), which works.

import type { ConfigMap } from '../kube/types';

/** Where the DaemonSet mounts the ConfigMap (cmd kubeadm's kube-proxy manifest). */
const CONFIG_DIR = '/var/lib/kube-proxy/';

/** `clientConnection.kubeconfig` in config.conf, as kube-proxy reads it ("" when absent or blank). */
export function kubeProxyKubeconfigOf(config: ConfigMap): string {
  const text = config.data?.['config.conf'] ?? '';
  const match = /^clientConnection:[^\n]*\n(?:[ \t]+[^\n]*\n)*?[ \t]+kubeconfig:[ \t]*["']?([^"'\s#]*)["']?[ \t]*(?:#.*)?$/m.exec(text);
  return match ? match[1] : '';
}

/** Why kube-proxy's Run fails with this ConfigMap (the error it logs), or undefined when it gets a client. */
export function kubeProxyRunFailure(config: ConfigMap): string | undefined {
  const path = kubeProxyKubeconfigOf(config);
  if (path === '') return undefined;
  const mounted = path.startsWith(CONFIG_DIR) && Object.hasOwn(config.data ?? {}, path.slice(CONFIG_DIR.length));
  return mounted ? undefined : `stat ${path}: no such file or directory`;
}
