// etcd, as kubeadm runs it (the control plane's static pod): distroless, nothing to exec; in the
// registry so a replaced pod pulls and starts again.

import { KUBEADM_IMAGES } from '../../../cluster/bootstrap/kubeadm-images';
import { ETCD_VERSION } from '../../../cluster/version';
import type { ImageProfile } from '../image-profile';

export const etcd: ImageProfile = {
  repositories: [KUBEADM_IMAGES.etcd],
  registry: { tags: [ETCD_VERSION], pullMs: 6_000, stopMs: 300, sizeBytes: 58_938_593 },
  defaultCommand: { kind: 'serves' },
};
