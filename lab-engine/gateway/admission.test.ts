// Session admission (issue 14, finding 3): a per-user and a global cap on live labsh processes.
// The rules on their own, then through the real gateway and WebSocket with the fake labsh: the
// oldest idle session of the user goes first, and a full machine answers with a `refused` event
// and close code 4503 that the page shows instead of reconnecting.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideAdmission, type SessionFacts } from './admission';
import type { GatewayKit, TestTerminal } from './gateway-test-kit';

const limits = { maxSessions: 3, maxSessionsPerUser: 2 };
const s = (attemptId: string, userId: string, clientCount: number, lastAttachAt: number): SessionFacts => ({
  attemptId,
  userId,
  clientCount,
  lastAttachAt,
});

describe('decideAdmission', () => {
  it('admits below both caps without reaping', () => {
    expect(decideAdmission('alice', [s('a1', 'alice', 1, 1)], limits)).toEqual({ kind: 'admit', reap: [] });
  });

  it('a user at their cap gives up their oldest idle session, not an attached one', () => {
    expect(decideAdmission('alice', [s('a2', 'alice', 0, 5), s('a3', 'alice', 0, 3)], limits)).toEqual({ kind: 'admit', reap: ['a3'] });
    expect(decideAdmission('alice', [s('a1', 'alice', 1, 1), s('a2', 'alice', 0, 5)], limits)).toEqual({ kind: 'admit', reap: ['a2'] });
  });

  it('a user at their cap with every session attached is refused', () => {
    expect(decideAdmission('alice', [s('a1', 'alice', 1, 1), s('a2', 'alice', 2, 2)], limits)).toEqual({
      kind: 'refuse',
      reason: 'user-limit',
      running: 2,
      limit: 2,
    });
  });

  it('a full machine takes the user’s own idle session, never another learner’s', () => {
    const full = [s('b1', 'bob', 0, 0), s('c1', 'carol', 0, 0), s('a1', 'alice', 0, 9)];
    expect(decideAdmission('alice', full, limits)).toEqual({ kind: 'admit', reap: ['a1'] });
    expect(decideAdmission('dave', full, limits)).toEqual({ kind: 'refuse', reason: 'machine-full', running: 3, limit: 3 });
  });
});

let kit: GatewayKit;
let openTerminal: typeof import('./gateway-test-kit').openTerminal;
const as = (user: string) => ({ origin: kit.url, cookie: `session=${user}-token` });
const closed = (t: TestTerminal) => new Promise<{ code: number; reason: string }>((r) => t.ws.on('close', (code, reason) => r({ code, reason: reason.toString() })));
const until = async (ok: () => boolean) => {
  const started = Date.now();
  while (!ok() && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 20));
};

describe('admission through the gateway', () => {
  beforeAll(async () => {
    const mod = await import('./gateway-test-kit');
    openTerminal = mod.openTerminal;
    kit = await mod.startGatewayKit(
      [
        { id: 'alice-1', userId: 'alice', labId: 'demo', seed: 1 },
        { id: 'alice-2', userId: 'alice', labId: 'demo', seed: 1 },
        { id: 'bob-1', userId: 'bob', labId: 'demo', seed: 1 },
        { id: 'carol-1', userId: 'carol', labId: 'demo', seed: 1 },
      ],
      { 'alice-token': 'alice', 'bob-token': 'bob', 'carol-token': 'carol' },
      { admission: { maxSessions: 2, maxSessionsPerUser: 1 } },
    );
  });
  afterAll(async () => kit.close());

  it('reaps the user’s idle session to admit their next one, and refuses a newcomer on a full machine', async () => {
    const a1 = await openTerminal(kit.url, 'alice-1', as('alice'));
    await a1.waitFor(/\$ /);
    a1.type('hello\r');
    await a1.waitFor(/you said: hello/);
    a1.ws.close();
    await until(() => kit.sessions.get('alice-1')?.clientCount === 0);
    const a2 = await openTerminal(kit.url, 'alice-2', as('alice'));
    await a2.waitFor(/\$ /);
    expect(kit.sessions.get('alice-1')).toBeUndefined();
    expect(kit.store.snapshots.has('alice-1')).toBe(true); // reaped with its snapshot, resumable
    const b1 = await openTerminal(kit.url, 'bob-1', as('bob'));
    await b1.waitFor(/\$ /);
    expect(kit.sessions.size).toBe(2);

    const c1 = await openTerminal(kit.url, 'carol-1', as('carol'));
    const { code, reason } = await closed(c1);
    expect(code).toBe(4503);
    expect(reason).toBe('machine-full');
    expect(c1.events).toContainEqual({ type: 'refused', reason: 'machine-full', running: 2, limit: 2 });
    expect(kit.sessions.get('carol-1')).toBeUndefined();
    expect(kit.sessions.size).toBe(2);
    a2.ws.close();
    b1.ws.close();
  });
});
