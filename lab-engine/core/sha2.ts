// SHA-224 and SHA-256 (FIPS 180-4) in plain TypeScript, for the short names a lab hashes while it
// starts (kube-proxy's chain names, Calico's rule ids): node:crypto's first load starts OpenSSL,
// about 2 MB of every idle labsh (VmRSS, measured: 39.8 → 41.9 MB for a bare node), and hashing a
// few hundred short strings does not need it. sha2Digest hashes the first TS_DIGESTS digests of a
// process here and the rest with node:crypto, which is faster in bulk (10,000 Services).
// sha2.test.ts checks these digests against node:crypto's, byte for byte.

import { nodeCrypto } from './node-crypto';

/** The first 32 bits of the fractional parts of the cube roots of the first 64 primes (FIPS 180-4 §4.2.2). */
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** Initial hash values: SHA-256's (§5.3.3) and SHA-224's (§5.3.2); SHA-224 then keeps 7 of the 8 words. */
const H0 = {
  sha256: [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19],
  sha224: [0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4],
} as const;

export type Sha2Algorithm = keyof typeof H0;

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

const BLOCK_BYTES = 64;

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** SHA-224 or SHA-256 of `data`, always computed here. */
export function sha2(algorithm: Sha2Algorithm, data: Uint8Array): Uint8Array {
  // Padding (§5.1.1): a 1 bit, zeros, then the length in bits as a 64-bit big-endian number.
  const blocks = Math.ceil((data.length + 9) / BLOCK_BYTES);
  const padded = new Uint8Array(blocks * BLOCK_BYTES);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = data.length * 8;
  view.setUint32(padded.length - 8, Math.floor(bits / 0x1_0000_0000));
  view.setUint32(padded.length - 4, bits >>> 0);

  const h = Uint32Array.from(H0[algorithm]);
  const w = new Uint32Array(64);
  for (let block = 0; block < blocks; block++) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(block * BLOCK_BYTES + t * 4);
    for (let t = 16; t < 64; t++) {
      const s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
      const s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let t = 0; t < 64; t++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  h.forEach((word, i) => outView.setUint32(i * 4, word));
  return algorithm === 'sha224' ? out.subarray(0, 28) : out;
}
