// A lab the host hands over with the attempt (AttemptRef.lab: an authored lab's pinned version or a
// trial's draft) reaches labsh with `init` as it is: the gateway loads nothing from content/labs,
// where such a lab has no folder.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../labs/loader';
import { openTerminal, startGatewayKit, type GatewayKit } from './gateway-test-kit';

const lab = {
  id: 'written-in-browser',
  title: 'Browser-made lab',
  module: 'services',
  dir: '',
  file: 'lab.yaml',
  steps: [],
  files: {},
} as unknown as Lab;

const attempts = [
  { id: 'attempt-hosted', userId: 'dana', labId: 'written-in-browser', seed: 3, lab },
  { id: 'attempt-content', userId: 'dana', labId: 'no-such-folder', seed: 3 },
];

describe('a lab given by the attempt store', () => {
  let kit: GatewayKit;
  beforeAll(async () => {
    kit = await startGatewayKit(attempts, { 'dana-token': 'dana' });
  });
  afterAll(async () => kit.close());

  it('is sent to labsh with init; without one the gateway sends none it could not load', async () => {
    const headers = { origin: kit.url, cookie: 'session=dana-token' };
    const hosted = await openTerminal(kit.url, 'attempt-hosted', headers);
    await hosted.waitFor(/init lab=written-in-browser restored=no count=0 title=Browser-made lab/);
    hosted.ws.close();
    const content = await openTerminal(kit.url, 'attempt-content', headers);
    await content.waitFor(/init lab=no-such-folder restored=no count=0\n/);
    expect(content.output()).not.toMatch(/title=/);
    content.ws.close();
  });
});
