// The kubeconfig path kube-proxy reads from config.conf, and whether the DaemonSet's ConfigMap
// volume holds it: only keys of the ConfigMap exist under /var/lib/kube-proxy in the container.

import { describe, expect, it } from 'vitest';
import type { ConfigMap } from '../kube/types';
import { kubeProxyKubeconfigOf, kubeProxyRunFailure } from './kube-proxy-config';

const cm = (conf: string): ConfigMap =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-proxy', namespace: 'kube-system' }, data: { 'config.conf': conf, 'kubeconfig.conf': 'apiVersion: v1\nkind: Config\n' } }) as unknown as ConfigMap;
const conf = (kubeconfig: string) => `apiVersion: kubeproxy.config.k8s.io/v1alpha1\nbindAddress: 0.0.0.0\nclientConnection:\n  acceptContentTypes: ""\n  burst: 0\n  kubeconfig: ${kubeconfig}\n  qps: 0\nclusterCIDR: 10.244.0.0/16\nmode: ""\n`;

describe("kube-proxy's kubeconfig", () => {
  it('reads clientConnection.kubeconfig, quoted or not, and nothing outside clientConnection', () => {
    expect(kubeProxyKubeconfigOf(cm(conf('/var/lib/kube-proxy/kubeconfig.conf')))).toBe('/var/lib/kube-proxy/kubeconfig.conf');
    expect(kubeProxyKubeconfigOf(cm(conf('"/var/lib/kube-proxy/kubeconfig.conf"')))).toBe('/var/lib/kube-proxy/kubeconfig.conf');
    expect(kubeProxyKubeconfigOf(cm(conf('""')))).toBe('');
    expect(kubeProxyKubeconfigOf(cm('kubeconfig: /elsewhere\nclientConnection:\n  qps: 0\nmode: ""\n'))).toBe('');
  });

  it('a path the ConfigMap volume does not hold fails as client-go stat fails; blank falls back to in-cluster config', () => {
    expect(kubeProxyRunFailure(cm(conf('/var/lib/kube-proxy/kubeconfig.conf')))).toBeUndefined();
    expect(kubeProxyRunFailure(cm(conf('/var/lib/kube-proxy/kubeconfigd.conf')))).toBe('stat /var/lib/kube-proxy/kubeconfigd.conf: no such file or directory');
    expect(kubeProxyRunFailure(cm(conf('/etc/kubernetes/admin.conf')))).toBe('stat /etc/kubernetes/admin.conf: no such file or directory');
    expect(kubeProxyRunFailure(cm(conf('""')))).toBeUndefined();
  });
});
