// The gateway's recorder writes every session's output in one batch per interval (never a write
// per keystroke or per session), stamps each attempt's entry with its first byte's time, keeps one
// write in flight, and stops recording an attempt once the store says its recording is full.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutputRecorder } from './output-recorder';
import type { RecordedOutput } from './ports';

function recorderWith(full: (batch: readonly RecordedOutput[]) => string[] = () => []) {
  const writes: Array<Array<{ attemptId: string; data: string; at: number }>> = [];
  let clock = 1_000;
  let release: (() => void) | null = null;
  let hold = false;
  const recorder = new OutputRecorder({
    store: {
      recordOutputs: async (batch) => {
        writes.push(batch.map(({ attemptId, data, at }) => ({ attemptId, data, at: at.getTime() })));
        if (hold) await new Promise<void>((resolve) => (release = resolve));
        return full(batch);
      },
    },
    log: () => undefined,
    flushMs: 300,
    flushBytes: 1024,
    now: () => clock,
  });
  return {
    recorder,
    writes,
    tick: (ms: number) => (clock += ms),
    holdWrites: () => (hold = true),
    release: () => {
      hold = false;
      release?.();
    },
  };
}

describe('OutputRecorder', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes the keystrokes of every session in one interval as one batch, each stamped with its first', async () => {
    const { recorder, writes, tick } = recorderWith();
    for (const key of 'kubectl get pods') {
      recorder.push('a1', key);
      recorder.push('a2', key.toUpperCase());
      tick(10);
    }
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(writes).toEqual([[
      { attemptId: 'a1', data: 'kubectl get pods', at: 1_000 },
      { attemptId: 'a2', data: 'KUBECTL GET PODS', at: 1_000 },
    ]]);
    recorder.push('a2', '\r\n');
    await vi.advanceTimersByTimeAsync(300);
    expect(writes[1]).toEqual([{ attemptId: 'a2', data: '\r\n', at: 1_160 }]);
  });

  it('writes at once when enough is waiting, without waiting for the interval', () => {
    const { recorder, writes } = recorderWith();
    recorder.push('a1', 'y\n'.repeat(300));
    recorder.push('a2', 'y\n'.repeat(300));
    expect(writes.map((batch) => batch.map((entry) => entry.data.length))).toEqual([[600, 600]]);
  });

  it('keeps one write in flight: what comes meanwhile is the next batch, in order', async () => {
    const { recorder, writes, holdWrites, release } = recorderWith();
    holdWrites();
    recorder.push('a1', 'one');
    await vi.advanceTimersByTimeAsync(300);
    recorder.push('a1', 'two');
    recorder.push('a1', 'x'.repeat(2000));
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes).toHaveLength(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(writes.map((batch) => batch.map((entry) => entry.data.slice(0, 4)))).toEqual([['one'], ['twox']]);
  });

  it('stops recording an attempt once the store says it is full, and only that one', async () => {
    const { recorder, writes } = recorderWith((batch) => batch.filter((entry) => entry.attemptId === 'a1').map((entry) => entry.attemptId));
    recorder.push('a1', 'x'.repeat(2000));
    await vi.advanceTimersByTimeAsync(0);
    recorder.push('a1', 'more output');
    recorder.push('a2', 'fine');
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes.map((batch) => batch.map((entry) => entry.attemptId))).toEqual([['a1'], ['a2']]);
  });

  it('drops what waited for an attempt that turned out full while a write was in flight', async () => {
    const { recorder, writes, holdWrites, release } = recorderWith((batch) => batch.filter((entry) => entry.attemptId === 'a1').map((entry) => entry.attemptId));
    holdWrites();
    recorder.push('a1', 'first');
    await vi.advanceTimersByTimeAsync(300);
    recorder.push('a1', 'while it was written');
    recorder.push('a2', 'other');
    release();
    await vi.advanceTimersByTimeAsync(300);
    expect(writes.map((batch) => batch.map((entry) => entry.data))).toEqual([['first'], ['other']]);
  });

  it('records a new session of an attempt whose earlier one filled up and ended', async () => {
    const { recorder, writes } = recorderWith(() => ['a1']);
    recorder.push('a1', 'x'.repeat(2000));
    await vi.advanceTimersByTimeAsync(0);
    recorder.end('a1');
    recorder.push('a1', 'after a restart');
    await vi.advanceTimersByTimeAsync(300);
    expect(writes).toHaveLength(2);
  });

  it('writes everything waiting when closed, after the write in flight', async () => {
    const { recorder, writes, holdWrites, release } = recorderWith();
    holdWrites();
    recorder.push('a1', 'in flight');
    await vi.advanceTimersByTimeAsync(300);
    recorder.push('a1', '[flatnet] This lab session has ended');
    const closed = recorder.close();
    release();
    await closed;
    expect(writes.map((batch) => batch.map((entry) => entry.data))).toEqual([['in flight'], ['[flatnet] This lab session has ended']]);
  });
});
