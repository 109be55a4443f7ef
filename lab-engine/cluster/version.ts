// The one Kubernetes release Flatnet imitates. kubectl version, node VERSION columns and image
// tags of control-plane components all read it from here so they never disagree.

export const KUBERNETES_VERSION = 'v1.34.2';
export const CONTAINER_RUNTIME_VERSION = 'containerd://2.1.4';
export const OS_IMAGE = 'Ubuntu 24.04.3 LTS';
export const KERNEL_VERSION = '6.8.0-87-generic';
export const ETCD_VERSION = '3.6.4-0';
export const COREDNS_VERSION = 'v1.12.1';
