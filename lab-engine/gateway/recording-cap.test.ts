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

describe('MemoryAttemptStore.recordOutput', () => {
  it('records up to its cap, ends with the marker, and then refuses', async () => {
    const store = new MemoryAttemptStore([], { recordingMaxBytes: 8 });
    expect(await store.recordOutput('a1', 'abcde', new Date(0))).toBe(true);
    expect(await store.recordOutput('a1', 'fghij', new Date(1))).toBe(false);
    expect(await store.recordOutput('a1', 'klm', new Date(2))).toBe(false);
    expect(store.recordedText('a1')).toBe(`abcdefgh${recordingStoppedMarker(8)}`);
  });
});
