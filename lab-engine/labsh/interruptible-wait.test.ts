// The REPL's host wait on a fake clock: a timer that runs out reports the whole wait whatever the
// host clock says, and only a Ctrl-C (the signal, or interrupt()) ends a wait early.

import { describe, expect, it } from 'vitest';
import { InterruptibleWait, type HostTimers } from './interruptible-wait';

/** Timers on a clock the test moves; `skew` makes the host clock lag the timers, as Date.now did. */
function fakeTimers(skew = 0) {
  let now = 0;
  const due: { at: number; fire: () => void }[] = [];
  const timers: HostTimers = {
    now: () => now - skew,
    setTimeout: (fire, ms) => {
      const entry = { at: now + ms, fire };
      due.push(entry);
      return entry;
    },
    clearTimeout: (handle) => {
      const i = due.indexOf(handle as (typeof due)[number]);
      if (i >= 0) due.splice(i, 1);
    },
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const entry of due.filter((e) => e.at <= now)) {
      timers.clearTimeout(entry);
      entry.fire();
    }
    await Promise.resolve();
  };
  return { timers, advance, pending: () => due.length };
}

describe('InterruptibleWait', () => {
  it('reports the whole wait when its timer runs out, even when the host clock says a millisecond less', async () => {
    const t = fakeTimers(1);
    const wait = new InterruptibleWait(t.timers);
    const slept = wait.sleep(300);
    await t.advance(300);
    expect(await slept).toBe(300);
  });

  it('ends early only when its signal aborts, with how far it got', async () => {
    const t = fakeTimers();
    const wait = new InterruptibleWait(t.timers);
    const controller = new AbortController();
    const slept = wait.sleep(1000, controller.signal);
    await t.advance(400);
    controller.abort();
    expect(await slept).toBe(400);
    expect(t.pending()).toBe(0);
    expect(await wait.sleep(1000, controller.signal)).toBe(0);
  });

  it('interrupt() ends every wait in progress, not only the latest', async () => {
    const t = fakeTimers();
    const wait = new InterruptibleWait(t.timers);
    const first = wait.sleep(5000);
    const second = wait.sleep(700);
    await t.advance(250);
    expect(wait.interrupt()).toBe(true);
    expect(await Promise.all([first, second])).toEqual([250, 250]);
    expect(wait.interrupt()).toBe(false);
  });
});
