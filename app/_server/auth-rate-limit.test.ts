// The limiter's arithmetic on a hand-moved clock: back-off instead of a fixed lock-out.

import { describe, expect, it } from 'vitest';
import { AUTH_LIMITS, AuthRateLimiter, BackoffLimiter, TokenBucket, WindowCounter } from './auth-rate-limit';

describe('BackoffLimiter', () => {
  it('lets the free failures through, then doubles the wait, capped', () => {
    let now = 0;
    const limiter = new BackoffLimiter({ free: 2, baseMs: 1000, capMs: 4000 }, () => now);
    limiter.fail('k');
    limiter.fail('k');
    expect(limiter.waitMs('k')).toBe(0);
    const waits = [];
    for (let i = 0; i < 4; i += 1) {
      limiter.fail('k');
      waits.push(limiter.waitMs('k'));
    }
    expect(waits).toEqual([1000, 2000, 4000, 4000]);
    now += 4000;
    expect(limiter.waitMs('k')).toBe(0);
    limiter.succeed('k');
    limiter.fail('k');
    expect(limiter.waitMs('k')).toBe(0);
  });

  it('forgets old failures', () => {
    let now = 0;
    const limiter = new BackoffLimiter({ free: 0, baseMs: 1000, capMs: 4000 }, () => now, 10_000);
    limiter.fail('k');
    limiter.fail('k');
    now += 10_001;
    limiter.fail('k');
    expect(limiter.waitMs('k')).toBe(1000);
  });
});

describe('WindowCounter and TokenBucket', () => {
  it('count within a window and refill over time', () => {
    let now = 0;
    const window = new WindowCounter({ max: 2, windowMs: 1000 }, () => now);
    expect([window.take('a'), window.take('a'), window.take('a')]).toEqual([0, 0, 1000]);
    now = 1000;
    expect(window.take('a')).toBe(0);
    const bucket = new TokenBucket({ perSecond: 2, burst: 2 }, () => now);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 500]);
    now += 500;
    expect(bucket.take()).toBe(0);
  });
});

describe('AuthRateLimiter', () => {
  it('refuses the owner only for the back-off, not for 15 minutes, and clears on success', () => {
    let now = 0;
    const limiter = new AuthRateLimiter(() => now);
    const attempt = { kind: 'sign-in', address: '198.51.100.7', email: 'ada@example.com' } as const;
    for (let i = 0; i < AUTH_LIMITS.failuresPerEmail.free + 1; i += 1) {
      expect(limiter.admit(attempt).allowed).toBe(true);
      limiter.record({ ...attempt, ok: false });
      now += 1000;
    }
    // The failure one second ago set a 1 s wait; now it has passed.
    expect(limiter.admit(attempt)).toEqual({ allowed: true });
    limiter.record({ ...attempt, ok: false });
    expect(limiter.admit(attempt)).toEqual({ allowed: false, retryAfterSeconds: 2 });
    now += 2000;
    expect(limiter.admit(attempt).allowed).toBe(true);
    limiter.record({ ...attempt, ok: true });
    expect(limiter.admit({ ...attempt, address: '198.51.100.8' }).allowed).toBe(true);
  });

  it('limits sign-ups per address and password checks globally', () => {
    const now = 0;
    const limiter = new AuthRateLimiter(() => now);
    const results = Array.from({ length: 12 }, () => limiter.admit({ kind: 'sign-up', address: 'a' }).allowed);
    expect(results.filter(Boolean).length).toBe(AUTH_LIMITS.signUpsPerAddress.max);
    const global = Array.from({ length: 20 }, (_, i) => limiter.admit({ kind: 'password-check', address: `b${i}` }).allowed);
    // The sign-ups spent the burst of 10 global tokens already.
    expect(global.filter(Boolean).length).toBe(0);
  });
});
