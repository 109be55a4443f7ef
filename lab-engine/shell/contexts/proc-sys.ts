// /proc/sys on a node, as far as the model owns it: every writable kernel parameter under each of
// its names (ip_local_port_range, nf_conntrack_max and its older name net/nf_conntrack_max, the
// TIME_WAIT timeout), read with cat and written with `echo … > …` like any sysctl file, and the
// live nf_conntrack_count. Reads and writes go to the node's one sysctl store with its validation
// (dataplane/packet/node-sysctls.ts), the same values sysctl prints and the packet engine obeys: a
// refused value is "Invalid argument"; the count is mode 0444, so even root gets "Permission
// denied"; any other path under /proc/sys is not there.

import { WRITABLE_SYSCTLS, sysctlNames, type NodeSysctls, type WritableSysctl } from '../../dataplane/packet/node-sysctls';
import type { KernelFiles } from '../virtual-fs';

const PREFIX = '/proc/sys/';
const COUNT = '/proc/sys/net/netfilter/nf_conntrack_count';

const pathOf = (name: string) => `${PREFIX}${name.replace(/\./g, '/')}`;

/** Path → the writable key it serves. */
const FILES: ReadonlyMap<string, WritableSysctl> = new Map(WRITABLE_SYSCTLS.flatMap((key) => sysctlNames(key).map((name): [string, WritableSysctl] => [pathOf(name), key])));

/** The node's /proc/sys files, read and written through its sysctl store at the moment of access. */
export function procSysFiles(node: string, sysctls: () => NodeSysctls, conntrackCount: () => number): KernelFiles {
  return {
    paths: () => [...FILES.keys(), COUNT],
    read(path) {
      if (path === COUNT) return `${conntrackCount()}\n`;
      const key = FILES.get(path);
      return key ? `${sysctls().get(node, key)}\n` : undefined;
    },
    write(path, text) {
      if (!path.startsWith(PREFIX)) return undefined;
      if (path === COUNT) return { ok: false, reason: 'Permission denied' };
      const key = FILES.get(path);
      if (!key) return { ok: false, reason: 'No such file or directory' };
      // `>` opens the file (with O_TRUNC, which /proc ignores) before anything is written.
      if (text === '') return { ok: true };
      return sysctls().write(node, key, text).ok ? { ok: true } : { ok: false, reason: 'Invalid argument' };
    },
  };
}
