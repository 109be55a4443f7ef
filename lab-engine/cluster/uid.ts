// Object UIDs in the RFC 4122 v4 shape the API server uses, drawn from the seeded PRNG so a seed
// reproduces them.

import type { Rng } from '../core/random';

export function newUid(rng: Rng): string {
  let hex = '';
  for (let i = 0; i < 32; i++) hex += '0123456789abcdef'[rng.int(16)];
  const variant = '89ab'[rng.int(4)];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
