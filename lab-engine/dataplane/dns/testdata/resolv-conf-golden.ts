// Golden /etc/resolv.conf files as kubelet and containerd write them, one per dnsPolicy.
// Sources: Kubernetes documentation, "DNS for Services and Pods" (kubernetes.io/docs/concepts/
// services-networking/dns-pod-service/: the ClusterFirst file `search default.svc.cluster-domain.example
// svc.cluster-domain.example cluster-domain.example` / `nameserver 10.32.0.10` / `options ndots:5`,
// and the dnsPolicy None example content/en/examples/service/networking/custom-dns.yaml with its
// `nameserver 192.0.2.1`, `search ns1.svc.cluster-domain.example my.dns.search.suffix`,
// `options ndots:2 edns0`); the line order (search, nameserver, options) is containerd's
// (internal/cri/server/sandbox_run_linux.go, parseDNSOptions). The cluster domain here is
// cluster.local and the kube-dns ClusterIP 10.96.0.10, as kubeadm sets them.

/** dnsPolicy ClusterFirst (the default), a pod in namespace `shop`. */
export const CLUSTER_FIRST_SHOP = `search shop.svc.cluster.local svc.cluster.local cluster.local
nameserver 10.96.0.10
options ndots:5
`;

/** dnsPolicy None with the documentation's dnsConfig (custom-dns.yaml). */
export const NONE_CUSTOM_DNS = `search ns1.svc.cluster-domain.example my.dns.search.suffix
nameserver 192.0.2.1
options ndots:2 edns0
`;

/** ClusterFirst plus dnsConfig `options: [{name: ndots, value: "2"}, {name: single-request-reopen}]`, searches `corp.example`. */
export const CLUSTER_FIRST_WITH_DNS_CONFIG = `search shop.svc.cluster.local svc.cluster.local cluster.local corp.example
nameserver 10.96.0.10
options ndots:2 single-request-reopen
`;
