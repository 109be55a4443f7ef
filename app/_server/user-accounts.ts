// Accounts written from outside better-auth's own endpoints: the admin page (admin-users.ts) and
// the `npm run user:create` command (scripts/user-create.ts). The rows are exactly the ones
// better-auth's sign-up writes — a user, and a `credential` account holding its scrypt hash
// (better-auth/crypto, through the server's KDF gate) — so these people sign in through the
// normal form. Nothing here checks who is asking: callers do (admin-users.ts asks for an admin,
// the command line is the machine's operator).

import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, type Role } from './auth';
import { FIELD_LIMITS, gatedPassword } from './auth-guard';
import { getDb } from './db';

export const ROLE_VALUES = ['learner', 'instructor', 'admin'] as const satisfies readonly Role[];

/** better-auth's provider id for email + password accounts. */
const CREDENTIAL_PROVIDER = 'credential';

export const EmailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(FIELD_LIMITS.email, `An email has at most ${FIELD_LIMITS.email} characters.`)
  .pipe(z.email('Enter an email address like name@example.com.'));
export const NameField = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(FIELD_LIMITS.name, `A name has at most ${FIELD_LIMITS.name} characters.`);
export const PasswordField = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `A password has at most ${MAX_PASSWORD_LENGTH} characters.`);
export const RoleField = z.enum(ROLE_VALUES, 'The role is learner, instructor or admin.');

/** better-auth's ids are 32 random alphanumerics; its adapter accepts any unique string. */
function newId(): string {
  return randomBytes(24).toString('base64url').replace(/[-_]/g, '').slice(0, 32).padEnd(32, '0');
}

export interface AccountSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export async function findUserByEmail(email: string): Promise<AccountSummary | null> {
  return getDb().user.findUnique({ where: { email }, select: { id: true, email: true, name: true, role: true } });
}

/** Creates a user with a password, as sign-up would; the email must be free (P2002 otherwise). */
export async function createAccount(input: { email: string; name: string; role: Role; password: string }): Promise<AccountSummary> {
  const hash = await gatedPassword().hash(input.password);
  const id = newId();
  const db = getDb();
  const [user] = await db.$transaction([
    db.user.create({
      data: { id, email: input.email, name: input.name, role: input.role, emailVerified: true },
      select: { id: true, email: true, name: true, role: true },
    }),
    db.account.create({ data: { id: newId(), accountId: id, providerId: CREDENTIAL_PROVIDER, userId: id, password: hash } }),
  ]);
  return user;
}

/**
 * Gives the user a new password and signs them out everywhere: whoever held the old one (or a
 * session opened with it) is out. A user without a password account (none today) gets one.
 */
export async function setPassword(userId: string, password: string): Promise<void> {
  const hash = await gatedPassword().hash(password);
  const db = getDb();
  const account = await db.account.findFirst({ where: { userId, providerId: CREDENTIAL_PROVIDER }, select: { id: true } });
  await db.$transaction([
    account
      ? db.account.update({ where: { id: account.id }, data: { password: hash } })
      : db.account.create({ data: { id: newId(), accountId: userId, providerId: CREDENTIAL_PROVIDER, userId, password: hash } }),
    db.session.deleteMany({ where: { userId } }),
  ]);
}

export async function setRole(userId: string, role: Role): Promise<void> {
  await getDb().user.update({ where: { id: userId }, data: { role } });
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
