// Removes the control-socket folders (/tmp/flatnet-control-*) that gateways which died without
// closing (a crash, kill -9) left behind. A folder is stale when no live process owns it: its name
// carries the owning gateway's pid, and a folder from before that naming is stale when nothing
// answers on its socket. Folders of other users are left alone.

import { readdirSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

export const CONTROL_DIR_PREFIX = 'flatnet-control-';
const LEGACY_GRACE_MS = 60_000;

/** The folder name prefix a gateway with this pid uses (mkdtemp appends random characters). */
export function controlDirPrefix(pid = process.pid): string {
  return `${CONTROL_DIR_PREFIX}${pid}-`;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function socketAnswers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Removes stale folders under `dir`; returns the names removed. */
export async function removeStaleControlDirs(dir: string, ownPid = process.pid): Promise<string[]> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(CONTROL_DIR_PREFIX));
  } catch {
    return [];
  }
  const removed: string[] = [];
  const uid = process.getuid?.();
  for (const name of names) {
    const path = join(dir, name);
    try {
      const stat = statSync(path);
      if (uid !== undefined && stat.uid !== uid) continue;
      const pid = /^flatnet-control-(\d+)-/.exec(name)?.[1];
      // An unnamed folder may belong to a gateway still starting (made, not yet listening): only old ones are judged.
      const live = pid
        ? Number(pid) === ownPid || pidAlive(Number(pid))
        : Date.now() - stat.mtimeMs < LEGACY_GRACE_MS || (await socketAnswers(join(path, 'control.sock')));
      if (live) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Gone meanwhile or not ours to remove: nothing to clean.
    }
  }
  return removed;
}
