// The ingress-nginx controller: Alpine (BusyBox ash and applets) plus the bash, openssl and
// diffutils its Dockerfiles add, nginx, and the controller binaries at /; it runs as www-data
// (uid 101, home /usr/local/nginx) in WORKDIR /etc/nginx. No curl. Its HTTP is the ingress
// controller's (dataplane/ingress), which answers for any pod whose image INGRESS_CONTROLLERS
// (cluster/ingress-status.ts) lists; its repository is read from there.

import { INGRESS_CONTROLLERS } from '../../../cluster/ingress-status';
import { BUSYBOX_NET, COREUTILS } from '../filesystems';
import type { ImageProfile } from '../image-profile';

export const ingressNginxController: ImageProfile = {
  repositories: [INGRESS_CONTROLLERS.nginx.image],
  registry: { tags: ['v1.12.1', 'v1.13.0', 'v1.13.1', 'v1.13.2', 'v1.13.3', 'v1.14.0'], pullMs: 8_000, stopMs: 300, sizeBytes: 105_478_296 },
  defaultCommand: { kind: 'serves' },
  filesystem: {
    userland: 'alpine',
    toolset: {
      programs: [...COREUTILS, ...BUSYBOX_NET, 'openssl', 'diff', 'nginx', 'dumb-init', '/nginx-ingress-controller', '/dbg', '/wait-shutdown'],
      shells: ['ash', 'bash'],
      busyboxIp: true,
      workdir: '/etc/nginx',
      user: 'www-data',
      home: '/usr/local/nginx',
    },
    // `adduser -S -D -H -u 101 ... -G www-data www-data`; Alpine's www-data group is 82.
    account: { name: 'www-data', uid: 101, gid: 82, group: 'www-data', extra: [] },
  },
};
