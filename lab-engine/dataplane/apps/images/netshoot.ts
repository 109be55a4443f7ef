// nicolaka/netshoot: Alpine with every network tool a node has (and nmap, iperf3, mtr) but no
// ssh, crictl or sudo; its nc is OpenBSD's netcat (netcat-openbsd, on musl). Its default command
// is a shell (zsh), so without a tty it exits 0 and `kubectl run -it` opens it.

import { NODE_TOOLSET } from '../filesystems';
import type { ImageProfile } from '../image-profile';

export const netshoot: ImageProfile = {
  repositories: ['docker.io/nicolaka/netshoot'],
  registry: { tags: ['latest', 'v0.12', 'v0.13', 'v0.14'], pullMs: 9_000, stopMs: 30_000, sizeBytes: 205_816_745 },
  defaultCommand: { kind: 'shell' },
  process: { cmd: 'zsh' },
  filesystem: {
    userland: 'alpine',
    toolset: { ...NODE_TOOLSET, programs: [...NODE_TOOLSET.programs.filter((p) => !['crictl', 'ssh', 'sudo', 'systemctl', 'calicoctl', 'wg'].includes(p)), 'nmap', 'iperf3', 'mtr'], shells: ['bash', 'ash'], workdir: '/root' },
  },
  builds: { nc: { variant: 'openbsd', patchlevel: '1.226-1', musl: true } },
};
