// Issue 14 findings 4 and 5 inside labsh: an error thrown on the REPL's background clock is told
// in one line without a stack or a server path and the prompt still works; a snapshot too big for
// the control channel is refused with a message, not sent to cut the channel.

import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { LabRuntime } from './lab-runtime';
import { runRepl } from './repl';
import { findContentDir } from './labsh';
import { containedErrorLine } from './contained-error';
import { snapshotSender } from './snapshot-sender';
import type { LabshMessage } from '../protocol';
import type { SimulationSnapshot } from '../simulation/contract';

describe('contained errors', () => {
  it('are one line without a stack trace or a server path', () => {
    const error = new Error('boom at /srv/flatnet/lab-engine/dist/labsh.cjs:12:3\n    at tick (/srv/flatnet/x.js:1:1)');
    expect(containedErrorLine(error)).toBe('labsh: internal error: boom at labsh.cjs:12:3\n');
  });

  it('thrown by the background ticker leave a working prompt', async () => {
    const runtime = await LabRuntime.start({ seed: 1, contentDir: findContentDir() });
    const input = new PassThrough();
    const output = new PassThrough();
    let screen = '';
    output.on('data', (d: Buffer) => { screen += d.toString(); });
    const until = async (pattern: RegExp) => {
      for (let i = 0; i < 300 && !pattern.test(screen); i++) await new Promise((r) => setTimeout(r, 10));
      expect(screen).toMatch(pattern);
    };
    let wall = 0;
    const done = runRepl({ runtime, input, output, wallNow: () => wall, tickMs: 20 });
    await until(/\$ /);
    const advance = runtime.sim.advanceTo.bind(runtime.sim);
    let broken = true;
    runtime.sim.advanceTo = (ms: number) => {
      if (broken) {
        throw new Error('pods "big-x" is forbidden: exceeded quota\n    at /srv/flatnet/lab-engine/cluster.ts:1:1');
      }
      return advance(ms);
    };
    wall = 1_000;
    await until(/labsh: internal error: pods "big-x" is forbidden: exceeded quota\n/);
    expect(screen).not.toContain('/srv/flatnet');
    // Ticks go on failing for a while: told once, not once per tick.
    await new Promise((r) => setTimeout(r, 200));
    broken = false;
    expect(screen.match(/internal error/g)).toHaveLength(1);
    input.write('echo still here | tr a-z A-Z\r');
    await until(/STILL HERE/);
    input.write('exit\r');
    await done;
  });
});

describe('snapshots too big for the control channel', () => {
  it('are refused with a message to the learner and to the gateway, and later ones still go', () => {
    const sent: LabshMessage[] = [];
    const told: string[] = [];
    const send = snapshotSender({ send: (m) => sent.push(m), tell: (t) => told.push(t), maxBytes: 1000 });
    const big = { version: 1, files: 'x'.repeat(2000) } as unknown as SimulationSnapshot;
    const small = { version: 1 } as unknown as SimulationSnapshot;
    expect(send(big)).toBe(false);
    expect(send(big)).toBe(false);
    expect(sent.map((m) => m.type)).toEqual(['snapshot-refused', 'snapshot-refused']);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/^\r\nlabsh: warning: your lab's state is 0\.0 MB, over the 0\.0 MB that can be saved/);
    expect(send(small)).toBe(true);
    expect(sent.at(-1)).toEqual({ type: 'snapshot', snapshot: small });
  });
});
