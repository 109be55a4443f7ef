// Through the gateway: a session's terminal output reaches the attempt's recording in batches,
// and a read-only watcher hears the scrollback and then the live output, and its end.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTerminal, startGatewayKit, type GatewayKit } from './gateway-test-kit';
import { GATEWAY_LIMITS } from './gateway-limits';

const attempts = [
  { id: 'attempt-rec', userId: 'rita', labId: 'demo', seed: 7 },
  ...['a', 'b', 'c', 'd'].map((name) => ({ id: `attempt-${name}`, userId: `learner-${name}`, labId: 'demo', seed: 7 })),
];
const tokens = Object.fromEntries(['a', 'b', 'c', 'd'].map((name) => [`${name}-token`, `learner-${name}`]));

describe('recording and watching through the gateway', () => {
  let kit: GatewayKit;
  beforeAll(async () => {
    kit = await startGatewayKit(attempts, { 'rita-token': 'rita', ...tokens });
  });
  afterAll(async () => kit.close());

  it('records what the terminal showed, in a few batches rather than one per key', async () => {
    const t = await openTerminal(kit.url, 'attempt-rec', { origin: kit.url, cookie: 'session=rita-token' });
    await t.waitFor(/\$ /);
    for (const key of 'echo one\r') t.type(key);
    await t.waitFor(/echo one\n/);
    await expect.poll(() => kit.store.recordedText('attempt-rec'), { timeout: 3000 }).toMatch(/echo one/);
    const chunks = kit.store.recordings.get('attempt-rec')?.chunks ?? [];
    expect(chunks.length).toBeLessThan('echo one\r'.length);
    expect(kit.store.recordedText('attempt-rec')).toMatch(/init lab=demo/);
    t.ws.close();
  });

  it('records every typing session in the same writes: one per interval for the gateway, not one per session', async () => {
    const names = ['a', 'b', 'c', 'd'];
    const terminals = await Promise.all(names.map((name) => openTerminal(kit.url, `attempt-${name}`, { origin: kit.url, cookie: `session=${name}-token` })));
    await Promise.all(terminals.map((t) => t.waitFor(/\$ /)));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const writesBefore = kit.store.recordingWrites;
    const started = Date.now();
    // Each learner types a key every 50 ms for 1.2 s, all at once.
    for (let i = 0; i < 24; i++) {
      for (const t of terminals) t.type('x');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const name of names) await expect.poll(() => kit.store.recordedText(`attempt-${name}`), { timeout: 3000 }).toMatch(/x{24}/);
    const writes = kit.store.recordingWrites - writesBefore;
    const intervals = Math.ceil((Date.now() - started) / GATEWAY_LIMITS.recordingFlushMs) + 1;
    // One session alone would take about `intervals` writes; four sessions take no more.
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThanOrEqual(intervals);
    for (const t of terminals) t.ws.close();
  });

  it('lets a watcher follow a running session read-only, and tells it when the session ends', async () => {
    expect(kit.sessions.watch('no-such-attempt', { start: () => undefined, output: () => undefined, end: () => undefined })).toBeNull();
    const t = await openTerminal(kit.url, 'attempt-rec', { origin: kit.url, cookie: 'session=rita-token' });
    await t.waitFor(/\$ /);
    const heard = { start: '', output: '', ended: false };
    const stop = kit.sessions.watch('attempt-rec', {
      start: (scrollback) => (heard.start = scrollback),
      output: (data) => (heard.output += data),
      end: () => (heard.ended = true),
    });
    expect(stop).not.toBeNull();
    expect(heard.start).toMatch(/init lab=demo/);
    t.type('watched line\r');
    await expect.poll(() => heard.output).toMatch(/watched line/);
    await kit.sessions.stop('attempt-rec');
    expect(heard.ended).toBe(true);
    stop?.();
    t.ws.close();
  });
});
