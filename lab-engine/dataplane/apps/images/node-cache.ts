// NodeLocal DNSCache's node-cache (kubernetes/dns, cmd/node-cache): a CoreDNS build that binds
// the addresses of its `-localip` on each node's host network. Distroless, nothing to exec. What
// it changes on the node and for the pods' lookups is dataplane/dns/node-local-dns.ts's.

import type { ImageProfile } from '../image-profile';

export const nodeCache: ImageProfile = {
  repositories: ['registry.k8s.io/dns/k8s-dns-node-cache'],
  registry: { tags: ['1.26.4', '1.25.0', '1.23.1'], pullMs: 4_000, stopMs: 300, sizeBytes: 31_204_180 },
  defaultCommand: { kind: 'serves' },
  dns: 'node-cache',
  // Its sockets are bound to the addresses of its `-localip` (CoreDNS's bind plugin), not to every
  // address: the node's sockets list (packet/node-sockets.ts) adds them from the pod's args.
  listeners: { kind: 'fixed', process: 'node-cache', sockets: [] },
};
