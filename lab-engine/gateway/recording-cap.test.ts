// The cap on an attempt's recording: everything under it is kept, the batch that crosses it is
// cut (never inside a character) and followed by the stop marker, and after that nothing is kept.

import { describe, expect, it } from 'vitest';
import { MemoryAttemptStore } from './memory-attempt-store';
import { fitRecording, recordingStoppedMarker, utf8Bytes } from './recording-cap';

describe('fitRecording', () => {
  it('keeps a batch that fits, whole', () => {
    expect(fitRecording(0, 'hello', 10)).toEqual({ chunks: ['hello'], addedBytes: 5, full: false });
    expect(fitRecording(5, 'hello', 10)).toEqual({ chunks: ['hello'], addedBytes: 5, full: false });
  });

  it('cuts the batch that crosses the cap at a character boundary and adds the marker once', () => {
    const fit = fitRecording(6, 'ab€cd', 10); // € is 3 bytes: "ab" fits in 4, "ab€" does not
    const marker = recordingStoppedMarker(10);
    expect(fit.chunks).toEqual(['ab', marker]);
    expect(fit.addedBytes).toBe(2 + utf8Bytes(marker));
    expect(fit.full).toBe(true);
    expect(fitRecording(6 + fit.addedBytes, 'more', 10)).toEqual({ chunks: [], addedBytes: 0, full: true });
  });

  it('still writes the marker when the total sits exactly at the cap', () => {
    const fit = fitRecording(10, 'x', 10);
    expect(fit.chunks).toEqual([recordingStoppedMarker(10)]);
    expect(fit.full).toBe(true);
  });

  it('says the limit in words a learner reads', () => {
    expect(recordingStoppedMarker(1024 * 1024)).toContain('Recording stopped: this attempt reached its limit of 1 MiB');
  });
});

describe('MemoryAttemptStore.recordOutputs', () => {
  it('records each attempt up to its cap, ends with the marker, and then says it is full', async () => {
    const store = new MemoryAttemptStore([], { recordingMaxBytes: 8 });
    const entry = (attemptId: string, data: string) => ({ attemptId, data, at: new Date(0) });
    expect(await store.recordOutputs([entry('a1', 'abcde'), entry('a2', 'xy')])).toEqual([]);
    expect(await store.recordOutputs([entry('a1', 'fghij'), entry('a2', 'z')])).toEqual(['a1']);
    expect(await store.recordOutputs([entry('a1', 'klm')])).toEqual(['a1']);
    expect(store.recordedText('a1')).toBe(`abcdefgh${recordingStoppedMarker(8)}`);
    expect(store.recordedText('a2')).toBe('xyz');
  });
});
