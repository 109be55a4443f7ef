// Defence in depth for labsh (issue 14, finding 10): the learner's shell child runs as an
// unprivileged user with no capabilities and `no_new_privs`, in its own network (no interfaces but
// a down loopback), IPC, UTS and mount namespaces, so that a hole in the interpreter reaches
// neither the network, the server's privileges nor its SysV IPC. The wrapper is util-linux's
// `unshare` + `setpriv`, which exec into each other and then node: the pty's pid stays labsh's
// own, so the CPU watchdog, SIGKILL and the memory benchmarks see the same process as before.
//
// Not a PID namespace: `unshare --pid` needs `--fork`, which would leave a root `unshare` parent
// between the pty and labsh (the watchdog would time the wrong process, and an init process
// ignores the pty's SIGHUP). The mount namespace is private but unchanged: labsh must still read
// its bundle and content/labs, and no longer has the privilege to mount anything itself.

import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, chownSync, constants } from 'node:fs';
import { dirname } from 'node:path';

export type LabshSandboxMode = 'auto' | 'required' | 'off';

export const UNSHARE = '/usr/bin/unshare';
export const SETPRIV = '/usr/bin/setpriv';
/** `nobody:nogroup` on Debian: a user that owns no files, so labsh can read only world-readable ones. */
export const SANDBOX_UID = 65534;
export const SANDBOX_GID = 65534;

const NAMESPACES = ['--net', '--ipc', '--uts', '--mount'];
const PRIVILEGES = [
  `--reuid=${SANDBOX_UID}`,
  `--regid=${SANDBOX_GID}`,
  '--clear-groups',
  '--inh-caps=-all',
  '--ambient-caps=-all',
  '--bounding-set=-all',
  '--no-new-privs',
];

/** The wrapper's arguments, ending with `--` before the sandboxed program. */
export function sandboxPrefix(): string[] {
  return [...NAMESPACES, SETPRIV, ...PRIVILEGES, '--'];
}

/** `FLATNET_LABSH_SANDBOX`: `auto` (the default) sandboxes where the host can, else warns once. */
export function sandboxModeFromEnv(value = process.env.FLATNET_LABSH_SANDBOX): LabshSandboxMode {
  const mode = (value ?? '').trim() || 'auto';
  if (mode === 'auto' || mode === 'required' || mode === 'off') return mode;
  throw new Error(`FLATNET_LABSH_SANDBOX=${mode}: expected auto, required or off`);
}

export type SandboxProbe = { ok: true } | { ok: false; reason: string };

/**
 * Whether the wrapper works here: root (to enter namespaces and drop to another uid), both tools
 * present, and a trial node run under the wrapper that can read every path labsh will read.
 */
export function probeSandbox(options: { cwd: string; readable: string[] }): SandboxProbe {
  if (process.platform !== 'linux') return { ok: false, reason: `not Linux (${process.platform})` };
  if (process.getuid?.() !== 0) return { ok: false, reason: 'the server is not running as root' };
  for (const tool of [UNSHARE, SETPRIV]) {
    try {
      accessSync(tool, constants.X_OK);
    } catch {
      return { ok: false, reason: `${tool} not found (Debian: apt-get install util-linux)` };
    }
  }
  // The trial checks from inside what the learner's shell will rely on.
  const script = [
    "const fs = require('node:fs');",
    `if (process.getuid() !== ${SANDBOX_UID}) throw new Error('uid ' + process.getuid());`,
    'for (const p of process.argv.slice(1)) fs.accessSync(p, fs.constants.R_OK);',
  ].join(' ');
  const trial = spawnSync(UNSHARE, [...sandboxPrefix(), process.execPath, '-e', script, ...options.readable], {
    cwd: options.cwd,
    env: { PATH: '/usr/bin:/bin', NODE_ENV: process.env.NODE_ENV },
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (trial.status === 0) return { ok: true };
  const detail = (trial.error?.message ?? trial.stderr ?? '').trim().split('\n').filter(Boolean).slice(-1)[0];
  return { ok: false, reason: `a trial run under ${UNSHARE} failed${detail ? `: ${detail}` : ''}` };
}

/**
 * Lets the sandbox's group, and only it (besides root), reach the control socket: the folder
 * becomes root:nogroup 0710 (traverse, no listing) and the socket root:nogroup 0660. Every labsh
 * shares that group, so a child still proves its session by its random token (control-server.ts).
 */
export function grantControlSocket(socketPath: string): void {
  const owner = process.getuid?.() ?? 0;
  const dir = dirname(socketPath);
  chownSync(dir, owner, SANDBOX_GID);
  chmodSync(dir, 0o710);
  chownSync(socketPath, owner, SANDBOX_GID);
  chmodSync(socketPath, 0o660);
}
