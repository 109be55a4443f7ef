// Calico's release and the images its manifest runs, as the public registry serves them: the
// simulated registry lists them for every cluster, whatever its CNI (as Docker Hub would), so a
// replaced calico pod pulls and starts again. Sizes are close to the real images', not exact.

import type { CniImage } from '../cni-plugin';

/** The Calico release calico.yaml pins (its images' tag). */
export const CALICO_VERSION = 'v3.30.3';

export const CALICO_NODE_IMAGE = `docker.io/calico/node:${CALICO_VERSION}`;
export const CALICO_KUBE_CONTROLLERS_IMAGE = `docker.io/calico/kube-controllers:${CALICO_VERSION}`;

export const CALICO_IMAGES: readonly CniImage[] = [
  // calico-node runs on the host's network with the host's networking tools (ip, iptables, ipset...),
  // but without the node's login and container tools.
  { repository: 'docker.io/calico/node', tags: [CALICO_VERSION], pullMs: 12_000, stopMs: 2_000, sizeBytes: 156_932_081, nodeToolsWithout: ['ssh', 'crictl', 'sudo'] },
  // Distroless: nothing to exec.
  { repository: 'docker.io/calico/kube-controllers', tags: [CALICO_VERSION], pullMs: 5_000, stopMs: 300, sizeBytes: 35_328_920 },
];
