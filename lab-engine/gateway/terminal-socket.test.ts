import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startGatewayKit, openTerminal, type GatewayKit } from './gateway-test-kit';

const attempts = [
  { id: 'attempt-alice', userId: 'alice', labId: 'demo', seed: 7 },
  { id: 'attempt-bob', userId: 'bob', labId: 'demo', seed: 7 },
];
const users = { 'alice-token': 'alice', 'bob-token': 'bob' };

function status(url: string, path: string, headers: Record<string, string>): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace('http', 'ws') + path, { headers });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('error', reject);
  });
}

describe('terminal WebSocket handshake', () => {
  let kit: GatewayKit;
  beforeAll(async () => {
    kit = await startGatewayKit(attempts, users);
  });
  afterAll(async () => kit.close());

  it.each([
    ['no cookie', { origin: 'ORIGIN' }, 401],
    ['an unknown session', { origin: 'ORIGIN', cookie: 'session=nobody' }, 401],
    ["another user's attempt", { origin: 'ORIGIN', cookie: 'session=bob-token' }, 404],
    ['no Origin', { cookie: 'session=alice-token' }, 403],
    ['Origin null', { origin: 'null', cookie: 'session=alice-token' }, 403],
    ['a foreign Origin', { origin: 'https://evil.example', cookie: 'session=alice-token' }, 403],
    ['a look-alike Origin', { origin: 'ORIGIN.evil.example', cookie: 'session=alice-token' }, 403],
  ])('refuses %s without starting a session', async (_label, headers, expected) => {
    const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('ORIGIN', kit.url)]));
    const before = kit.spawnRequests.length;
    expect(await status(kit.url, '/api/terminal?attempt=attempt-alice', h)).toBe(expected);
    expect(kit.spawnRequests.length).toBe(before);
    expect(kit.sessions.get('attempt-alice')).toBeUndefined();
  });

  it('refuses a malformed attempt id', async () => {
    expect(await status(kit.url, '/api/terminal?attempt=../../etc', { origin: kit.url, cookie: 'session=alice-token' })).toBe(400);
  });

  it('lets the owner in and bridges the terminal both ways', async () => {
    const t = await openTerminal(kit.url, 'attempt-alice', { origin: kit.url, cookie: 'session=alice-token' });
    await t.waitFor(/init lab=demo restored=no count=0[\s\S]*\$ $/);
    t.type('hello\r');
    await t.waitFor(/you said: hello/);
    await expect.poll(() => t.events.some((e) => e.type === 'checks' && JSON.stringify(e).includes('count 1'))).toBe(true);
    await expect.poll(() => kit.store.commands.map((c) => c.line)).toEqual(['hello']);
    t.ws.close();
  });

  it('gives labsh none of the server environment', async () => {
    process.env.FLATNET_TEST_SECRET = 'do-not-leak';
    const t = await openTerminal(kit.url, 'attempt-alice', { origin: kit.url, cookie: 'session=alice-token' });
    t.type('env\r');
    await t.waitFor(/FLATNET_CONTENT_DIR,FLATNET_CONTROL_SOCKET,FLATNET_SESSION_TOKEN,LANG,NODE_OPTIONS,PATH,PWD,TERM\n/);
    expect(t.output()).not.toContain('FLATNET_TEST_SECRET');
    t.ws.close();
  });
});

describe('lab session lifecycle', () => {
  let kit: GatewayKit;
  beforeAll(async () => {
    kit = await startGatewayKit(attempts, users);
  });
  afterAll(async () => kit.close());

  it('a second tab attaches to the same session and sees the screen so far', async () => {
    const first = await openTerminal(kit.url, 'attempt-bob', { origin: kit.url, cookie: 'session=bob-token' });
    await first.waitFor(/\$ $/);
    first.type('one\r');
    await first.waitFor(/you said: one/);
    const second = await openTerminal(kit.url, 'attempt-bob', { origin: kit.url, cookie: 'session=bob-token' });
    await second.waitFor(/you said: one/);
    expect(kit.sessions.size).toBe(1);
    first.ws.close();
    second.ws.close();
  });

  it('a killed labsh is respawned from its last snapshot with a notice', async () => {
    const t = await openTerminal(kit.url, 'attempt-bob', { origin: kit.url, cookie: 'session=bob-token' });
    await t.waitFor(/\$ $/);
    t.type('two\r');
    await t.waitFor(/you said: two/);
    const session = kit.sessions.get('attempt-bob')!;
    const oldPid = session.pid;
    session.killProcessForTest();
    await t.waitFor(/resuming from your last snapshot[\s\S]*init lab=demo restored=yes count=2/);
    expect(session.pid).not.toBe(oldPid);
    t.ws.close();
  });

  it('snapshots are persisted to the store and used after the session stops', async () => {
    await kit.sessions.stop('attempt-bob');
    expect((kit.store.snapshots.get('attempt-bob')?.cluster as { count: number }).count).toBe(2);
    const t = await openTerminal(kit.url, 'attempt-bob', { origin: kit.url, cookie: 'session=bob-token' });
    await t.waitFor(/init lab=demo restored=yes count=2/);
    t.ws.close();
  });
});
