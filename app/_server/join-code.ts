// Cohort join codes: made from crypto randomness over an alphabet a learner cannot misread (no 0/O,
// 1/I/L, and no U, which reads as V in some fonts), long enough that guessing is hopeless even
// without the join limiter, shown in groups (`K7QXP-9MWTR`) and accepted however they are typed.
// The database stores the canonical form: upper case, no separators.

import { randomInt } from 'node:crypto';

export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 10 symbols of 30: log2(30^10) ≈ 49 bits. */
export const JOIN_CODE_LENGTH = 10;
const GROUP_SIZE = 5;
/** Longest input worth normalising; anything longer is not a code. */
const MAX_TYPED_LENGTH = 40;

export function newJoinCode(): string {
  let code = '';
  // randomInt draws without modulo bias.
  for (let i = 0; i < JOIN_CODE_LENGTH; i += 1) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** The canonical code a learner meant, or null when what they typed cannot be a code. */
export function normalizeJoinCode(typed: string): string | null {
  if (typed.length > MAX_TYPED_LENGTH) return null;
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== JOIN_CODE_LENGTH) return null;
  for (const symbol of code) if (!JOIN_CODE_ALPHABET.includes(symbol)) return null;
  return code;
}

/** `K7QXP9MWTR` → `K7QXP-9MWTR`, as pages show it. */
export function formatJoinCode(code: string): string {
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += GROUP_SIZE) groups.push(code.slice(i, i + GROUP_SIZE));
  return groups.join('-');
}
