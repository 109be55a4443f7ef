// The sandbox ("pause") image every pod's network namespace hangs on: in the registry so
// `kubectl run x --image=registry.k8s.io/pause:3.10` works. Distroless: nothing to exec.

import type { ImageProfile } from '../image-profile';

export const pause: ImageProfile = {
  repositories: ['registry.k8s.io/pause'],
  registry: { tags: ['3.9', '3.10', '3.10.1'], pullMs: 800, stopMs: 100, sizeBytes: 320_368 },
  defaultCommand: { kind: 'serves' },
};
