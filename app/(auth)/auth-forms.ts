// What the sign-in and sign-up forms accept and what they say back: zod schemas with messages
// in the learner's terms, better-auth error codes translated the same way, and the rule for
// where `?next=` may send someone after signing in (same-site relative paths only).
// Plain module (no 'use server'), so pages, actions and tests share it.

import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../_server/auth';

export type AuthField = 'email' | 'password' | 'name';

/** What a form action returns: per-field errors plus one message for the whole form. */
export interface AuthFormState {
  errors: Partial<Record<AuthField, string[]>>;
  message: string | null;
  /** Echoed back so a failed submit does not wipe what the learner typed (never the password). */
  values: { email: string; name: string };
}

/** Shown under the sign-up password field before the learner submits, in the same terms as the error. */
export const PASSWORD_RULE = `At least ${MIN_PASSWORD_LENGTH} characters (at most ${MAX_PASSWORD_LENGTH}). A few words in a row are easy to remember and hard to guess.`;

export const initialAuthFormState: AuthFormState = { errors: {}, message: null, values: { email: '', name: '' } };

const email = z
  .string()
  .trim()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email('That does not look like an email address (like ada@example.com).'))
  .transform((value) => value.toLowerCase());

export const SignInSchema = z.object({
  email,
  password: z.string().min(1, 'Enter your password.').max(MAX_PASSWORD_LENGTH, 'Wrong email or password.'),
  next: z.string().optional(),
});

export const SignUpSchema = z.object({
  name: z.string().trim().min(1, 'Tell us what to call you.').max(100, 'Keep your name under 100 characters.'),
  email,
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Your password needs at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(MAX_PASSWORD_LENGTH, `Your password can have at most ${MAX_PASSWORD_LENGTH} characters.`),
  next: z.string().optional(),
});

/** better-auth error codes → what the learner should read, and which field it belongs to. */
const AUTH_ERRORS: Record<string, { field?: AuthField; text: string }> = {
  INVALID_EMAIL_OR_PASSWORD: { text: 'Wrong email or password.' },
  USER_ALREADY_EXISTS: { field: 'email', text: 'An account with this email already exists. Sign in instead?' },
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: { field: 'email', text: 'An account with this email already exists. Sign in instead?' },
  PASSWORD_TOO_SHORT: { field: 'password', text: `Your password needs at least ${MIN_PASSWORD_LENGTH} characters.` },
  PASSWORD_TOO_LONG: { field: 'password', text: `Your password can have at most ${MAX_PASSWORD_LENGTH} characters.` },
  INVALID_EMAIL: { field: 'email', text: 'That does not look like an email address (like ada@example.com).' },
  TOO_MANY_ATTEMPTS: { text: 'Too many attempts. Wait a little, then try again.' },
  FIELD_TOO_LONG: { text: 'One of the fields is too long.' },
  SERVER_BUSY: { text: 'The server is busy signing people in. Try again in a moment.' },
};

/** The refusal for a rate-limited attempt, with the wait the server asked for. */
export function tooManyAttempts(retryAfterSeconds: unknown): string {
  const seconds = typeof retryAfterSeconds === 'number' && retryAfterSeconds > 0 ? Math.ceil(retryAfterSeconds) : 0;
  if (!seconds) return AUTH_ERRORS.TOO_MANY_ATTEMPTS!.text;
  const wait = seconds < 120 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many attempts. Try again in ${wait}.`;
}

export function explainAuthError(code: string | undefined): { field?: AuthField; text: string } {
  return (code && AUTH_ERRORS[code]) || { text: 'Something went wrong on our side. Please try again.' };
}

/** Field errors from a failed safeParse, keyed by the form's field names. */
export function fieldErrors(error: z.ZodError): AuthFormState['errors'] {
  const flat = z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
  const errors: AuthFormState['errors'] = {};
  for (const field of ['email', 'password', 'name'] as const) {
    if (flat[field]?.length) errors[field] = flat[field];
  }
  return errors;
}

/**
 * Where to go after signing in: `next` if it is a path on this site, else '/'. Rejects
 * absolute and protocol-relative URLs (`//evil.example`, `/\evil.example`) so the form cannot
 * be used to bounce learners to another site.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2048) return '/';
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(next)) return '/';
  try {
    const base = 'http://flatnet.invalid';
    const url = new URL(next, base);
    if (url.origin !== base) return '/';
    const path = `${url.pathname}${url.search}${url.hash}`;
    // Going back to the form that sent you here would look like nothing happened.
    return /^\/(signin|signup)(\/|$|\?)/.test(path) ? '/' : path;
  } catch {
    return '/';
  }
}
