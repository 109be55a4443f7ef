// The session CPU clock on a worker thread counts that thread only: a neighbour thread spinning
// in the same process does not move it, while the process's own clock does.

import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { threadCpuMs } from './cpu-clock';

const SPIN = `
const { parentPort } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const cpu = () => { const f = readFileSync('/proc/thread-self/stat', 'utf8'); const x = f.slice(f.lastIndexOf(')') + 2).split(' '); return (Number(x[11]) + Number(x[12])) * 10; };
parentPort.once('message', (ms) => {
  const start = cpu();
  while (cpu() - start < ms) {}
  parentPort.postMessage(cpu() - start);
});
`;

describe.skipIf(process.platform !== 'linux')('threadCpuMs', () => {
  it('counts this thread only, not a neighbour spinning in the same process', async () => {
    const mine = threadCpuMs()!;
    const processBefore = process.cpuUsage();
    const worker = new Worker(SPIN, { eval: true });
    const spun = await new Promise<number>((resolve) => {
      worker.once('message', resolve);
      worker.postMessage(300);
    });
    await worker.terminate();
    const used = process.cpuUsage(processBefore);
    expect(spun).toBeGreaterThanOrEqual(300); // the neighbour's own clock saw its spin
    expect((used.user + used.system) / 1000).toBeGreaterThanOrEqual(300); // so did the process's
    expect(threadCpuMs()! - mine).toBeLessThan(150); // this thread mostly waited
  });
});
