// kube-apiserver as kubeadm runs it (a static pod on the control plane): distroless, nothing to
// exec; in the registry so a replaced pod pulls and starts again.

import { KUBEADM_IMAGES } from '../../../cluster/bootstrap/kubeadm-images';
import { KUBERNETES_VERSION } from '../../../cluster/version';
import type { ImageProfile } from '../image-profile';

export const kubeApiserver: ImageProfile = {
  repositories: [KUBEADM_IMAGES['kube-apiserver']],
  registry: { tags: [KUBERNETES_VERSION], pullMs: 6_000, stopMs: 300, sizeBytes: 30_097_432 },
  defaultCommand: { kind: 'serves' },
};
