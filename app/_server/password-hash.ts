// Password hashing for better-auth, owned by Flatnet so it runs off the event loop whatever the
// bundler does. better-auth's default picks node:crypto only through the "node" export condition of
// @better-auth/utils/password and otherwise falls back to @noble/hashes' scrypt, plain JavaScript on
// the calling thread: a bundle resolved without that condition would hash on the gateway's loop,
// where every learner's keystrokes wait (issue 21). node:crypto's callback scrypt runs on libuv's
// thread pool, so the loop keeps serving terminals while a hash is computed.
//
// The format and parameters are better-auth's own (N 16384, r 16, p 1, 64-byte key, the password
// NFKC-normalised, the salt the 32-character hex text of 16 random bytes used as-is, stored as
// `salt:key` in hex), so hashes stored before this module verify unchanged and the other way round
// (password-hash.test.ts checks both directions against better-auth's exported functions).

import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export const SCRYPT_PARAMS = { N: 16384, r: 16, p: 1, keyLength: 64 } as const;
/** Twice what scrypt needs (128·N·r bytes), as better-auth passes; Node's default cap is exactly 32 MiB. */
const MAX_MEMORY = 128 * SCRYPT_PARAMS.N * SCRYPT_PARAMS.r * 2;
const SALT_BYTES = 16;

function deriveKey(password: string, salt: string): Promise<Buffer> {
  const { N, r, p, keyLength } = SCRYPT_PARAMS;
  return new Promise((resolve, reject) => {
    // The salt is the hex text itself (its UTF-8 bytes), not the bytes it spells: better-auth's format.
    scrypt(password.normalize('NFKC'), salt, keyLength, { N, r, p, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `salt:key`, both hex, computed on libuv's thread pool. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES).toString('hex');
  const key = await deriveKey(password, salt);
  return `${salt}:${key.toString('hex')}`;
}

const HEX = /^[0-9a-f]+$/i;

/**
 * Whether `password` matches a stored `salt:key`. A stored value that is not of that shape throws,
 * as better-auth's does (a corrupt row is a bug to see, not a wrong password); the comparison is
 * constant-time.
 */
export async function verifyPassword({ hash, password }: { hash: string; password: string }): Promise<boolean> {
  const [salt, key] = hash.split(':');
  if (!salt || !key || !HEX.test(key) || key.length % 2 !== 0) throw new Error('Invalid password hash');
  const expected = Buffer.from(key, 'hex');
  const actual = await deriveKey(password, salt);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
