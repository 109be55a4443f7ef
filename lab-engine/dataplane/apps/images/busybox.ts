// busybox: BusyBox's applets in /bin (ip, wget, nslookup, nc; no curl) and ash as sh. Its default
// command is that shell, so without a tty it exits 0 at once (CrashLoopBackOff for a bare
// `kubectl run b --image=busybox`), and `kubectl run -it` opens it. Before 1.29 its nslookup was
// a thin wrapper over libc's getaddrinfo (busybox networking/nslookup.c up to 1.28.4; 1.29
// replaced it with its own resolver, OpenWrt's): that is why Kubernetes' DNS debugging page pins
// busybox:1.28, whose `nslookup kubernetes.default` walks the search list and resolves.

import { BUSYBOX_TOOLSET } from '../filesystems';
import type { ImageProfile } from '../image-profile';

const TAGS = ['latest', 'stable', 'musl', 'glibc', 'uclibc', '1.28', '1.28.4', '1.31', '1.34', '1.35', '1.36', '1.36.1', '1.37', '1.37.0'];

export const busybox: ImageProfile = {
  repositories: ['docker.io/library/busybox'],
  // A shell running `sleep` ignores SIGTERM and waits for SIGKILL.
  registry: { tags: TAGS, pullMs: 2_000, stopMs: 30_000, sizeBytes: 2_156_518 },
  defaultCommand: { kind: 'shell' },
  process: { cmd: 'sh' },
  filesystem: { userland: 'busybox', toolset: BUSYBOX_TOOLSET },
  versioned: [{ before: '1.29', behaviour: { nslookup: 'libc' } }],
};
