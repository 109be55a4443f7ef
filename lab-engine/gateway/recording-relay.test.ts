// Through the gateway: a session's terminal output reaches the attempt's recording in batches,
// and a read-only watcher hears the scrollback and then the live output, and its end.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTerminal, startGatewayKit, type GatewayKit } from './gateway-test-kit';

const attempts = [{ id: 'attempt-rec', userId: 'rita', labId: 'demo', seed: 7 }];

describe('recording and watching through the gateway', () => {
  let kit: GatewayKit;
  beforeAll(async () => {
    kit = await startGatewayKit(attempts, { 'rita-token': 'rita' });
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
