// Issue 14 finding 8 (part): control folders left by gateways that died are removed at start;
// ones a live process owns, ones of a gateway still starting, and this gateway's own are kept.

import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { controlDirPrefix, removeStaleControlDirs } from './stale-control-dirs';
import { ControlServer } from './control-server';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('stale control folders', () => {
  it('removes those of dead gateways and keeps the live ones', async () => {
    root = mkdtempSync(join(tmpdir(), 'stale-dirs-test-'));
    // A pid that has surely exited: a child that already ran.
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
    const old = new Date(Date.now() - 10 * 60_000);
    const make = (name: string, aged = false) => {
      mkdirSync(join(root, name));
      if (aged) utimesSync(join(root, name), old, old);
    };
    make(`${controlDirPrefix(deadPid)}abc`);
    make(`${controlDirPrefix(process.pid)}own`);
    make(`${controlDirPrefix(process.ppid)}parent`);
    make('flatnet-control-legacyOld', true);
    make('flatnet-control-legacyNew');
    make('unrelated-folder', true);
    const removed = await removeStaleControlDirs(root);
    expect(removed.sort()).toEqual([`${controlDirPrefix(deadPid)}abc`, 'flatnet-control-legacyOld']);
    expect(readdirSync(root).sort()).toEqual([`${controlDirPrefix(process.pid)}own`, `${controlDirPrefix(process.ppid)}parent`, 'flatnet-control-legacyNew', 'unrelated-folder'].sort());
  });

  it('a control server names its folder after its process', async () => {
    root = mkdtempSync(join(tmpdir(), 'stale-dirs-test-'));
    const server = new ControlServer();
    expect(server.socketPath).toContain(`/${controlDirPrefix()}`);
    await server.close();
  });
});
