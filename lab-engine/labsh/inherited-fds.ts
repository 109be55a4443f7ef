// A labsh started by the gateway inherits open descriptors it must not hold. node-pty opens each
// session's pty master without close-on-exec and forkpty() passes every open descriptor on, so the
// tenth learner's labsh held the masters of the nine learners' terminals before it: a way to read
// and type into another session that the sandbox's uid does not close. Node cannot set
// close-on-exec on them in the gateway, so labsh closes every inherited pty master as it starts,
// before any learner input runs. Its own terminal is a pty slave (/dev/pts/N), never a master.

import { closeSync, readdirSync, readlinkSync } from 'node:fs';

/** Closes the pty masters (/dev/ptmx, /dev/pts/ptmx) among this process's descriptors; returns how many. */
export function closeInheritedPtyMasters(): number {
  let closed = 0;
  let entries: string[];
  try {
    entries = readdirSync('/proc/self/fd');
  } catch {
    return 0; // no /proc: nothing to find this way
  }
  for (const entry of entries) {
    const fd = Number(entry);
    if (!Number.isInteger(fd) || fd <= 2) continue;
    try {
      if (/(^|\/)ptmx$/.test(readlinkSync(`/proc/self/fd/${entry}`))) {
        closeSync(fd);
        closed++;
      }
    } catch {
      // the descriptor of the directory listing itself, already gone
    }
  }
  return closed;
}
