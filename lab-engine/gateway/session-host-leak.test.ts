// Issue 21: sessions opened and closed on a session host leave nothing behind: no thread in the
// host, no descriptor in the host or the gateway, no host process beyond the one, and the host's
// memory (Pss) back within 10 % of what it held before. The real labsh runs each session, as in
// production (FLATNET_SESSION_HOST=worker); LEAK_SESSIONS sets how many (1,000 by default).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openTerminal, startGatewayKit, type GatewayKit } from './gateway-test-kit';
import { labshCommand } from './labsh-command';
import type { SessionHostPool } from './session-host-pool';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SESSIONS = Number(process.env.LEAK_SESSIONS ?? 1000);
const CONCURRENCY = 6;

const count = (dir: string) => readdirSync(dir).length;
const pssMb = (pid: number) => Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a session host after many sessions', () => {
  let kit: GatewayKit;
  afterAll(async () => kit?.close());

  it(`${SESSIONS} sessions opened and closed leave no thread, descriptor, process or memory behind`, async () => {
    const attempts = Array.from({ length: SESSIONS + 20 }, (_, i) => ({ id: `s-${i}`, userId: 'alice', labId: 'pod-network-basics', seed: i }));
    kit = await startGatewayKit(attempts, { 'alice-token': 'alice' }, {
      command: labshCommand(root, { sandbox: 'off' }),
      contentDir: join(root, 'content'),
      sessionHost: 'worker',
    });
    const headers = { origin: kit.url, cookie: 'session=alice-token' };
    const cycle = async (id: string) => {
      const t = await openTerminal(kit.url, id, headers);
      await t.waitFor(/\$ $/, 60_000);
      t.type('kubectl get pods -A | wc -l\r');
      await t.waitFor(/^\d+\n[\s\S]*\$ $/m, 30_000);
      await new Promise<void>((resolve) => { t.ws.once('close', () => resolve()); t.ws.close(); });
      await kit.sessions.stop(id);
    };
    // Warm up as the run goes (as many at once): the host's allocator and V8 grow to that once.
    let warm = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (warm < 20) await cycle(`s-${SESSIONS + warm++}`);
    }));
    const pool = (kit.sessions as unknown as { deps: { children: SessionHostPool } }).deps.children;
    expect(pool.hostPids).toHaveLength(1);
    const [host] = pool.hostPids;
    await sleep(1500);
    const before = { threads: count(`/proc/${host}/task`), hostFds: count(`/proc/${host}/fd`), ownFds: count('/proc/self/fd'), pss: pssMb(host) };

    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < SESSIONS) await cycle(`s-${next++}`);
    }));
    const seconds = (performance.now() - started) / 1000;
    expect(kit.sessions.size).toBe(0);
    expect(pool.hostPids).toEqual([host]);
    // Terminated threads are joined and the warm ones refilled; the allocator settles.
    await sleep(3000);
    const after = { threads: count(`/proc/${host}/task`), hostFds: count(`/proc/${host}/fd`), ownFds: count('/proc/self/fd'), pss: pssMb(host) };
    console.log(`${SESSIONS} sessions in ${seconds.toFixed(0)} s on host ${host}: threads ${before.threads} -> ${after.threads}, host fds ${before.hostFds} -> ${after.hostFds}, gateway fds ${before.ownFds} -> ${after.ownFds}, host Pss ${before.pss.toFixed(1)} -> ${after.pss.toFixed(1)} MB`);
    expect(after.threads).toBe(before.threads);
    expect(after.hostFds).toBe(before.hostFds);
    expect(after.ownFds - before.ownFds).toBeLessThanOrEqual(4);
    expect(after.pss).toBeLessThanOrEqual(before.pss * 1.1);
  }, 900_000);
});
