// What an admin does to accounts from /admin: list them, create an instructor, reset a password,
// change a role, remove a learner with all their data. Every function takes the acting user and
// checks the admin role itself — the server actions that call these are public endpoints, so the
// check belongs here, on every call, not in the page that shows the buttons. A caller who is not
// an admin gets the same answer as for a missing user.
//
// Two rules protect the installation: an admin can neither remove nor demote themselves (so the
// last admin cannot lock everyone out by a slip), and only learners are removed — an instructor or
// admin is changed to learner first, which keeps a stray click from deleting someone's cohorts.

import { z } from 'zod';
import type { Role, SessionUser } from './auth';
import { hasRole } from './authz';
import { getDb } from './db';
import { stopLiveSession } from './live-sessions';
import {
  createAccount,
  EmailField,
  isUniqueViolation,
  NameField,
  PasswordField,
  RoleField,
  setPassword,
  setRole,
  type AccountSummary,
} from './user-accounts';

/** The list shows at most this many users; the email filter narrows it. */
export const MAX_LISTED_USERS = 200;
const MAX_FILTER_CHARS = 254;
const USER_ID = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'No such user.');

export type AdminField = 'name' | 'email' | 'password' | 'role' | 'userId';

export type AdminResult =
  | { ok: true; message: string }
  | { ok: false; reason: 'not-found' | 'invalid' | 'conflict' | 'refused'; message: string; errors: Partial<Record<AdminField, string[]>> };

const NOT_FOUND: AdminResult = { ok: false, reason: 'not-found', message: 'No such user.', errors: {} };

function invalid(error: z.ZodError): AdminResult {
  const errors: Partial<Record<AdminField, string[]>> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '') as AdminField;
    (errors[field] ??= []).push(issue.message);
  }
  return { ok: false, reason: 'invalid', message: 'Check the fields marked below.', errors };
}

function refused(message: string): AdminResult {
  return { ok: false, reason: 'refused', message, errors: {} };
}

export interface UserRow extends AccountSummary {
  createdAt: Date;
  /** The latest of: a session used, a lab attempt touched, a lesson opened, a quiz answered. */
  lastActiveAt: Date | null;
}

function latest(...dates: Array<Date | null | undefined>): Date | null {
  let best: Date | null = null;
  for (const date of dates) if (date && (!best || date > best)) best = date;
  return best;
}

/** Users, newest first, whose email contains `emailFilter`; null for anyone but an admin. */
export async function listUsers(actor: SessionUser | null, emailFilter = ''): Promise<UserRow[] | null> {
  if (!hasRole(actor, 'admin')) return null;
  const filter = emailFilter.trim().toLowerCase().slice(0, MAX_FILTER_CHARS);
  const db = getDb();
  const users = await db.user.findMany({
    where: filter ? { email: { contains: filter } } : {},
    orderBy: { createdAt: 'desc' },
    take: MAX_LISTED_USERS,
    select: { id: true, email: true, name: true, role: true, createdAt: true },
  });
  const ids = users.map((user) => user.id);
  const byUser = { userId: { in: ids } };
  const [sessions, attempts, visits, answers] = await Promise.all([
    db.session.groupBy({ by: ['userId'], where: byUser, _max: { updatedAt: true } }),
    db.attempt.groupBy({ by: ['userId'], where: byUser, _max: { updatedAt: true } }),
    db.lessonVisit.groupBy({ by: ['userId'], where: byUser, _max: { lastVisitedAt: true } }),
    db.quizAnswer.groupBy({ by: ['userId'], where: byUser, _max: { answeredAt: true } }),
  ]);
  const find = <T extends { userId: string }>(rows: T[], id: string) => rows.find((row) => row.userId === id);
  return users.map((user) => ({
    ...user,
    lastActiveAt: latest(
      find(sessions, user.id)?._max.updatedAt,
      find(attempts, user.id)?._max.updatedAt,
      find(visits, user.id)?._max.lastVisitedAt,
      find(answers, user.id)?._max.answeredAt,
    ),
  }));
}

const CreateInstructorInput = z.object({ name: NameField, email: EmailField, password: PasswordField });

/** A new instructor who signs in with `password` (the admin hands it over and the instructor changes it). */
export async function createInstructor(actor: SessionUser | null, input: unknown): Promise<AdminResult> {
  if (!hasRole(actor, 'admin')) return NOT_FOUND;
  const parsed = CreateInstructorInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const user = await createAccount({ ...parsed.data, role: 'instructor' });
    return { ok: true, message: `Instructor ${user.email} created. They can sign in now.` };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { ok: false, reason: 'conflict', message: 'That email already has an account.', errors: { email: ['That email already has an account; change its role instead.'] } };
  }
}

async function userById(userId: string): Promise<AccountSummary | null> {
  return getDb().user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, role: true } });
}

const ResetPasswordInput = z.object({ userId: USER_ID, password: PasswordField });

/** Sets a new password and revokes every session of that user. */
export async function resetPassword(actor: SessionUser | null, input: unknown): Promise<AdminResult> {
  if (!hasRole(actor, 'admin')) return NOT_FOUND;
  const parsed = ResetPasswordInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const user = await userById(parsed.data.userId);
  if (!user) return NOT_FOUND;
  await setPassword(user.id, parsed.data.password);
  return { ok: true, message: `New password set for ${user.email}; they were signed out everywhere.` };
}

const ChangeRoleInput = z.object({ userId: USER_ID, role: RoleField });

export async function changeRole(actor: SessionUser | null, input: unknown): Promise<AdminResult> {
  if (!hasRole(actor, 'admin')) return NOT_FOUND;
  const parsed = ChangeRoleInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { userId, role } = parsed.data;
  if (userId === actor.id && role !== 'admin') return refused('You cannot take the admin role from yourself; another admin can.');
  const user = await userById(userId);
  if (!user) return NOT_FOUND;
  if (user.role === role) return { ok: true, message: `${user.email} is already ${withArticle(role)}.` };
  await setRole(user.id, role);
  return { ok: true, message: `${user.email} is now ${withArticle(role)}.` };
}

function withArticle(role: Role): string {
  return role === 'admin' || role === 'instructor' ? `an ${role}` : `a ${role}`;
}

const RemoveLearnerInput = z.object({ userId: USER_ID });

/**
 * Deletes a learner and everything of theirs: sessions, password, attempts with their checks,
 * commands, hints, recordings and check events, lesson visits, quiz answers and cohort
 * memberships (all cascade from the user row in the schema). Their live terminals stop first,
 * so no gateway session keeps writing for a user who no longer exists.
 */
export async function removeLearner(actor: SessionUser | null, input: unknown): Promise<AdminResult> {
  if (!hasRole(actor, 'admin')) return NOT_FOUND;
  const parsed = RemoveLearnerInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  if (parsed.data.userId === actor.id) return refused('You cannot remove your own account here.');
  const user = await userById(parsed.data.userId);
  if (!user) return NOT_FOUND;
  if (user.role !== 'learner') return refused(`${user.email} is ${withArticle(user.role)}: change their role to learner first.`);
  const db = getDb();
  // Sessions end first, so no new terminal or request can start for the user while the rest goes.
  await db.session.deleteMany({ where: { userId: user.id } });
  const open = await db.attempt.findMany({ where: { userId: user.id, openLabId: { not: null } }, select: { id: true } });
  for (const attempt of open) await stopLiveSession(attempt.id);
  await db.user.delete({ where: { id: user.id } });
  return { ok: true, message: `${user.email} and all their data were removed.` };
}
