// CoreDNS as kubeadm deploys it: distroless, listening on 53 (UDP and TCP), 8080 (health), 8181
// (ready) and 9153 (metrics), and starting with the banner of the zone it serves. What it answers
// is dataplane/dns's. Stopping takes its lameduck's 5 s.

import { KUBEADM_IMAGES } from '../../../cluster/bootstrap/kubeadm-images';
import { COREDNS_VERSION } from '../../../cluster/version';
import type { ImageProfile, SocketSpec } from '../image-profile';

const any = (protocol: SocketSpec['protocol'], port: number): SocketSpec => ({ protocol, address: '*', port: { kind: 'fixed', port } });

export const coredns: ImageProfile = {
  repositories: [KUBEADM_IMAGES.coredns],
  registry: { tags: [COREDNS_VERSION, 'v1.11.3', 'v1.12.0'], pullMs: 3_000, stopMs: 5_000, sizeBytes: 22_384_805 },
  defaultCommand: { kind: 'serves' },
  process: { entrypoint: '/coredns' },
  listeners: { kind: 'fixed', process: 'coredns', sockets: [any('tcp', 53), any('udp', 53), any('tcp', 8080), any('tcp', 8181), any('tcp', 9153)] },
  startupLog: () => ['.:53', '[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b', `CoreDNS-${COREDNS_VERSION.replace(/^v/, '')}`, 'linux/amd64, go1.24.1, 707c7c1'],
};
