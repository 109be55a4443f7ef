// The images of the pods kubeadm creates (`kubeadm config images list`, less the sandbox image):
// the control plane's static pods, kube-proxy's DaemonSet and CoreDNS's Deployment, tagged with
// the release in version.ts. The bootstrap writes them into those pods; each image's profile
// (dataplane/apps/images/) reads its repository from here, since cluster/ cannot import it.

export const KUBEADM_IMAGES = {
  'kube-apiserver': 'registry.k8s.io/kube-apiserver',
  'kube-controller-manager': 'registry.k8s.io/kube-controller-manager',
  'kube-scheduler': 'registry.k8s.io/kube-scheduler',
  'kube-proxy': 'registry.k8s.io/kube-proxy',
  etcd: 'registry.k8s.io/etcd',
  coredns: 'registry.k8s.io/coredns/coredns',
} as const;
