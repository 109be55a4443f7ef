// utc-datetime.ts: what a datetime-local input sends is read as UTC, a date that does not exist is
// refused rather than rolled over, and a stored date goes back into the input unchanged.

import { describe, expect, it } from 'vitest';
import { formatUtc, parseUtcDateTime, toDateTimeInput } from './utc-datetime';

describe('UTC date-times', () => {
  it('reads an input as UTC, and empty as no date', () => {
    expect(parseUtcDateTime('2027-01-15T17:00')).toEqual(new Date('2027-01-15T17:00:00Z'));
    expect(parseUtcDateTime('  ')).toBeNull();
  });

  it('refuses what is not a date and time', () => {
    for (const bad of ['2027-02-31T10:00', '2027-01-15T24:00', '2027-01-15', 'tomorrow', '2027-01-15T17:00:00Z']) {
      expect(parseUtcDateTime(bad)).toBeUndefined();
    }
  });

  it('round-trips through the input and reads plainly', () => {
    const date = new Date('2027-01-15T17:00:00Z');
    expect(toDateTimeInput(date)).toBe('2027-01-15T17:00');
    expect(toDateTimeInput(null)).toBe('');
    expect(formatUtc(date)).toBe('15 Jan 2027, 17:00 UTC');
  });
});
