// join-code.ts: the alphabet leaves out look-alikes, codes carry ≥ 40 bits, and a code is
// accepted in any case, with or without the dash, while anything else is refused.

import { describe, expect, it } from 'vitest';
import { formatJoinCode, JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, newJoinCode, normalizeJoinCode } from './join-code';

describe('join codes', () => {
  it('never uses a symbol that reads like another', () => {
    for (const symbol of '01OIL') expect(JOIN_CODE_ALPHABET).not.toContain(symbol);
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
  });

  it('is long enough that guessing is hopeless', () => {
    expect(JOIN_CODE_LENGTH * Math.log2(JOIN_CODE_ALPHABET.length)).toBeGreaterThanOrEqual(40);
  });

  it('makes codes from the alphabet, different each time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newJoinCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) {
      expect(code).toHaveLength(JOIN_CODE_LENGTH);
      for (const symbol of code) expect(JOIN_CODE_ALPHABET).toContain(symbol);
    }
  });

  it('shows a code in two groups and reads it back however it is typed', () => {
    const code = 'K7QXP9MWTR';
    expect(formatJoinCode(code)).toBe('K7QXP-9MWTR');
    expect(normalizeJoinCode('K7QXP-9MWTR')).toBe(code);
    expect(normalizeJoinCode('k7qxp9mwtr')).toBe(code);
    expect(normalizeJoinCode(' k7qxp-9mwtr ')).toBe(code);
  });

  it('refuses what cannot be a code', () => {
    expect(normalizeJoinCode('')).toBeNull();
    expect(normalizeJoinCode('K7QXP-9MWT')).toBeNull();
    expect(normalizeJoinCode('K7QXP-9MWT0')).toBeNull();
    expect(normalizeJoinCode('x'.repeat(1000))).toBeNull();
  });
});
