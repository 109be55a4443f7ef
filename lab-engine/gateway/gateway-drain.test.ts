// A stopping gateway (SIGTERM, a rolling restart): each terminal is closed with 1012 Service
// Restart, so the page reconnects instead of reporting a failure; a terminal that asks to open
// meanwhile is refused with 503; every session's state, as labsh has it at that moment (a fresh
// snapshot is asked for), is saved before close() resolves.

import { describe, expect, it } from 'vitest';
import { SERVICE_RESTART_CLOSE_CODE } from '../protocol';
import { openTerminal, startGatewayKit } from './gateway-test-kit';

const attempts = [
  { id: 'drain-a', userId: 'rita', labId: 'demo', seed: 7 },
  { id: 'drain-b', userId: 'rita', labId: 'demo', seed: 7 },
];
const headers = (url: string) => ({ origin: url, cookie: 'session=rita-token' });

describe('gateway drain', () => {
  it('closes terminals with 1012, refuses new ones with 503, and has saved every session as it is now when it returns', async () => {
    const kit = await startGatewayKit(attempts, { 'rita-token': 'rita' });
    const a = await openTerminal(kit.url, 'drain-a', headers(kit.url));
    const b = await openTerminal(kit.url, 'drain-b', headers(kit.url));
    await Promise.all([a.waitFor(/\$ /), b.waitFor(/\$ /)]);
    a.type('one\r');
    b.type('two\r');
    await Promise.all([a.waitFor(/you said: one/), b.waitFor(/you said: two/)]);
    // A change labsh has not sent a snapshot of yet: the drain asks for one.
    a.type('quietly\r');
    await a.waitFor(/quiet change/);
    const closes = [a, b].map((t) => new Promise<{ code: number; reason: string }>((resolve) => t.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))));

    const closing = kit.close();
    await expect(openTerminal(kit.url, 'drain-a', headers(kit.url))).rejects.toThrow('HTTP 503');
    await closing;

    for (const close of await Promise.all(closes)) expect(close).toEqual({ code: SERVICE_RESTART_CLOSE_CODE, reason: 'server restarting' });
    expect(kit.store.snapshots.get('drain-a')).toMatchObject({ cluster: { count: 2 } });
    expect(kit.store.snapshots.get('drain-b')).toMatchObject({ cluster: { count: 1 } });
  });

  it('cuts off a browser that never answers the close, without waiting on it forever', async () => {
    const kit = await startGatewayKit(attempts, { 'rita-token': 'rita' });
    const a = await openTerminal(kit.url, 'drain-a', headers(kit.url));
    await a.waitFor(/\$ /);
    // A client that stops reading: its socket never answers the close frame.
    (a.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const started = Date.now();
    await kit.close();
    // It waited for the close handshake (about a second), then cut the socket off.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(5000);
    a.ws.terminate();
  });
});
