import { describe, expect, it } from 'vitest';
import { MAX_HOST_EVENTS_PER_BATCH, MAX_HOST_OUTPUT_CHARS, isHostEventBatch, splitHostOutput } from './session-host-messages';

describe('a session host batch', () => {
  const output = (data: string) => ({ type: 'output', session: '1', data });

  it('is an array of well-formed events', () => {
    expect(isHostEventBatch([output('x'), { type: 'exit', session: '1', exitCode: 0, signal: 9 }, { type: 'thread', session: '2', tid: 77 }])).toBe(true);
    expect(isHostEventBatch([])).toBe(true);
  });

  it('is refused whole when it is not an array, one event is malformed, or it is too long', () => {
    expect(isHostEventBatch(output('x'))).toBe(false);
    expect(isHostEventBatch([output('x'), { type: 'output', session: 1, data: 'x' }])).toBe(false);
    expect(isHostEventBatch([output('x'), { type: 'spawn', session: '1' }])).toBe(false);
    expect(isHostEventBatch(Array.from({ length: MAX_HOST_EVENTS_PER_BATCH + 1 }, () => output('x')))).toBe(false);
  });

  it('refuses an output event longer than a piece', () => {
    expect(isHostEventBatch([output('y'.repeat(MAX_HOST_OUTPUT_CHARS))])).toBe(true);
    expect(isHostEventBatch([output('y'.repeat(MAX_HOST_OUTPUT_CHARS + 1))])).toBe(false);
  });
});

describe('splitHostOutput', () => {
  it('cuts long output into pieces a batch accepts, losing nothing', () => {
    const text = 'abcdefghij'.repeat(20_000);
    const pieces = splitHostOutput(text);
    expect(pieces.length).toBe(Math.ceil(text.length / MAX_HOST_OUTPUT_CHARS));
    expect(pieces.every((p) => p.length <= MAX_HOST_OUTPUT_CHARS)).toBe(true);
    expect(pieces.join('')).toBe(text);
    expect(splitHostOutput('')).toEqual([]);
  });

  it('never cuts a character outside the BMP in two', () => {
    const text = 'ab🙂cd🙂';
    const pieces = splitHostOutput(text, 3);
    expect(pieces).toEqual(['ab', '🙂c', 'd🙂']);
    expect(pieces.join('')).toBe(text);
  });
});
