// The replay's arithmetic: chunks shown at a position, forward seeks append and backward ones
// start over, timeline positions stay on the line, and times read as a clock.

import { describe, expect, it } from 'vitest';
import { chunksAt, formatOffset, seekPlan, timelinePercent, turningPoints } from './replay-model';

describe('replay model', () => {
  const chunks = [{ t: 0 }, { t: 500 }, { t: 500 }, { t: 2000 }];

  it('counts the chunks recorded at or before a position', () => {
    expect(chunksAt(chunks, -1)).toBe(0);
    expect(chunksAt(chunks, 0)).toBe(1);
    expect(chunksAt(chunks, 499)).toBe(1);
    expect(chunksAt(chunks, 500)).toBe(3);
    expect(chunksAt(chunks, 10_000)).toBe(4);
    expect(chunksAt([], 10)).toBe(0);
  });

  it('appends when seeking forward and starts over when seeking back', () => {
    expect(seekPlan(1, 3)).toEqual({ reset: false, from: 1, to: 3 });
    expect(seekPlan(3, 3)).toEqual({ reset: false, from: 3, to: 3 });
    expect(seekPlan(3, 1)).toEqual({ reset: true, from: 0, to: 1 });
  });

  it('keeps marks on the timeline', () => {
    expect(timelinePercent(500, 1000)).toBe(50);
    expect(timelinePercent(2000, 1000)).toBe(100);
    expect(timelinePercent(5, 0)).toBe(0);
  });

  it('marks verdict changes, not the red every check starts with', () => {
    const events = [
      { checkId: 'a', passed: false },
      { checkId: 'b', passed: true },
      { checkId: 'a', passed: true },
      { checkId: 'a', passed: false },
    ];
    expect(turningPoints(events)).toEqual([events[1], events[2], events[3]]);
  });

  it('reads times as a clock', () => {
    expect(formatOffset(0)).toBe('0:00');
    expect(formatOffset(65_400)).toBe('1:05');
    expect(formatOffset(3_725_000)).toBe('1:02:05');
  });
});
