// The REPL's surroundings for tests: a lab runtime on the default topology with an interruptible
// waiter, a fake pty (100×30 PassThrough streams) and everything written to it kept as one screen.
// Each test then starts `runRepl` with the clock, hooks and history it is about.

import { PassThrough } from 'node:stream';
import { InterruptibleWait } from './interruptible-wait';
import { LabRuntime } from './lab-runtime';
import { findContentDir } from './labsh';

export async function replHarness() {
  const wait = new InterruptibleWait();
  const runtime = await LabRuntime.start({ seed: 1, contentDir: findContentDir(), hooks: { sleep: wait.sleep } });
  const input = new PassThrough();
  const output = new PassThrough() as PassThrough & { columns: number; rows: number };
  output.columns = 100;
  output.rows = 30;
  let screen = '';
  output.on('data', (d: Buffer) => {
    screen += d.toString();
  });
  return {
    wait,
    runtime,
    input,
    output,
    screen: () => screen,
    clear: () => {
      screen = '';
    },
  };
}
