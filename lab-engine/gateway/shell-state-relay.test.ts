// The gateway relays where the shell stands (prompt or busy, with its count of finished inputs) to
// every terminal, says `busy` as soon as a new shell is ready (so a page knows it will hear more), tells a terminal that attaches later the last state, and hands a page's wait
// condition to labsh only when it passes the protocol's guard.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTerminal, startGatewayKit, type GatewayKit } from './gateway-test-kit';

const attempts = [{ id: 'attempt-carol', userId: 'carol', labId: 'demo', seed: 7 }];
const headersFor = (kit: GatewayKit) => ({ origin: kit.url, cookie: 'session=carol-token' });

describe('shell state and waits through the gateway', () => {
  let kit: GatewayKit;
  beforeAll(async () => {
    kit = await startGatewayKit(attempts, { 'carol-token': 'carol' });
  });
  afterAll(async () => kit.close());

  it('relays prompt/busy with the input count, replays the last one to a late terminal, and passes a valid wait to labsh', async () => {
    const t = await openTerminal(kit.url, 'attempt-carol', headersFor(kit));
    const shell = () => t.events.filter((e) => e.type === 'shell');
    await expect.poll(() => shell().at(-1)).toEqual({ type: 'shell', state: 'prompt', inputs: 0 });
    // Announced with `ready`, before the shell's first prompt: this gateway tells shell states.
    expect(shell()[0]).toEqual({ type: 'shell', state: 'busy', inputs: 0 });
    t.type('hello\r');
    await expect.poll(() => shell().at(-1)).toEqual({ type: 'shell', state: 'prompt', inputs: 1 });
    expect(shell().map((e) => e.state)).toContain('busy');

    // A condition that could be a command line is dropped by the guard; a valid one reaches labsh.
    t.ws.send(JSON.stringify({ type: 'wait', condition: { until: 'ready', kind: 'pod', namespace: 'default', name: 'web; reboot' } }));
    t.ws.send(JSON.stringify({ type: 'wait', condition: { until: 'ready', kind: 'pod', namespace: 'default', name: 'web' } }));
    await t.waitFor(/waited for pod\/web/);
    expect(t.output()).not.toMatch(/reboot/);
    await expect.poll(() => shell().at(-1)).toEqual({ type: 'shell', state: 'prompt', inputs: 2 });

    const late = await openTerminal(kit.url, 'attempt-carol', headersFor(kit));
    await expect.poll(() => late.events.filter((e) => e.type === 'shell').at(-1)).toEqual({ type: 'shell', state: 'prompt', inputs: 2 });
    late.ws.close();
    t.ws.close();
  });

  it('relays the walk of a trace to every terminal and replays the last one to a late terminal', async () => {
    const t = await openTerminal(kit.url, 'attempt-carol', headersFor(kit));
    const walks = (events: typeof t.events) => events.filter((e) => e.type === 'walk').map((e) => (e.type === 'walk' ? e.destination : ''));
    await expect.poll(() => t.events.some((e) => e.type === 'shell' && e.state === 'prompt')).toBe(true);
    t.type('walk svc/web:80\r');
    await expect.poll(() => walks(t.events)).toEqual(['svc/web:80']);
    t.type('walk svc/db:5432\r');
    await expect.poll(() => walks(t.events)).toEqual(['svc/web:80', 'svc/db:5432']);

    const late = await openTerminal(kit.url, 'attempt-carol', headersFor(kit));
    await expect.poll(() => walks(late.events)).toEqual(['svc/db:5432']);
    late.ws.close();
    t.ws.close();
  });
});
