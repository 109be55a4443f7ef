// core/sha2.ts against FIPS 180-4's examples and node:crypto (OpenSSL), at every padding edge, and
// sha2Digest's hand-over to node:crypto after TS_DIGESTS digests (the same bytes either way).

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha2, sha2Digest, TS_DIGESTS, type Sha2Algorithm } from './sha2';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const utf8 = (text: string) => new TextEncoder().encode(text);
const ALGORITHMS: Sha2Algorithm[] = ['sha224', 'sha256'];

describe('sha2', () => {
  it('gives the FIPS 180-4 example digests', () => {
    expect(hex(sha2('sha256', utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha2('sha256', utf8('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha2('sha256', utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(hex(sha2('sha224', utf8('abc')))).toBe('23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7');
  });

  it('matches node:crypto for every length across the block and padding boundaries', () => {
    for (const algorithm of ALGORITHMS) {
      for (let length = 0; length <= 200; length++) {
        const text = Array.from({ length }, (_, i) => String.fromCharCode(97 + ((i * 7 + length) % 26))).join('');
        expect(hex(sha2(algorithm, utf8(text))), `${algorithm}, length ${length}`).toBe(createHash(algorithm).update(text).digest('hex'));
      }
    }
  });
});

describe('sha2Digest', () => {
  it('hashes strings as UTF-8 and parts in order, as createHash().update()… does, before and after the hand-over', () => {
    const previous = createHash('sha224').update('cali-nat-outgoing').digest();
    const cases: [Sha2Algorithm, (string | Uint8Array)[]][] = [
      ['sha256', ['default/web:httptcp']],
      ['sha256', ['ns/naïve→svc:𝔥ttp']],
      ['sha224', [previous, '-A cali-nat-outgoing HASH -m comment --comment "Calico"']],
      ['sha224', ['s:has(projectcalico.org/name)']],
    ];
    const expected = (algorithm: Sha2Algorithm, parts: (string | Uint8Array)[]) => {
      const hash = createHash(algorithm);
      for (const part of parts) hash.update(part);
      return hash.digest('hex');
    };
    // Past TS_DIGESTS the same calls go to node:crypto; the answers must not change.
    for (let round = 0; round < TS_DIGESTS / cases.length + 2; round++) {
      for (const [algorithm, parts] of cases) expect(hex(sha2Digest(algorithm, ...parts))).toBe(expected(algorithm, parts));
    }
  });
});
