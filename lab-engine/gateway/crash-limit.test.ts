// Issue 14 (findings 4 and 6): a labsh that keeps stopping — crashes and CPU-watchdog kills alike —
// is given up on after the crash limit, the page is told to offer Reset, and a terminal that
// attaches again gets a fresh labsh from the last good snapshot instead of a dead session.

import { afterAll, describe, expect, it } from 'vitest';
import { openTerminal, startGatewayKit, type GatewayKit } from './gateway-test-kit';
import { GATEWAY_LIMITS } from './gateway-limits';
import { CrashWindow } from './crash-window';

const users = { 'alice-token': 'alice' };
const headersFor = (kit: GatewayKit) => ({ origin: kit.url, cookie: 'session=alice-token' });
const kits: GatewayKit[] = [];
afterAll(async () => {
  for (const kit of kits) await kit.close();
});

describe('the crash limit', () => {
  it('counts stops within the window only', () => {
    const window = new CrashWindow(1000, 2);
    expect(window.record(0)).toBe(false);
    expect(window.record(10)).toBe(false);
    expect(window.record(20)).toBe(true);
    expect(window.record(2000)).toBe(false);
  });

  it('counts a watchdog kill, offers Reset when exceeded, and respawns from the snapshot on reattach', async () => {
    const kit = await startGatewayKit([{ id: 'crashy', userId: 'alice', labId: 'demo', seed: 1 }], users, { cpuWatchdog: { sampleMs: 200, limitMs: 1000, busyFraction: 0.25 } });
    kits.push(kit);
    const t = await openTerminal(kit.url, 'crashy', headersFor(kit));
    await t.waitFor(/\$ $/);
    t.type('hello\r');
    await t.waitFor(/you said: hello/);
    await new Promise((r) => setTimeout(r, 400));
    const session = kit.sessions.get('crashy')!;
    // Crashes up to the limit: each is resumed.
    for (let i = 0; i < GATEWAY_LIMITS.maxRestartsPerWindow; i++) {
      const pid = session.pid;
      session.killProcessForTest();
      for (let w = 0; w < 200 && (session.pid === pid || session.pid === undefined); w++) await new Promise((r) => setTimeout(r, 25));
      await t.waitFor(/\$ $/);
    }
    // One more stop, by the watchdog this time, is one too many.
    t.type('spin\r');
    await t.waitFor(/keeps stopping\. Reset the lab/, 15_000);
    expect(t.events).toContainEqual({ type: 'status', state: 'failed' });
    expect(session.pid).toBeUndefined();
    t.ws.close();

    const again = await openTerminal(kit.url, 'crashy', headersFor(kit));
    await again.waitFor(/restored=yes count=1/, 10_000);
    expect(session.pid).toBeDefined();
    again.ws.close();
  }, 40_000);
});
