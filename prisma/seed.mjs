// Seed data for a fresh or existing database, applied by scripts/db-setup.mjs at every start, so
// everything here is idempotent. Today that is one optional instructor account, taken from
// FLATNET_INSTRUCTOR_EMAIL / FLATNET_INSTRUCTOR_PASSWORD; learners sign themselves up.
//
// Written against better-sqlite3 rather than Prisma Client so setup runs under bare `node`
// before the generated (TypeScript) client exists. Passwords are hashed with better-auth's own
// hashPassword (scrypt), so the account signs in through the normal form. Never print secrets.

import { randomBytes } from 'node:crypto';

const MIN_PASSWORD_LENGTH = 8;

/** How Prisma's better-sqlite3 adapter stores DateTime (iso8601 with an explicit offset). */
function timestamp(date = new Date()) {
  return date.toISOString().replace('Z', '+00:00');
}

/** better-auth's ids are 32 random alphanumerics; any unique string works for its adapter. */
function newId() {
  return randomBytes(24).toString('base64url').replace(/[-_]/g, '').slice(0, 32).padEnd(32, '0');
}

/**
 * Ensures the instructor from the environment exists, has the instructor role, and signs in
 * with the configured password. Returns a short, secret-free note for the setup line.
 * @param {import('better-sqlite3').Database} sqlite
 */
export async function seedDatabase(sqlite, env = process.env) {
  const email = env.FLATNET_INSTRUCTOR_EMAIL?.trim().toLowerCase();
  const password = env.FLATNET_INSTRUCTOR_PASSWORD;
  if (!email && !password) return null;
  if (!email || !password) return 'instructor skipped (set both FLATNET_INSTRUCTOR_EMAIL and FLATNET_INSTRUCTOR_PASSWORD)';
  if (password.length < MIN_PASSWORD_LENGTH) return `instructor skipped (password shorter than ${MIN_PASSWORD_LENGTH})`;

  const { hashPassword, verifyPassword } = await import('better-auth/crypto');
  const now = timestamp();
  let user = sqlite.prepare('SELECT id, role FROM "user" WHERE email = ?').get(email);
  let changed = false;
  if (!user) {
    user = { id: newId(), role: 'instructor' };
    sqlite
      .prepare(
        'INSERT INTO "user" (id, name, email, emailVerified, role, createdAt, updatedAt) VALUES (?, ?, ?, 1, ?, ?, ?)',
      )
      .run(user.id, 'Instructor', email, 'instructor', now, now);
    changed = true;
  } else if (user.role !== 'instructor') {
    sqlite.prepare('UPDATE "user" SET role = ?, updatedAt = ? WHERE id = ?').run('instructor', now, user.id);
    changed = true;
  }

  const account = sqlite
    .prepare('SELECT id, password FROM account WHERE userId = ? AND providerId = ?')
    .get(user.id, 'credential');
  if (!account) {
    sqlite
      .prepare(
        'INSERT INTO account (id, accountId, providerId, userId, password, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(newId(), user.id, 'credential', user.id, await hashPassword(password), now, now);
    changed = true;
  } else if (!account.password || !(await verifyPassword({ hash: account.password, password }))) {
    // The environment is the source of truth: a changed password takes effect at the next start.
    sqlite
      .prepare('UPDATE account SET password = ?, updatedAt = ? WHERE id = ?')
      .run(await hashPassword(password), now, account.id);
    changed = true;
  }
  return changed ? `instructor ${email} ready` : null;
}
