// The one brake on password guessing, shared by the forms' server actions and better-auth's HTTP
// API because both run through better-auth's before-hook (auth-guard.ts). Checked before any
// password is hashed, so a refused attempt costs no KDF work.
//
// Failures back off exponentially per email and per client address (after a few free ones, each
// further attempt waits 2^k s, capped) instead of a fixed lock-out; a success clears the email's
// record. Attempts and sign-ups per address are also counted in windows, and a global bucket caps
// how many password checks per second the whole server starts, whatever the number of addresses.
// In memory, per process: Flatnet runs as one Node process. Time comes from an injected clock.

export const AUTH_LIMITS = {
  failuresPerEmail: { free: 5, baseMs: 1_000, capMs: 15 * 60_000 },
  failuresPerAddress: { free: 20, baseMs: 1_000, capMs: 15 * 60_000 },
  attemptsPerAddress: { max: 30, windowMs: 60_000 },
  signUpsPerAddress: { max: 10, windowMs: 10 * 60_000 },
  /** Password checks (each one scrypt) the server starts per second, all clients together. */
  globalPasswordChecks: { perSecond: 5, burst: 10 },
  /** A failure record is forgotten after this long without a new failure. */
  forgetAfterMs: 60 * 60_000,
} as const;

const MAX_TRACKED_KEYS = 20_000;

/** The clock the server's limiter reads; tests move it instead of sleeping. */
export const authClock = { now: (): number => Date.now() };

/** Bounded memory: a flood of distinct keys evicts the oldest entries first. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  if (map.size >= MAX_TRACKED_KEYS) map.delete(map.keys().next().value!);
  map.set(key, value);
}

interface Failures {
  count: number;
  blockedUntil: number;
  lastFailure: number;
}

export class BackoffLimiter {
  private readonly records = new Map<string, Failures>();

  constructor(
    private readonly policy: { free: number; baseMs: number; capMs: number },
    private readonly now: () => number,
    private readonly forgetAfterMs: number = AUTH_LIMITS.forgetAfterMs,
  ) {}

  /** Milliseconds until `key` may try again (0: now). */
  waitMs(key: string): number {
    const record = this.live(key);
    return record ? Math.max(0, record.blockedUntil - this.now()) : 0;
  }

  fail(key: string): void {
    const now = this.now();
    const count = (this.live(key)?.count ?? 0) + 1;
    const over = count - this.policy.free;
    const delay = over > 0 ? Math.min(this.policy.capMs, this.policy.baseMs * 2 ** (over - 1)) : 0;
    remember(this.records, key, { count, blockedUntil: now + delay, lastFailure: now });
  }

  succeed(key: string): void {
    this.records.delete(key);
  }

  private live(key: string): Failures | undefined {
    const record = this.records.get(key);
    if (record && this.now() - record.lastFailure > this.forgetAfterMs) {
      this.records.delete(key);
      return undefined;
    }
    return record;
  }
}

interface Window {
  count: number;
  resetAt: number;
}

export class WindowCounter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly policy: { max: number; windowMs: number },
    private readonly now: () => number,
  ) {}

  /** Counts one event if the window has room; otherwise the milliseconds until it has. */
  take(key: string): number {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      remember(this.windows, key, { count: 1, resetAt: now + this.policy.windowMs });
      return 0;
    }
    if (window.count >= this.policy.max) return window.resetAt - now;
    window.count += 1;
    return 0;
  }
}

/** A token bucket: `perSecond` refill, up to `burst` saved. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly policy: { perSecond: number; burst: number },
    private readonly now: () => number,
  ) {
    this.tokens = policy.burst;
    this.last = now();
  }

  /** Takes a token if there is one; otherwise the milliseconds until there is. */
  take(): number {
    const now = this.now();
    this.tokens = Math.min(this.policy.burst, this.tokens + ((now - this.last) / 1000) * this.policy.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.policy.perSecond) * 1000);
  }
}

export type AuthAttempt =
  | { kind: 'sign-in'; address: string; email: string }
  | { kind: 'sign-up'; address: string }
  | { kind: 'password-check'; address: string };

export type AuthVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type AuthOutcome = { kind: 'sign-in'; address: string; email: string; ok: boolean } | { kind: 'other' };

export class AuthRateLimiter {
  private readonly emailFailures: BackoffLimiter;
  private readonly addressFailures: BackoffLimiter;
  private readonly attempts: WindowCounter;
  private readonly signUps: WindowCounter;
  private readonly global: TokenBucket;

  constructor(now: () => number = () => authClock.now()) {
    this.emailFailures = new BackoffLimiter(AUTH_LIMITS.failuresPerEmail, now);
    this.addressFailures = new BackoffLimiter(AUTH_LIMITS.failuresPerAddress, now);
    this.attempts = new WindowCounter(AUTH_LIMITS.attemptsPerAddress, now);
    this.signUps = new WindowCounter(AUTH_LIMITS.signUpsPerAddress, now);
    this.global = new TokenBucket(AUTH_LIMITS.globalPasswordChecks, now);
  }

  /** Decides an attempt before any hashing; an allowed attempt has been counted. */
  admit(attempt: AuthAttempt): AuthVerdict {
    const waits = [this.addressFailures.waitMs(attempt.address)];
    switch (attempt.kind) {
      case 'sign-in':
        waits.push(this.emailFailures.waitMs(attempt.email));
        break;
      case 'sign-up':
      case 'password-check':
        break;
      default: {
        const unreachable: never = attempt;
        throw new Error(`unknown attempt ${String(unreachable)}`);
      }
    }
    const blocked = Math.max(...waits);
    if (blocked > 0) return refuse(blocked);
    // Counted in order, so a window refused by the cheaper checks does not spend a global token.
    const window = attempt.kind === 'sign-up' ? this.signUps.take(attempt.address) : this.attempts.take(attempt.address);
    if (window > 0) return refuse(window);
    const global = this.global.take();
    if (global > 0) return refuse(global);
    return { allowed: true };
  }

  /** Learns from a finished sign-in: failures back off, a success clears the email's record. */
  record(outcome: AuthOutcome): void {
    switch (outcome.kind) {
      case 'sign-in':
        if (outcome.ok) this.emailFailures.succeed(outcome.email);
        else {
          this.emailFailures.fail(outcome.email);
          this.addressFailures.fail(outcome.address);
        }
        return;
      case 'other':
        return;
      default: {
        const unreachable: never = outcome;
        throw new Error(`unknown outcome ${String(unreachable)}`);
      }
    }
  }
}

function refuse(ms: number): AuthVerdict {
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
}
