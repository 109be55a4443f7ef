// What a gateway and its sessions hold and spend, read from /proc for the terminal bench: the process tree
// under a pid (found through /proc/<pid>/task/*/children, so it holds whether sessions are one
// process each or share host processes), its proportional set size (smaps_rollup Pss: each shared
// page split among the processes that map it, so node's own code is counted once over the tree),
// its resident set (VmRSS: shared pages counted again in every process), threads, open fds and
// CPU time, and the machine's MemAvailable. Linux only, as the gateway is.

import { readFileSync, readdirSync } from 'node:fs';

export interface TreeUsage {
  processes: number;
  threads: number;
  fds: number;
  /** Open fds of the root process alone (the gateway's, where the limit bites first). */
  rootFds: number;
  pssMB: number;
  rssMB: number;
}

/** The kB figure of `field` in a /proc file, 0 when absent (or the process is gone). */
function readKB(path: string, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(readFileSync(path, 'utf8'));
    return Number(match?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function list(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return []; // exited while being read
  }
}

function childrenOf(pid: number): number[] {
  return list(`/proc/${pid}/task`).flatMap((task) => {
    try {
      return readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
}

/** `root` and every descendant, depth first; a subtree under a pid in `exclude` is left out. */
export function processTree(root: number, exclude: ReadonlySet<number> = new Set()): number[] {
  const pids: number[] = [];
  const visit = (pid: number) => {
    if (exclude.has(pid)) return;
    pids.push(pid);
    for (const child of childrenOf(pid)) visit(child);
  };
  visit(root);
  return pids;
}

export function treeUsage(root: number, exclude: ReadonlySet<number> = new Set()): TreeUsage {
  const pids = processTree(root, exclude);
  const sum = (each: (pid: number) => number) => pids.reduce((total, pid) => total + each(pid), 0);
  return {
    processes: pids.length,
    threads: sum((pid) => list(`/proc/${pid}/task`).length),
    fds: sum((pid) => list(`/proc/${pid}/fd`).length),
    rootFds: list(`/proc/${root}/fd`).length,
    pssMB: sum((pid) => readKB(`/proc/${pid}/smaps_rollup`, 'Pss')) / 1024,
    rssMB: sum((pid) => readKB(`/proc/${pid}/status`, 'VmRSS')) / 1024,
  };
}

/** USER_HZ: 100 on every Linux the gateway runs on (getconf CLK_TCK). */
const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime from /proc/<pid>/stat (fields 14 and 15; the name in parentheses may hold spaces). */
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** User + system CPU time the tree's live processes have used since each started (reads /proc/<pid>/stat only, cheap). */
export function treeCpuSeconds(root: number, exclude: ReadonlySet<number> = new Set()): number {
  return processTree(root, exclude).reduce((total, pid) => total + cpuTicks(pid), 0) / CLOCK_TICKS_PER_SECOND;
}

export function memAvailableMB(): number {
  return readKB('/proc/meminfo', 'MemAvailable') / 1024;
}
