// better-auth's before/after hooks that guard every password-bearing endpoint, whether reached over
// HTTP (/api/auth/*) or through auth.api from the forms' server actions: field sizes first, then
// the shared rate limiter (auth-rate-limit.ts), all before better-auth hashes anything. Also a
// gate on the KDF itself, so however requests arrive, at most a couple of scrypt runs occupy the
// libuv pool (and the two cores the terminals need) at once.

import { hashPassword, verifyPassword } from 'better-auth/crypto';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { AuthRateLimiter, type AuthAttempt } from './auth-rate-limit';
import { clientIpFrom } from './client-ip';

export const FIELD_LIMITS = { email: 254, name: 100, password: 128 } as const;

/** Endpoints that run the KDF for a caller who already holds a session or a reset token. */
const PASSWORD_CHECK_PATHS = new Set(['/change-password', '/verify-password', '/delete-user', '/reset-password', '/set-password']);

export const TOO_MANY_MESSAGE = 'Too many attempts. Wait a little, then try again.';

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
  return {
    before: createAuthMiddleware(async (ctx) => {
      const attempt = attemptFor(ctx.path, clientIpFrom(ctx.headers), ctx.body);
      if (!attempt) return;
      checkFieldSizes(ctx.body);
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
      const refused = isAPIError(returned) && returned.statusCode !== 429;
      const ok = !isAPIError(returned);
      if (!refused && !ok) return;
      limiter.record({ kind: 'sign-in', address: clientIpFrom(ctx.headers), email: emailOf(ctx.body), ok });
    }),
  };
}

/** Runs at most `limit` tasks at once; the rest wait their turn in order. */
export class Semaphore {
  private active = 0;
  /** Tasks started so far; what the flood measurement reads. */
  started = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
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

const KDF_CONCURRENCY = 1;

/** The server's one KDF gate. */
export const kdfGate: Semaphore = processWide('kdfGate', () => new Semaphore(KDF_CONCURRENCY));

/**
 * better-auth's own scrypt (node:crypto on the libuv pool, same `salt:key` format, so existing
 * hashes verify unchanged), one run at a time: a flood queues here instead of filling both cores.
 */
export function gatedPassword(gate: Semaphore = kdfGate) {
  return {
    hash: (password: string) => gate.run(() => hashPassword(password)),
    verify: (data: { hash: string; password: string }) => gate.run(() => verifyPassword(data)),
  };
}
