// The form rules: where ?next= may lead, what the schemas accept, and the wording of refusals.

import { describe, expect, it } from 'vitest';
import { PASSWORD_RULE, SignInSchema, SignUpSchema, explainAuthError, fieldErrors, safeNextPath, tooManyAttempts } from './auth-forms';

describe('safeNextPath', () => {
  it('keeps same-site paths with their query and hash', () => {
    expect(safeNextPath('/learn/services/clusterip?tab=lab#step-2')).toBe('/learn/services/clusterip?tab=lab#step-2');
  });

  it.each([
    undefined,
    '',
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    'javascript:alert(1)',
    'learn/relative',
    '/ok\nSet-Cookie: x',
    ['/a'],
  ])('falls back to / for %j', (next) => {
    expect(safeNextPath(next)).toBe('/');
  });

  it('does not send a learner back to the form they came from', () => {
    expect(safeNextPath('/signin?next=/x')).toBe('/');
    expect(safeNextPath('/signup')).toBe('/');
    expect(safeNextPath('/signing-tips')).toBe('/signing-tips');
  });
});

describe('schemas', () => {
  it('normalises the email and accepts a valid sign-up', () => {
    const parsed = SignUpSchema.safeParse({ name: ' Ada ', email: ' Ada@Example.COM ', password: 'eight888' });
    expect(parsed.success && parsed.data).toEqual({ name: 'Ada', email: 'ada@example.com', password: 'eight888' });
  });

  it('explains each problem next to its field', () => {
    const parsed = SignUpSchema.safeParse({ name: '', email: 'not-an-email', password: 'short' });
    expect(parsed.success).toBe(false);
    const errors = fieldErrors(parsed.error!);
    expect(errors.name).toEqual(['Tell us what to call you.']);
    expect(errors.email?.[0]).toMatch(/does not look like an email/);
    expect(errors.password).toEqual(['Your password needs at least 8 characters.']);
  });

  it('asks for a password on sign-in without judging its length', () => {
    expect(SignInSchema.safeParse({ email: 'a@b.co', password: 'x' }).success).toBe(true);
    const missing = SignInSchema.safeParse({ email: 'a@b.co', password: '' });
    expect(fieldErrors(missing.error!).password).toEqual(['Enter your password.']);
  });
});

describe('explainAuthError', () => {
  it('speaks the learner’s language', () => {
    expect(explainAuthError('INVALID_EMAIL_OR_PASSWORD')).toEqual({ text: 'Wrong email or password.' });
    expect(explainAuthError('USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL').field).toBe('email');
    expect(explainAuthError('PASSWORD_TOO_SHORT').field).toBe('password');
    expect(explainAuthError('SOMETHING_NEW').text).toMatch(/try again/);
    // The KDF queue full (auth-guard.ts, 503): a wait, not a wrong password.
    expect(explainAuthError('SERVER_BUSY')).toEqual({ text: 'The server is busy signing people in. Try again in a moment.' });
  });
});

// The fixed-window FixedWindowLimiter that lived here locked owners out of the form for 15 min
// while the API let them in; its replacement is tested in app/_server/auth-rate-limit.test.ts.
describe('tooManyAttempts', () => {
  it('says how long to wait', () => {
    expect(tooManyAttempts(1)).toBe('Too many attempts. Try again in 1 second.');
    expect(tooManyAttempts(64)).toBe('Too many attempts. Try again in 64 seconds.');
    expect(tooManyAttempts(900)).toBe('Too many attempts. Try again in 15 minutes.');
    expect(tooManyAttempts(undefined)).toMatch(/Wait a little/);
  });
});

describe('PASSWORD_RULE', () => {
  it('states before submit the length the schema enforces after', () => {
    expect(PASSWORD_RULE).toMatch(/^At least 8 characters \(at most 128\)/);
    expect(SignUpSchema.safeParse({ name: 'A', email: 'a@b.co', password: '1234567' }).success).toBe(false);
    expect(SignUpSchema.safeParse({ name: 'A', email: 'a@b.co', password: '12345678' }).success).toBe(true);
  });
});
