// /proc/sys on a node, as far as the conntrack table owns it: nf_conntrack_max (and its older
// name net/nf_conntrack_max), the live nf_conntrack_count and the TIME_WAIT timeout, read with
// cat and written with `echo N > …` like any sysctl file. The values are the table's own, the
// same ones sysctl prints and the packet engine enforces. A write must be a whole number
// (proc_dointvec: "Invalid argument" otherwise); the count is mode 0444, so even root gets
// "Permission denied".

import type { ConntrackTable } from '../../dataplane/conntrack/conntrack';
import type { SpecialFiles } from '../virtual-fs';

const UNSIGNED_INT = /^\s*\+?\d{1,10}\s*$/;
const INT_MAX = 2_147_483_647;

interface ProcFile {
  read(t: ConntrackTable, nowMs: number): number;
  write?(t: ConntrackTable, n: number): void;
}

const MAX: ProcFile = { read: (t) => t.sysctl.max, write: (t, n) => (t.sysctl.max = n) };
const FILES: Readonly<Record<string, ProcFile>> = {
  '/proc/sys/net/netfilter/nf_conntrack_max': MAX,
  '/proc/sys/net/nf_conntrack_max': MAX,
  '/proc/sys/net/netfilter/nf_conntrack_count': { read: (t, now) => t.count(now) },
  '/proc/sys/net/netfilter/nf_conntrack_tcp_timeout_time_wait': { read: (t) => t.sysctl.tcpTimeoutTimeWait, write: (t, n) => (t.sysctl.tcpTimeoutTimeWait = n) },
};

/** The node's conntrack sysctl files, read and written through its table at the moment of access. */
export function procSysFiles(table: () => ConntrackTable | undefined, now: () => number): SpecialFiles {
  return {
    prefix: '/proc/sys/',
    read(path) {
      const f = FILES[path];
      const t = f ? table() : undefined;
      return f && t ? `${f.read(t, now())}\n` : undefined;
    },
    write(path, text) {
      const f = FILES[path];
      const t = f ? table() : undefined;
      if (!f || !t) return { ok: false, reason: 'No such file or directory' };
      if (!f.write) return { ok: false, reason: 'Permission denied' };
      // `>` opens the file (with O_TRUNC, which /proc ignores) before anything is written.
      if (text === '') return { ok: true };
      if (!UNSIGNED_INT.test(text) || Number(text) > INT_MAX) return { ok: false, reason: 'Invalid argument' };
      f.write(t, Number(text));
      return { ok: true };
    },
    list() {
      return Object.keys(FILES);
    },
  };
}
