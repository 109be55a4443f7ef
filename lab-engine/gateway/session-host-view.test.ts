// gateway.sessionHost, what the server's /metrics reports: the kind of host in use (process when
// worker was asked for but the command cannot host) and how many host processes run right now.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from './gateway';
import type { LabshCommand } from './lab-process';
import type { SessionHostKind } from './lab-child';
import { labshCommand } from './labsh-command';
import { MemoryAttemptStore } from './memory-attempt-store';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FAKE_LABSH: LabshCommand = { file: process.execPath, args: [fileURLToPath(new URL('./testdata/fake-labsh.mjs', import.meta.url))] };

function start(command: LabshCommand, sessionHost: SessionHostKind): Promise<Gateway> {
  return startGateway({
    store: new MemoryAttemptStore([]),
    auth: { userFor: async () => null },
    command,
    sessionHost,
    cwd: root,
    contentDir: join(root, 'content'),
    extraOrigins: [],
    log: () => undefined,
  });
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('gateway.sessionHost', () => {
  it('process: no host processes', async () => {
    const gateway = await start(FAKE_LABSH, 'process');
    try {
      expect(gateway.sessionHost.kind).toBe('process');
      expect(gateway.sessionHost.processes).toBe(0);
    } finally {
      await gateway.close();
    }
  });

  it('worker asked of a command that cannot host sessions: says process', async () => {
    const gateway = await start(FAKE_LABSH, 'worker');
    try {
      expect(gateway.sessionHost).toMatchObject({ kind: 'process', processes: 0 });
    } finally {
      await gateway.close();
    }
  });

  it('worker: the host started with the gateway, counted while it lives', async () => {
    const gateway = await start(labshCommand(root, { sandbox: 'off' }), 'worker');
    try {
      expect(gateway.sessionHost.kind).toBe('worker');
      expect(gateway.sessionHost.processes).toBe(1);
      process.kill(findHostPid(), 'SIGKILL');
      await until(() => gateway.sessionHost.processes === 0);
    } finally {
      await gateway.close();
    }
  });
});

/** The pre-started `labsh --host` child of this test process. */
function findHostPid(): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes('--host')) return Number(entry);
    } catch {
      // gone while we looked
    }
  }
  throw new Error('no session host child');
}
