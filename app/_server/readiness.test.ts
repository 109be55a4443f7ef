// /readyz's verdict: ready while the database answers; `database` when it fails or is too slow;
// `draining` from the moment shutdown begins, whatever the database says; the database asked at
// most once per cache period however often the probe comes.

import { describe, expect, it } from 'vitest';
import { Readiness } from './readiness';

function readinessWith(answer: () => Promise<unknown>, options: { timeoutMs?: number } = {}) {
  let clock = 0;
  let pings = 0;
  const readiness = new Readiness({
    pingDatabase: () => {
      pings++;
      return answer();
    },
    cacheMs: 1000,
    timeoutMs: options.timeoutMs ?? 200,
    now: () => clock,
  });
  return { readiness, pings: () => pings, tick: (ms: number) => (clock += ms) };
}

describe('Readiness', () => {
  it('is ready while the database answers, and asks it once per second however often it is probed', async () => {
    const { readiness, pings, tick } = readinessWith(async () => [{ 1: 1 }]);
    for (let i = 0; i < 5; i++) expect(await readiness.verdict()).toEqual({ ready: true });
    expect(pings()).toBe(1);
    tick(1000);
    await readiness.verdict();
    expect(pings()).toBe(2);
  });

  it('says database when the ping fails, throws synchronously, or does not answer in time', async () => {
    expect(await readinessWith(() => Promise.reject(new Error('SQLITE_CANTOPEN'))).readiness.verdict()).toEqual({ ready: false, reason: 'database' });
    expect(
      await readinessWith(() => {
        throw new Error('no client');
      }).readiness.verdict(),
    ).toEqual({ ready: false, reason: 'database' });
    const started = Date.now();
    expect(await readinessWith(() => new Promise(() => undefined), { timeoutMs: 50 }).readiness.verdict()).toEqual({ ready: false, reason: 'database' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('comes back once the database answers again', async () => {
    let up = false;
    const { readiness, tick } = readinessWith(async () => {
      if (!up) throw new Error('down');
    });
    expect((await readiness.verdict()).ready).toBe(false);
    up = true;
    tick(1000);
    expect(await readiness.verdict()).toEqual({ ready: true });
  });

  it('says draining from the moment shutdown begins, even with a healthy database, and without asking it', async () => {
    const { readiness, pings } = readinessWith(async () => undefined);
    readiness.startDraining();
    expect(readiness.isDraining).toBe(true);
    expect(await readiness.verdict()).toEqual({ ready: false, reason: 'draining' });
    expect(pings()).toBe(0);
  });

  it('says draining when shutdown begins while the database is being asked', async () => {
    let answer: () => void = () => undefined;
    const { readiness } = readinessWith(() => new Promise<void>((resolve) => (answer = resolve)), { timeoutMs: 5000 });
    const pending = readiness.verdict();
    readiness.startDraining();
    answer();
    expect(await pending).toEqual({ ready: false, reason: 'draining' });
  });
});
