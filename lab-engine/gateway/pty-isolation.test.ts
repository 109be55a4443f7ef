// A learner's labsh holds no other learner's terminal: node-pty leaves each pty master open across
// exec, so every labsh spawned after another inherited the earlier sessions' masters (found by the
// terminal bench: 8–9 /dev/ptmx descriptors per labsh at 10 sessions). labsh closes them at start
// (labsh/inherited-fds.ts); the gateway keeps its own.

import { readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openTerminal, startGatewayKit, type GatewayKit } from './gateway-test-kit';
import { labshCommand } from './labsh-command';

const root = fileURLToPath(new URL('../..', import.meta.url));

function ptyMasters(pid: number | string): number {
  return readdirSync(`/proc/${pid}/fd`).filter((fd) => {
    try {
      return /(^|\/)ptmx$/.test(readlinkSync(`/proc/${pid}/fd/${fd}`));
    } catch {
      return false;
    }
  }).length;
}

describe('pty masters', () => {
  let kit: GatewayKit;
  afterAll(async () => kit?.close());

  it('no labsh holds another session\'s pty master; the gateway holds one per session', async () => {
    const attempts = ['a', 'b', 'c', 'd'].map((id, i) => ({ id, userId: 'alice', labId: 'pod-network-basics', seed: i }));
    kit = await startGatewayKit(attempts, { 'alice-token': 'alice' }, {
      command: labshCommand(root, { sandbox: 'off' }),
      contentDir: join(root, 'content'),
      sessionHost: 'process',
    });
    const before = ptyMasters('self');
    const terminals = [];
    for (const { id } of attempts) {
      const t = await openTerminal(kit.url, id, { origin: kit.url, cookie: 'session=alice-token' });
      await t.waitFor(/\$ $/, 30_000);
      terminals.push(t);
    }
    expect(ptyMasters('self') - before).toBe(attempts.length);
    for (const { id } of attempts) expect(ptyMasters(kit.sessions.get(id)!.pid!)).toBe(0);
    for (const t of terminals) t.ws.close();
  });
});
