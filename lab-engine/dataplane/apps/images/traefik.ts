// Traefik, the ingress controller (the Docker official image), as its Helm chart installs it.
// Its HTTP is the ingress controller's (dataplane/ingress), which answers for any pod whose
// image INGRESS_CONTROLLERS (cluster/ingress-status.ts) lists; its repository is read from there.

import { INGRESS_CONTROLLERS } from '../../../cluster/ingress-status';
import type { ImageProfile } from '../image-profile';

export const traefik: ImageProfile = {
  repositories: [INGRESS_CONTROLLERS.traefik.image],
  registry: { tags: ['latest', 'v3', 'v3.4', 'v3.5', 'v3.5.3', 'v2.11'], pullMs: 6_000, stopMs: 300, sizeBytes: 58_402_178 },
  defaultCommand: { kind: 'serves' },
};
