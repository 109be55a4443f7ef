// Idle reaping (issue 5): a session with no terminal attached is snapshotted and stopped after
// FLATNET_IDLE_MS (30 min by default; shortened here), and the next attach resumes it from that
// snapshot. A second tab attaches to the same session instead of starting another.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayKit } from './gateway-test-kit';

let kit: GatewayKit;
let openTerminal: typeof import('./gateway-test-kit').openTerminal;
const headers = () => ({ origin: kit.url, cookie: 'session=alice-token' });

describe('idle sessions', () => {
  beforeAll(async () => {
    // GATEWAY_LIMITS reads the environment once, at import: set it first (vitest runs each file in its own process).
    process.env.FLATNET_IDLE_MS = '300';
    const mod = await import('./gateway-test-kit');
    openTerminal = mod.openTerminal;
    kit = await mod.startGatewayKit([{ id: 'idle', userId: 'alice', labId: 'demo', seed: 1 }], { 'alice-token': 'alice' });
  });
  afterAll(async () => kit.close());

  it('two tabs share one session; when both close it is reaped with a snapshot and resumed later', async () => {
    const a = await openTerminal(kit.url, 'idle', headers());
    const b = await openTerminal(kit.url, 'idle', headers());
    await a.waitFor(/\$ /);
    a.type('hello\r');
    await b.waitFor(/you said: hello/);
    expect(kit.spawnRequests.filter((id) => id === 'idle').length).toBe(2);
    const pid = kit.sessions.get('idle')!.pid;
    a.ws.close();
    await new Promise((r) => setTimeout(r, 600));
    expect(kit.sessions.get('idle')?.pid).toBe(pid); // one tab still attached: not reaped
    b.ws.close();
    const started = Date.now();
    while (kit.sessions.get('idle') && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 20));
    expect(kit.sessions.get('idle')).toBeUndefined();
    expect(kit.store.snapshots.get('idle')).toMatchObject({ cluster: { count: 1 } });
    const c = await openTerminal(kit.url, 'idle', headers());
    await c.waitFor(/restored=yes count=1/);
    c.ws.close();
  });
});
