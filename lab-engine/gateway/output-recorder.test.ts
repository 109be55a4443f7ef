// The recorder batches output (one write per interval or per full batch, never per keystroke),
// stamps a batch with its first byte's time, and stops once the store says the recording is full.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutputRecorder } from './output-recorder';

function recorderWith(answer: () => boolean = () => true) {
  const writes: Array<{ data: string; at: number }> = [];
  let clock = 1_000;
  const recorder = new OutputRecorder({
    attemptId: 'a1',
    store: {
      recordOutput: async (_id, data, at) => {
        writes.push({ data, at: at.getTime() });
        return answer();
      },
    },
    log: () => undefined,
    flushMs: 300,
    flushBytes: 1024,
    now: () => clock,
  });
  return { recorder, writes, tick: (ms: number) => (clock += ms) };
}

describe('OutputRecorder', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes the keystrokes of one interval as one batch, stamped with the first one', async () => {
    const { recorder, writes, tick } = recorderWith();
    for (const key of 'kubectl get pods') {
      recorder.push(key);
      tick(10);
    }
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(writes).toEqual([{ data: 'kubectl get pods', at: 1_000 }]);
    recorder.push('\r\n');
    await vi.advanceTimersByTimeAsync(300);
    expect(writes.map((w) => w.data)).toEqual(['kubectl get pods', '\r\n']);
  });

  it('writes a full batch at once, without waiting for the interval', () => {
    const { recorder, writes } = recorderWith();
    recorder.push('y\n'.repeat(600));
    expect(writes.map((w) => w.data.length)).toEqual([1200]);
    recorder.push('tail');
    expect(writes).toHaveLength(1);
  });

  it('stops recording once the store says the recording is full', async () => {
    const { recorder, writes } = recorderWith(() => false);
    recorder.push('x'.repeat(2000));
    await vi.advanceTimersByTimeAsync(0);
    recorder.push('more output');
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes).toHaveLength(1);
  });

  it('writes what is pending when disposed, then nothing more', async () => {
    const { recorder, writes } = recorderWith();
    recorder.push('[flatnet] This lab session has ended');
    recorder.dispose();
    recorder.push('late');
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes.map((w) => w.data)).toEqual(['[flatnet] This lab session has ended']);
  });
});
