// A brake on password guessing for the sign-in/up server actions. better-auth rate-limits only
// requests that reach its HTTP handler; the actions call auth.api directly, so they need their
// own. In memory, per process: Flatnet runs as one Node process.
//
// Two windows: per client address (any attempt) and per email (failed sign-ins only), so one
// learner behind a shared address is not locked out by a neighbour's typos, and one account
// cannot be guessed at from many addresses quickly.

export const LIMITS = {
  perAddress: { max: 60, windowMs: 60_000 },
  failuresPerEmail: { max: 10, windowMs: 15 * 60_000 },
} as const;

const MAX_TRACKED_KEYS = 10_000;

interface Window {
  count: number;
  resetAt: number;
}

export class FixedWindowLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when `key` has used up its window (does not count). */
  isBlocked(key: string): boolean {
    const window = this.windows.get(key);
    return !!window && window.resetAt > this.now() && window.count >= this.max;
  }

  /** Counts one event for `key`. */
  hit(key: string): void {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      // Bounded memory: a flood of distinct keys evicts the oldest windows first.
      if (this.windows.size >= MAX_TRACKED_KEYS) this.windows.delete(this.windows.keys().next().value!);
      this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
    } else {
      window.count += 1;
    }
  }
}

const limiters = {
  address: new FixedWindowLimiter(LIMITS.perAddress.max, LIMITS.perAddress.windowMs),
  email: new FixedWindowLimiter(LIMITS.failuresPerEmail.max, LIMITS.failuresPerEmail.windowMs),
};

/** Off outside production (dev, unit tests) and when FLATNET_AUTH_RATE_LIMIT=off (e2e runs). */
function enabled(): boolean {
  return process.env.NODE_ENV === 'production' && process.env.FLATNET_AUTH_RATE_LIMIT !== 'off';
}

/** The client address as Next's server reports it (it sets x-forwarded-for). */
export function clientAddress(headers: Headers): string {
  return headers.get('x-forwarded-for')?.split(',')[0]?.trim() || headers.get('x-real-ip') || 'unknown';
}

/** Counts an attempt and says whether it may go ahead. */
export function allowPasswordAttempt(headers: Headers, email: string): boolean {
  if (!enabled()) return true;
  const address = clientAddress(headers);
  if (limiters.address.isBlocked(address) || limiters.email.isBlocked(email)) return false;
  limiters.address.hit(address);
  return true;
}

export function recordFailedSignIn(email: string): void {
  if (enabled()) limiters.email.hit(email);
}
