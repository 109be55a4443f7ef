// A small seeded PRNG (mulberry32). Every random choice the simulator makes (pod name suffixes,
// IPs, kube-proxy's endpoint pick) draws from one of these, so a seed reproduces a whole session.
// Its whole state is one 32-bit number, so it snapshots and restores exactly.

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** The generator's state, to store in a snapshot. */
  state(): number;
}

export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    state: () => s,
  };
}

/** The alphabet Kubernetes uses for generated name suffixes (k8s.io/apimachinery rand.String). */
export const KUBE_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(rng: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += KUBE_SUFFIX_ALPHABET[rng.int(KUBE_SUFFIX_ALPHABET.length)];
  return out;
}
