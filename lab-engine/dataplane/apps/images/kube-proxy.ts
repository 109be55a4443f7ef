// kube-proxy as kubeadm runs it (its DaemonSet's pods, on each node's host network): distroless,
// nothing to exec; in the registry so a replaced pod pulls and starts again.

import { KUBEADM_IMAGES } from '../../../cluster/bootstrap/kubeadm-images';
import { KUBERNETES_VERSION } from '../../../cluster/version';
import type { ImageProfile } from '../image-profile';

export const kubeProxy: ImageProfile = {
  repositories: [KUBEADM_IMAGES['kube-proxy']],
  registry: { tags: [KUBERNETES_VERSION], pullMs: 5_000, stopMs: 300, sizeBytes: 30_965_846 },
  defaultCommand: { kind: 'serves' },
};
