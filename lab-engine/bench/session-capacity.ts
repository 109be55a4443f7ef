// Whether this machine lets the terminal bench hold N sessions, checked before the first one, so
// that a level fails with a clear message instead of EMFILE or a pty error 700 sessions in.
// - Open files: the gateway process holds a WebSocket, a pty master and a control-socket
//   connection per session, and the load client a socket per session; the session processes
//   (or host processes) and the client inherit this process's limit. Node raises its soft limit
//   to the hard one when it starts, so the hard limit is the bound; root may raise it (prlimit on
//   this process, up to fs.nr_open), anyone else is told to.
// - Ptys: one per session with today's process host (kernel.pty.max over all users).
// - Pids: every thread takes one (kernel.pid_max, kernel.threads-max).
// The per-session figures are upper bounds of what the bench measured (fds and threads per
// session are in its JSON, `tree`), with room to spare.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Measured (process host, 972 sessions): 3 in the gateway process, 1 in the client. Each labsh
 * process has its own table (~20 of its own, plus what it inherits), so the gateway's and the
 * client's are the ones that grow with N; twice the measure leaves room for a host of many sessions.
 */
const FDS_PER_SESSION = 8;
/** Measured (process host): 8 threads per labsh process. */
const THREADS_PER_SESSION = 12;
/** The gateway, the client, node's own threads, and whatever else the machine runs. */
const FDS_SLACK = 1024;

const readNumber = (path: string) => Number(readFileSync(path, 'utf8').trim());

function openFileLimit(): { soft: number; hard: number } {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files')) ?? '';
  const [soft, hard] = line.replace('Max open files', '').trim().split(/\s+/).map((v) => (v === 'unlimited' ? Infinity : Number(v)));
  return { soft: soft ?? 0, hard: hard ?? 0 };
}

/** Raises what must be raised for `sessions` sessions, or throws saying what to raise; returns the limits in force. */
export function ensureSessionCapacity(sessions: number, sessionHost: string): { openFiles: number; ptysFree: number } {
  const need = sessions * FDS_PER_SESSION + FDS_SLACK;
  let files = openFileLimit();
  if (files.soft < need) {
    const ceiling = readNumber('/proc/sys/fs/nr_open');
    const raised = spawnSync('prlimit', ['--pid', String(process.pid), `--nofile=${need}:${Math.max(need, files.hard)}`], { encoding: 'utf8' });
    files = openFileLimit();
    if (files.soft < need) {
      throw new Error(
        `${sessions} sessions need about ${need} open files; this process may open ${files.soft} (hard ${files.hard}, fs.nr_open ${ceiling})` +
          ` and prlimit could not raise it (${(raised.stderr || raised.error?.message || '').trim()}): run \`ulimit -n ${need}\` as root first, or pass fewer levels`,
      );
    }
  }
  const ptysFree = readNumber('/proc/sys/kernel/pty/max') - readNumber('/proc/sys/kernel/pty/nr');
  if (sessionHost === 'process' && ptysFree < sessions) {
    throw new Error(`${sessions} sessions need ${sessions} ptys; kernel.pty.max leaves ${ptysFree} free (sysctl -w kernel.pty.max=${sessions * 2})`);
  }
  const pidsFree = Math.min(readNumber('/proc/sys/kernel/pid_max'), readNumber('/proc/sys/kernel/threads-max')) - threadsRunning();
  if (pidsFree < sessions * THREADS_PER_SESSION) {
    throw new Error(`${sessions} sessions need about ${sessions * THREADS_PER_SESSION} threads; kernel.pid_max/threads-max leave ${pidsFree}`);
  }
  return { openFiles: files.soft, ptysFree };
}

/** Threads on the machine now (the fourth field of /proc/loadavg is running/total). */
function threadsRunning(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[3]?.split('/')[1] ?? 0);
}
