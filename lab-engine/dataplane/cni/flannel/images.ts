// The images kube-flannel.yml runs, as ghcr.io serves them: the simulated registry lists them for
// every cluster, whatever its CNI, so a deleted kube-flannel-ds pod pulls and starts again.
// flanneld's image is Alpine-based with iptables and ip: a shell in it finds the node's network
// tools (it runs on the host's network) but not the node's login and container tools.
// Sizes are close to the real images', not exact.

import type { CniImage } from '../cni-plugin';

/** The flannel release kube-flannel.yml pins (v0.27.x). */
export const FLANNEL_VERSION = 'v0.27.4';
export const FLANNEL_IMAGE = `ghcr.io/flannel-io/flannel:${FLANNEL_VERSION}`;
export const FLANNEL_CNI_PLUGIN_VERSION = 'v1.8.0-flannel1';

export const FLANNEL_IMAGES: readonly CniImage[] = [
  { repository: 'ghcr.io/flannel-io/flannel', tags: [FLANNEL_VERSION], pullMs: 6_000, stopMs: 30_000, sizeBytes: 33_468_310, nodeToolsWithout: ['ssh', 'crictl', 'sudo', 'tcpdump', 'dig', 'host', 'nslookup', 'jq'] },
  { repository: 'ghcr.io/flannel-io/flannel-cni-plugin', tags: [FLANNEL_CNI_PLUGIN_VERSION], pullMs: 2_000, stopMs: 300, sizeBytes: 4_856_004 },
];
