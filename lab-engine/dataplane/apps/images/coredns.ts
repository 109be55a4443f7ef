// CoreDNS as kubeadm deploys it: distroless, listening on 53 (UDP and TCP), 8080 (health), 8181
// (ready) and 9153 (metrics). Its banner, or why it will not start, follows the Corefile it read
// (cluster/coredns-start.ts); what it answers is dataplane/dns's. Stopping takes its lameduck's 5 s.

import { KUBEADM_IMAGES } from '../../../cluster/bootstrap/kubeadm-images';
import { COREDNS_VERSION } from '../../../cluster/version';
import type { ImageProfile, SocketSpec } from '../image-profile';

const any = (protocol: SocketSpec['protocol'], port: number): SocketSpec => ({ protocol, address: '*', port: { kind: 'fixed', port } });

export const coredns: ImageProfile = {
  repositories: [KUBEADM_IMAGES.coredns],
  registry: { tags: [COREDNS_VERSION, 'v1.11.3', 'v1.12.0'], pullMs: 3_000, stopMs: 5_000, sizeBytes: 22_384_805 },
  defaultCommand: { kind: 'serves' },
  dns: 'server',
  process: { entrypoint: '/coredns' },
  listeners: { kind: 'fixed', process: 'coredns', sockets: [any('tcp', 53), any('udp', 53), any('tcp', 8080), any('tcp', 8181), any('tcp', 9153)] },
};
