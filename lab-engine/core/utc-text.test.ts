import { describe, expect, it } from 'vitest';
import { isoString, utcMonthShort, utcString } from './utc-text';

// Instants across the whole Date range: the epoch, today's, leap days, years outside 0–9999,
// the limits, and a seeded spread with odd milliseconds.
const instants: number[] = [0, -1, 1, 999, 1767225600000, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(-1, 0, 1), Date.UTC(-12345, 6, 4), Date.UTC(12345, 11, 31), Date.UTC(0, 0, 1) - 1, 8.64e15, -8.64e15];
let seed = 7;
for (let i = 0; i < 2000; i++) {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  instants.push(Math.round(((seed / 2 ** 31) * 2 - 1) * 8.64e15 * (i % 2 ? 1 : 1e-4)));
}

describe('utc text', () => {
  it('isoString prints what toISOString prints', () => {
    for (const ms of instants) expect(isoString(ms)).toBe(new Date(ms).toISOString());
  });

  it('isoString throws as toISOString does for an invalid instant', () => {
    for (const ms of [NaN, 8.64e15 + 1, Infinity]) expect(() => isoString(ms)).toThrow(RangeError);
  });

  it('utcString prints what toUTCString prints', () => {
    for (const ms of [...instants, NaN]) expect(utcString(ms)).toBe(new Date(ms).toUTCString());
  });

  it("utcMonthShort is en-US's short month in UTC", () => {
    for (const ms of [...instants, NaN]) expect(utcMonthShort(ms)).toBe(new Date(ms).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' }));
  });
});
