// Issue 21: sessions opened and closed on session hosts leave nothing behind: no thread in the
// hosts, no descriptor in them or the gateway, no host process beyond the one, and the hosts'
// memory (Pss) not grown with the sessions. Measured on a quiet machine it is back within 4 %;
// in a CI run among other test files +20 % was seen (a host's heap and allocator hold garbage until
// they next collect), so the bound asserted is the gross one: a leak of even 50 KB a session would
// add 50 MB, about double the hosts' whole Pss. A host is replaced after
// GATEWAY_LIMITS.hostRecycleAfterSessions sessions (one host alone grew 15 % over 1,000), so the
// run also sees the first host retire and go. The real labsh runs each session, as in production
// (FLATNET_SESSION_HOST=worker); LEAK_SESSIONS sets how many (1,000 by default).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openTerminal, startGatewayKit, type GatewayKit } from './gateway-test-kit';
import { labshCommand } from './labsh-command';
import type { SessionHostPool } from './session-host-pool';
import { GATEWAY_LIMITS } from './gateway-limits';

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
    const [first] = pool.hostPids;
    const sum = (read: (pid: number) => number) => pool.hostPids.reduce((total, pid) => total + read(pid), 0);
    const measure = () => ({
      hosts: pool.hostPids.length,
      threads: sum((pid) => count(`/proc/${pid}/task`)),
      hostFds: sum((pid) => count(`/proc/${pid}/fd`)),
      ownFds: count('/proc/self/fd'),
      pss: sum(pssMb),
    });
    await sleep(1500);
    const before = measure();

    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < SESSIONS) await cycle(`s-${next++}`);
    }));
    const seconds = (performance.now() - started) / 1000;
    expect(kit.sessions.size).toBe(0);
    // Terminated threads are joined, the warm ones refilled, retired hosts gone; V8's memory
    // reducer runs about 8 s after a heap last grew.
    await sleep(10_000);
    // On a loaded machine a warm thread may still be starting or a retired host still exiting: wait
    // (bounded) for the counts to settle before reading them.
    for (let waited = 0; waited < 30_000; waited += 500) {
      const now = measure();
      if (now.hosts === 1 && now.threads === before.threads && now.hostFds === before.hostFds) break;
      await sleep(500);
    }
    const after = measure();
    console.log(`${SESSIONS} sessions in ${seconds.toFixed(0)} s; hosts ${first} -> ${pool.hostPids.join(',')}: threads ${before.threads} -> ${after.threads}, host fds ${before.hostFds} -> ${after.hostFds}, gateway fds ${before.ownFds} -> ${after.ownFds}, host Pss ${before.pss.toFixed(1)} -> ${after.pss.toFixed(1)} MB`);
    if (SESSIONS >= GATEWAY_LIMITS.hostRecycleAfterSessions) expect(pool.hostPids).not.toContain(first);
    expect(after.hosts).toBe(1);
    expect(after.threads).toBe(before.threads);
    expect(after.hostFds).toBe(before.hostFds);
    expect(after.ownFds - before.ownFds).toBeLessThanOrEqual(4);
    expect(after.pss).toBeLessThanOrEqual(before.pss * 1.5);
  }, 900_000);
});
