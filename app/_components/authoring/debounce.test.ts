import { describe, expect, it, vi } from 'vitest';
import { createDebouncer, createLatestGate, VALIDATE_DEBOUNCE_MS } from './debounce';

describe('createDebouncer', () => {
  it('runs only the last task, once typing has paused for the delay', () => {
    vi.useFakeTimers();
    try {
      const ran: string[] = [];
      const debouncer = createDebouncer(VALIDATE_DEBOUNCE_MS);
      debouncer.schedule(() => ran.push('a'));
      vi.advanceTimersByTime(300);
      debouncer.schedule(() => ran.push('ab'));
      vi.advanceTimersByTime(399);
      expect(ran).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(ran).toEqual(['ab']);
      vi.advanceTimersByTime(5_000);
      expect(ran).toEqual(['ab']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('flushes the waiting task at once, and drops it when disposed', () => {
    const pending: (() => void)[] = [];
    const timers = { setTimeout: (callback: () => void) => pending.push(callback), clearTimeout: vi.fn() };
    const ran: string[] = [];
    const debouncer = createDebouncer(400, timers);
    debouncer.schedule(() => ran.push('saved'));
    debouncer.flush();
    expect(ran).toEqual(['saved']);
    debouncer.flush();
    expect(ran).toEqual(['saved']);
    debouncer.schedule(() => ran.push('late'));
    debouncer.dispose();
    debouncer.flush();
    expect(ran).toEqual(['saved']);
    expect(timers.clearTimeout).toHaveBeenCalled();
  });
});

describe('createLatestGate', () => {
  it('takes only the newest request’s answer', () => {
    const gate = createLatestGate();
    const first = gate.next();
    const second = gate.next();
    expect(gate.isLatest(first)).toBe(false);
    expect(gate.isLatest(second)).toBe(true);
  });
});
