// The ConfigMaps a kubeadm cluster holds from its first minute: kube-proxy's configuration (whose
// `mode` decides iptables or IPVS when a kube-proxy pod starts), CoreDNS's Corefile, kubeadm's
// ClusterConfiguration (pod and service subnets), the kubelet's configuration (clusterDNS, the
// cluster domain) and kube-root-ca.crt in every namespace. Contents follow kubeadm v1.34's
// defaults; uids derive from the names so adding them leaves the seeded random sequence alone.

import { KUBERNETES_VERSION } from '../version';
import { rfc3339 } from '../time-format';
import type { ConfigMap } from '../../kube/types';

export const CLUSTER_DOMAIN = 'cluster.local';

export const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes ${CLUSTER_DOMAIN} in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success ${CLUSTER_DOMAIN}
       disable denial ${CLUSTER_DOMAIN}
    }
    loop
    reload
    loadbalance
}
`;

/**
 * kubeadm leaves `mode` empty unless the cluster's KubeProxyConfiguration sets one (kubeadm's
 * defaulted component config prints `mode: ""`, which kube-proxy on Linux reads as iptables); a
 * lab that asks for ipvs or nftables gets the mode written out, as an admin would set it.
 */
function kubeadmModeLine(mode: string): string {
  return mode === 'iptables' || mode === '' ? '""' : mode;
}

function kubeProxyConfig(mode: string, clusterCIDR: string): string {
  return `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
bindAddressHardFail: false
clientConnection:
  acceptContentTypes: ""
  burst: 0
  contentType: ""
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
  qps: 0
clusterCIDR: ${clusterCIDR}
configSyncPeriod: 0s
conntrack:
  maxPerCore: null
  min: null
  tcpBeLiberal: false
  tcpCloseWaitTimeout: null
  tcpEstablishedTimeout: null
  udpStreamTimeout: 0s
  udpTimeout: 0s
detectLocal:
  bridgeInterface: ""
  interfaceNamePrefix: ""
detectLocalMode: ""
enableProfiling: false
healthzBindAddress: ""
hostnameOverride: ""
iptables:
  localhostNodePorts: null
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
ipvs:
  excludeCIDRs: null
  minSyncPeriod: 0s
  scheduler: ""
  strictARP: false
  syncPeriod: 0s
  tcpFinTimeout: 0s
  tcpTimeout: 0s
  udpTimeout: 0s
kind: KubeProxyConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
metricsBindAddress: ""
mode: ${kubeadmModeLine(mode)}
nftables:
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
nodePortAddresses: null
oomScoreAdj: null
portRange: ""
showHiddenMetricsForVersion: ""
winkernel:
  enableDSR: false
  forwardHealthCheckVip: false
  networkName: ""
  rootHnsEndpointName: ""
  sourceVip: ""`;
}

const KUBE_PROXY_KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: https://control-plane:6443
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token`;

function clusterConfiguration(podSubnet: string, serviceSubnet: string): string {
  return `apiServer: {}
apiVersion: kubeadm.k8s.io/v1beta4
caCertificateValidityPeriod: 87600h0m0s
certificateValidityPeriod: 8760h0m0s
certificatesDir: /etc/kubernetes/pki
clusterName: kubernetes
controlPlaneEndpoint: control-plane:6443
controllerManager: {}
dns: {}
encryptionAlgorithm: RSA-2048
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: ${KUBERNETES_VERSION}
networking:
  dnsDomain: ${CLUSTER_DOMAIN}
  podSubnet: ${podSubnet}
  serviceSubnet: ${serviceSubnet}
proxy: {}
scheduler: {}
`;
}

const KUBELET_CONFIG = `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
clusterDNS:
- 10.96.0.10
clusterDomain: ${CLUSTER_DOMAIN}
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
resolvConf: /run/systemd/resolve/resolv.conf
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;

/** The simulated cluster CA: PEM-shaped, stable, and (as nothing here verifies it) not a real certificate. */
const ROOT_CA_PEM = (() => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let state = 0x6b387331;
  let body = 'MIIDBTCCAe2gAwIBAgIIFlatnetCAwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UEAxMKa3ViZXJuZXRlczAeFw0y';
  while (body.length < 1020) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    body += alphabet[(state >>> 16) % 64];
  }
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}==\n-----END CERTIFICATE-----\n`;
})();

/** A uid in the API server's v4 shape, derived from a name instead of drawn from the seeded RNG. */
export function derivedUid(key: string): string {
  let hex = '';
  let h = 0x811c9dc5;
  for (let round = 0; hex.length < 32; round++) {
    for (const ch of `${key}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    hex += h.toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function configMap(namespace: string, name: string, data: Record<string, string>, at: number, labels?: Record<string, string>): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, uid: derivedUid(`${namespace}/${name}`), resourceVersion: '', creationTimestamp: rfc3339(at), ...(labels ? { labels } : {}) },
    data,
  };
}

export function rootCaConfigMap(namespace: string, at: number): ConfigMap {
  const cm = configMap(namespace, 'kube-root-ca.crt', { 'ca.crt': ROOT_CA_PEM }, at);
  cm.metadata.annotations = { 'kubernetes.io/description': "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters." };
  return cm;
}

export interface SystemConfigOptions {
  proxyMode: string;
  podSubnet: string;
  serviceSubnet: string;
}

/** kube-system's ConfigMaps, written while kubeadm init ran (`at`). */
export function systemConfigMaps(o: SystemConfigOptions, at: number): ConfigMap[] {
  return [
    configMap('kube-system', 'coredns', { Corefile: COREFILE }, at + 20_000),
    configMap('kube-system', 'kube-proxy', { 'config.conf': kubeProxyConfig(o.proxyMode, o.podSubnet), 'kubeconfig.conf': KUBE_PROXY_KUBECONFIG }, at + 20_000, { app: 'kube-proxy' }),
    configMap('kube-system', 'kubeadm-config', { ClusterConfiguration: clusterConfiguration(o.podSubnet, o.serviceSubnet) }, at + 15_000),
    configMap('kube-system', 'kubelet-config', { kubelet: KUBELET_CONFIG }, at + 15_000),
  ];
}

/** `mode:` in kube-proxy's config.conf, as kube-proxy reads it at start ("" means iptables on Linux). */
export function kubeProxyModeOf(config: ConfigMap): string {
  const text = config.data?.['config.conf'] ?? '';
  const match = /^mode:[ \t]*["']?([^"'\s#]*)["']?[ \t]*(?:#.*)?$/m.exec(text);
  return match ? match[1] : '';
}
