// ctx.sleep, the one door every waiting command goes through: full waits unless Ctrl-C, a Ctrl-C
// pressed between two waits still ends the next one, and timeouts longer than one host wait.

import { describe, expect, it } from 'vitest';
import { MAX_SLEEP_MS } from '../../core/limits';
import { createSimulation } from '../../simulation/simulation';
import { sleepOnClock } from './command-sleep';

const NEVER = new AbortController().signal;

describe('sleepOnClock', () => {
  it('passes the whole wait, in host-sized pieces when it is longer than one', async () => {
    const asked: number[] = [];
    const host = async (ms: number) => { asked.push(ms); return ms; };
    expect(await sleepOnClock(host, 2 * MAX_SLEEP_MS + 5, NEVER)).toBe(2 * MAX_SLEEP_MS + 5);
    expect(asked).toEqual([MAX_SLEEP_MS, MAX_SLEEP_MS, 5]);
    expect(await sleepOnClock(host, Number.NaN, NEVER)).toBe(0);
  });

  it('does not wait at all once Ctrl-C was pressed, and stops where the host was cut short', async () => {
    const asked: number[] = [];
    const controller = new AbortController();
    controller.abort();
    expect(await sleepOnClock(async (ms) => { asked.push(ms); return ms; }, 500, controller.signal)).toBe(0);
    expect(asked).toEqual([]);
    expect(await sleepOnClock(async () => 120, 500, NEVER)).toBe(120);
  });
});

describe('a Ctrl-C between two waits', () => {
  it('stops kubectl rollout status at its next wait instead of letting it run to the end', async () => {
    const controller = new AbortController();
    const asked: number[] = [];
    // A host that waits out every timer in full: the Ctrl-C lands while rollout status is busy, not asleep.
    const sim = createSimulation({ seed: 1 }, { sleep: async (ms) => { asked.push(ms); if (asked.length === 2) controller.abort(); return ms; } });
    await sim.exec('kubectl -n kube-system rollout restart ds kube-proxy');
    const r = await sim.exec('kubectl -n kube-system rollout status ds kube-proxy', { signal: controller.signal });
    expect(r.exitCode).toBe(130);
    expect(asked).toHaveLength(2);
    expect(r.stdout).not.toContain('successfully rolled out');
  });
});
