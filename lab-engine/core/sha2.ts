// SHA-224 and SHA-256 in JavaScript (@noble/hashes, audited, already installed with better-auth)
// for the short names a lab hashes while it starts (kube-proxy's chain names, Calico's rule ids):
// node:crypto's first load starts OpenSSL, about 2 MB of every idle labsh (VmRSS, measured: 39.8 → 41.9 MB for a bare node), and hashing a
// few hundred short strings does not need it. sha2Digest hashes the first TS_DIGESTS digests of a
// process here and the rest with node:crypto, which is faster in bulk (10,000 Services).
// sha2.test.ts checks these digests against node:crypto's, byte for byte.

import { sha224, sha256 } from '@noble/hashes/sha2.js';
import { nodeCrypto } from './node-crypto';

const DIGESTS = { sha224, sha256 } as const;

export type Sha2Algorithm = keyof typeof DIGESTS;

/**
 * Digests computed here before sha2Digest turns to node:crypto. pod-network-basics computes 261
 * while it starts (Calico's static rule ids on three nodes, kube-proxy's chain names). The price
 * is CPU: without TurboFan a digest costs some 60-80 µs here against a few in OpenSSL; those 261
 * took 18-62 ms against 3-19 ms for node:crypto's load and the same digests (the busy 2-core
 * machine). Past this many, a lab is large enough that OpenSSL's speed matters more.
 */
export const TS_DIGESTS = 512;
let digestsHere = 0;

/**
 * The digest of `parts` (strings as UTF-8, as node:crypto's update() takes them) in order, as
 * node:crypto's createHash(algorithm).update(…).digest() gives it.
 */
export function sha2Digest(algorithm: Sha2Algorithm, ...parts: (string | Uint8Array)[]): Uint8Array {
  if (digestsHere >= TS_DIGESTS) {
    // crypto.hash (one-shot, Node ≥ 20.12) avoids a Hash object per digest: at 10,000 Services
    // kube-proxy names ~60,000 chains per sync.
    const crypto = nodeCrypto() as ReturnType<typeof nodeCrypto> & { hash?: (alg: string, data: string, enc: 'buffer') => Buffer };
    if (crypto.hash && parts.length === 1 && typeof parts[0] === 'string') return crypto.hash(algorithm, parts[0], 'buffer');
    const hash = crypto.createHash(algorithm);
    for (const part of parts) hash.update(part);
    return hash.digest();
  }
  digestsHere++;
  const encoder = new TextEncoder();
  const bytes = parts.map((part) => (typeof part === 'string' ? encoder.encode(part) : part));
  const data = new Uint8Array(bytes.reduce((sum, b) => sum + b.length, 0));
  let at = 0;
  for (const b of bytes) {
    data.set(b, at);
    at += b.length;
  }
  return sha2(algorithm, data);
}

/** SHA-224 or SHA-256 of `data`, always computed in JavaScript (@noble/hashes). */
export function sha2(algorithm: Sha2Algorithm, data: Uint8Array): Uint8Array {
  return DIGESTS[algorithm](data);
}
