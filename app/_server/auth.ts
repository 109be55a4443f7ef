// Learner accounts: better-auth with email + password on the Prisma adapter; passwords are scrypt
// in better-auth's format, computed off the event loop (password-hash.ts) behind the KDF gate in
// auth-guard.ts. Used by the auth route handler, the sign-in/up server actions, pages that need the
// current user, and the server entry (server.ts), whose SessionAuth port for the gateway checks the
// session cookie during the WebSocket upgrade.
//
// Created on first use, not at import: `next build` imports route modules, and building must
// not create a data directory or a secret. Next's bundled copy of this module and the server
// entry's tsx copy each hold their own instance on purpose — each then uses its own module graph's
// `next/headers` — while both share the one Prisma connection (db.ts) and the persisted secret.

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';
import { dataDirectory } from '../../prisma/database-location.mjs';
import { authGuardHooks, gatedPassword } from './auth-guard';
import { CLIENT_IP_HEADER } from './client-ip';
import { getDb } from './db';
import { shouldUseSecureCookies } from './cookie-security';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;
const SECRET_FILE = 'auth-secret';

/**
 * BETTER_AUTH_SECRET, else a random secret generated once and kept beside the database with
 * 0600 permissions, so sessions survive restarts without the operator configuring anything.
 * The secret is never logged.
 */
export function resolveAuthSecret(env: Record<string, string | undefined> = process.env, dir = dataDirectory()): string {
  const fromEnv = env.BETTER_AUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;
  const file = join(dir, SECRET_FILE);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails if the file exists, so two processes starting together cannot both win.
    writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable secret; delete it to generate a new one`);
  return secret;
}

/**
 * Hosts the app may be reached at. With BETTER_AUTH_URL set, that one URL (a deployment behind
 * a domain). Otherwise loopback on any port — tests start servers on random ports — plus the
 * origins in FLATNET_ORIGINS, the list the gateway also accepts for WebSocket handshakes.
 */
export function allowedHosts(env: Record<string, string | undefined> = process.env): string[] {
  const extra = (env.FLATNET_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
    .map((origin) => {
      try {
        return new URL(origin).host;
      } catch {
        return origin;
      }
    });
  return ['localhost', 'localhost:*', '127.0.0.1', '127.0.0.1:*', '[::1]', '[::1]:*', ...extra];
}

function createAuth() {
  const staticUrl = process.env.BETTER_AUTH_URL?.trim();
  return betterAuth({
    appName: 'Flatnet',
    secret: resolveAuthSecret(),
    // The fallback serves calls that carry no Host header (server-side getSession, tests).
    baseURL: staticUrl ? staticUrl : { allowedHosts: allowedHosts(), fallback: 'http://localhost' },
    database: prismaAdapter(getDb(), { provider: 'sqlite' }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      autoSignIn: true,
      password: gatedPassword(),
    },
    user: {
      additionalFields: {
        // input: false — a learner cannot sign up as an instructor; the seed grants the role.
        role: { type: 'string', required: false, defaultValue: 'learner', input: false },
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
    },
    advanced: {
      cookiePrefix: 'flatnet',
      // Secure unless served over plain http on loopback (see cookie-security.ts).
      useSecureCookies: shouldUseSecureCookies(process.env),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      // better-auth skips Origin checks when NODE_ENV=test; Flatnet's tests must see the real thing.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      // The address the HTTP server stamped from the socket (client-ip.ts), never a client's header.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    // Replaced by auth-guard.ts, which also covers the forms' auth.api calls and runs before any
    // hashing; better-auth's own limiter would only double-count the HTTP path.
    rateLimit: { enabled: false },
    hooks: authGuardHooks(),
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

let instance: Auth | undefined;

export function getAuth(): Auth {
  instance ??= createAuth();
  return instance;
}

/** The better-auth instance; a lazy view of getAuth() so importing this module has no effects. */
export const auth: Auth = new Proxy({} as Auth, {
  get: (_target, property) => Reflect.get(getAuth(), property),
  // toNextJsHandler asks `'handler' in auth`.
  has: (_target, property) => Reflect.has(getAuth(), property),
});

export type Role = 'learner' | 'instructor' | 'admin';

const ROLES: readonly Role[] = ['learner', 'instructor', 'admin'];

/** A stored role as the app's type; anything unknown counts as the least privileged. */
export function roleOf(value: unknown): Role {
  return ROLES.includes(value as Role) ? (value as Role) : 'learner';
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** Node's header object to a fetch Headers (repeated headers joined, HTTP/2 pseudo-headers dropped). */
function toHeaders(headers: Headers | IncomingHttpHeaders): Headers {
  if (headers instanceof Headers) return headers;
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    result.set(name, Array.isArray(value) ? value.join(name === 'cookie' ? '; ' : ', ') : value);
  }
  return result;
}

/**
 * The signed-in user for a request's headers (its session cookie), or null. Works from route
 * handlers, server components (`await headers()`) and the gateway's upgrade handler.
 */
export async function getSessionUser(headers: Headers | IncomingHttpHeaders): Promise<SessionUser | null> {
  const session = await getAuth().api.getSession({ headers: toHeaders(headers) });
  if (!session) return null;
  const { id, email, name } = session.user;
  const role = roleOf((session.user as { role?: unknown }).role);
  return { id, email, name, role };
}
