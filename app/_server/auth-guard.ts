// better-auth's before/after hooks that guard every password-bearing endpoint, whether reached over
// HTTP (/api/auth/*) or through auth.api from the forms' server actions: field sizes first, then
// the shared rate limiter (auth-rate-limit.ts), all before better-auth hashes anything. Also a
// gate on the KDF itself (password-hash.ts, on libuv's thread pool): however requests arrive, one
// scrypt run at a time occupies the pool (which node-pty and fs share) and a core the terminals
// need; a short queue waits its turn, and beyond it a request is refused with 503 at once.

import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { AuthRateLimiter, type AuthAttempt } from './auth-rate-limit';
import { clientIpFrom } from './client-ip';
import { hashPassword, verifyPassword } from './password-hash';

export const FIELD_LIMITS = { email: 254, name: 100, password: 128 } as const;

/** Endpoints that run the KDF for a caller who already holds a session or a reset token. */
const PASSWORD_CHECK_PATHS = new Set(['/change-password', '/verify-password', '/delete-user', '/reset-password', '/set-password']);

export const TOO_MANY_MESSAGE = 'Too many attempts. Wait a little, then try again.';
export const BUSY_MESSAGE = 'The server is busy signing people in. Try again in a moment.';

/** Off with FLATNET_AUTH_RATE_LIMIT=off (e2e runs); on with =on (tests) or in production. */
export function rateLimitEnabled(env: Record<string, string | undefined> = process.env): boolean {
  const setting = env.FLATNET_AUTH_RATE_LIMIT;
  if (setting === 'off') return false;
  return setting === 'on' || env.NODE_ENV === 'production';
}

function fieldOf(body: unknown, key: string): unknown {
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
}

function stringField(body: unknown, key: string): string | undefined {
  const value = fieldOf(body, key);
  return typeof value === 'string' ? value : undefined;
}

/** 400 for an oversized field, in words a client can show; nothing is hashed or stored. */
function checkFieldSizes(body: unknown): void {
  for (const [field, max] of Object.entries(FIELD_LIMITS)) {
    for (const key of field === 'password' ? ['password', 'newPassword', 'currentPassword'] : [field]) {
      const value = fieldOf(body, key);
      if (value !== undefined && typeof value !== 'string') {
        throw new APIError('BAD_REQUEST', { code: 'INVALID_FIELD', message: `${key} must be text.` });
      }
      if (typeof value === 'string' && value.length > max) {
        throw new APIError('BAD_REQUEST', { code: 'FIELD_TOO_LONG', message: `${key} can have at most ${max} characters.` });
      }
    }
  }
}

/** The email a sign-in names, as the limiter keys it. */
function emailOf(body: unknown): string {
  return (stringField(body, 'email') ?? '').trim().toLowerCase();
}

function attemptFor(path: string, address: string, body: unknown): AuthAttempt | null {
  if (path === '/sign-in/email') return { kind: 'sign-in', address, email: emailOf(body) };
  if (path === '/sign-up/email') return { kind: 'sign-up', address };
  if (PASSWORD_CHECK_PATHS.has(path)) return { kind: 'password-check', address };
  return null;
}

export interface AuthGuardOptions {
  limiter?: AuthRateLimiter;
  enabled?: boolean;
  /** The KDF gate whose full queue refuses a password request before better-auth looks anything up. */
  gate?: Semaphore;
}

/**
 * One per process, not per module copy: Next bundles route handlers and server actions apart from
 * the server entry's tsx copy, and a limiter per copy would let the form and the API count alone.
 */
function processWide<T>(name: string, make: () => T): T {
  const registry = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`flatnet.${name}`);
  registry[key] ??= make();
  return registry[key]!;
}

/** The hooks for betterAuth({ hooks }). One limiter for both entry points. */
export function authGuardHooks(options: AuthGuardOptions = {}) {
  const limiter = options.limiter ?? processWide('authRateLimiter', () => new AuthRateLimiter());
  const enabled = options.enabled ?? rateLimitEnabled();
  const gate = options.gate ?? kdfGate;
  return {
    before: createAuthMiddleware(async (ctx) => {
      const attempt = attemptFor(ctx.path, clientIpFrom(ctx.headers), ctx.body);
      if (!attempt) return;
      checkFieldSizes(ctx.body);
      // A full KDF queue refuses here, before the user lookup and the log lines a refusal from the
      // gate itself would cost, and without spending the caller's rate-limit budget.
      if (gate.isFull()) throw serverBusy();
      if (!enabled) return;
      const verdict = limiter.admit(attempt);
      if (!verdict.allowed) {
        throw new APIError(
          'TOO_MANY_REQUESTS',
          { code: 'TOO_MANY_ATTEMPTS', message: TOO_MANY_MESSAGE, retryAfter: verdict.retryAfterSeconds },
          { 'Retry-After': String(verdict.retryAfterSeconds) },
        );
      }
    }),
    after: createAuthMiddleware(async (ctx) => {
      if (!enabled || ctx.path !== '/sign-in/email') return;
      const returned = ctx.context.returned;
      // 429 (the limiter) and 503 (the KDF queue full) checked no password: neither is a failure.
      const refused = isAPIError(returned) && returned.statusCode !== 429 && returned.statusCode !== 503;
      const ok = !isAPIError(returned);
      if (!refused && !ok) return;
      limiter.record({ kind: 'sign-in', address: clientIpFrom(ctx.headers), email: emailOf(ctx.body), ok });
    }),
  };
}

/** Thrown by Semaphore.run when its queue is full; nothing was started. */
export class QueueFullError extends Error {
  constructor() {
    super('queue full');
    this.name = 'QueueFullError';
  }
}

/**
 * By name, not instanceof: the gate is process-wide, and the copy of this module that made it
 * (Next's bundle or the server entry's) may not be the copy asking.
 */
export function isQueueFull(error: unknown): boolean {
  return error instanceof Error && error.name === 'QueueFullError';
}

/** Runs at most `limit` tasks at once; up to `maxWaiting` more wait their turn in order, the rest are refused. */
export class Semaphore {
  private active = 0;
  /** Tasks started so far; what the flood measurement reads. */
  started = 0;
  /** Tasks refused because the queue was full. */
  refused = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaiting: number = Infinity,
  ) {}

  /** Whether run() would refuse a task now. */
  isFull(): boolean {
    return this.active >= this.limit && this.waiting.length >= this.maxWaiting;
  }

  /** Tasks running now and tasks queued behind them. */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.maxWaiting) {
        this.refused += 1;
        throw new QueueFullError();
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.active += 1;
    this.started += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}

/** scrypt runs at once: one, so a flood uses at most one core and one of libuv's four threads. */
export const KDF_CONCURRENCY = 1;
/**
 * Password checks that may wait behind it: about a second of work at ~60 ms a hash, and above the
 * limiter's global burst (10) so the sign-ins it admits together all queue. Past it, 503.
 */
export const KDF_MAX_WAITING = 16;
/** What a refused caller is told to wait, in seconds. */
const BUSY_RETRY_AFTER_SECONDS = 1;

/** The server's one KDF gate. */
export const kdfGate: Semaphore = processWide('kdfGate', () => new Semaphore(KDF_CONCURRENCY, KDF_MAX_WAITING));

/** A full queue as better-auth's error: 503 with Retry-After, in words the forms can show. */
function serverBusy(): APIError {
  return new APIError(
    'SERVICE_UNAVAILABLE',
    { code: 'SERVER_BUSY', message: BUSY_MESSAGE, retryAfter: BUSY_RETRY_AFTER_SECONDS },
    { 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) },
  );
}

function busyAware<T>(gate: Semaphore, task: () => Promise<T>): Promise<T> {
  return gate.run(task).catch((error: unknown) => {
    throw isQueueFull(error) ? serverBusy() : error;
  });
}

/**
 * Flatnet's scrypt (password-hash.ts: node:crypto on the thread pool, better-auth's `salt:key`
 * format, so existing hashes verify unchanged) through the gate: a flood queues here, briefly,
 * instead of filling both cores.
 */
export function gatedPassword(gate: Semaphore = kdfGate) {
  return {
    hash: (password: string) => busyAware(gate, () => hashPassword(password)),
    verify: (data: { hash: string; password: string }) => busyAware(gate, () => verifyPassword(data)),
  };
}
