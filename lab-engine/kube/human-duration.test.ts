import { describe, expect, it } from 'vitest';
import { humanDuration } from './human-duration';

// Vectors from k8s.io/apimachinery/pkg/util/duration/duration_test.go (GROUND-TRUTH §5).
const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;
const vectors: [number, string][] = [
  [1 * s, '1s'], [70 * s, '70s'], [119.999 * s, '119s'], [2 * m, '2m'], [2 * m + 1 * s, '2m1s'],
  [190 * s, '3m10s'], [9 * m + 59.999 * s, '9m59s'], [10 * m, '10m'], [10 * m + 1 * s, '10m'],
  [70 * m, '70m'], [179.99 * m, '179m'], [3 * h, '3h'], [3 * h + 1 * m, '3h1m'], [7 * h + 59.99 * m, '7h59m'],
  [8 * h, '8h'], [8 * h + 59 * m, '8h'], [47 * h, '47h'], [48 * h, '2d'], [49 * h, '2d1h'], [8 * d - 1, '7d23h'],
  [8 * d, '8d'], [8 * d + 23 * h, '8d'], [367 * d, '367d'], [729.99 * d, '729d'], [2 * y, '2y'],
  [2 * y + 25 * h, '2y1d'], [8 * y - 1, '7y364d'], [8 * y, '8y'],
];

describe('humanDuration', () => {
  it.each(vectors)('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });

  it('treats small negative skew as 0s and larger as invalid', () => {
    expect(humanDuration(-500)).toBe('0s');
    expect(humanDuration(-2 * s)).toBe('<invalid>');
  });
});
