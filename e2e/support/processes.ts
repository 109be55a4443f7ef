// Counts a server's labsh children from /proc, so tests can prove nothing was spawned.

import { readdirSync, readFileSync } from 'node:fs';

export function labshChildren(serverPid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== serverPid) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes('labsh')) pids.push(Number(entry));
    } catch {
      // the process went away while we looked
    }
  }
  return pids;
}
