// CPU milliseconds used by the code running this session, for the shell's per-input CPU budget.
// A labsh process is one session: its process's CPU is the session's. On a session host's worker
// thread, many sessions share the process, so the clock is this thread's own (utime + stime of
// /proc/thread-self/stat, in 10 ms ticks): a busy neighbour must not use up this learner's budget.
// The file is read at most every READ_EVERY_MS of wall time; the budget is seconds, and a loop asks
// at every iteration.

import { readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const TICKS_PER_SECOND = 100;
const READ_EVERY_MS = 5;

function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** This thread's CPU milliseconds from /proc, or undefined where there is none. */
export function threadCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

let lastReadAt = -Infinity;
let lastCpu = 0;

/** The session's CPU clock: the process's on the main thread, the thread's own on a worker. */
export function sessionCpuMs(): number {
  if (isMainThread) return processCpuMs();
  const now = performance.now();
  if (now - lastReadAt >= READ_EVERY_MS) {
    lastReadAt = now;
    lastCpu = threadCpuMs() ?? processCpuMs();
  }
  return lastCpu;
}
