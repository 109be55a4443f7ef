// The one Kubernetes release Flatnet imitates. kubectl version, node VERSION columns and image
// tags of control-plane components all read it from here so they never disagree.
//
// Cluster identity: kubeadm on Ubuntu 24.04 VMs, not kind. The node names (control-plane, node-1,
// node-2), kubeadm's static pods and its ConfigMaps (kube-proxy's `mode: ""`, kubeadm-config)
// are kubeadm's; the nodes report Ubuntu's OS image and its GA kernel, and containerd 2.1 from
// Docker's apt repository. The node network 172.18.0.0/16 is just the VMs' private subnet (kind
// would give Debian-based node images, the host's kernel and `mode: iptables`). Chosen because it
// kept every node golden and changed only the ConfigMap's mode line.

export const KUBERNETES_VERSION = 'v1.34.2';
export const CONTAINER_RUNTIME_VERSION = 'containerd://2.1.4';
export const OS_IMAGE = 'Ubuntu 24.04.3 LTS';
export const KERNEL_VERSION = '6.8.0-87-generic';
export const ETCD_VERSION = '3.6.4-0';
export const COREDNS_VERSION = 'v1.12.1';
