// The offline migration tooling: db-setup.mjs on a fresh database (tables, _prisma_migrations,
// WAL, one quiet line, a no-op second run, an idempotent secret-free seed) and
// db-migrate-new.mjs (a first migration from nothing, nothing when in sync, an ALTER after a
// schema change that setup then applies to the existing database).

import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createMigration, normalizeMigrationName } from './db-migrate-new.mjs';
import { setupDatabase } from './db-setup.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'flatnet-db-setup-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runSetup(env: Record<string, string>): string {
  return execFileSync(process.execPath, ['--experimental-wasm-modules', '--no-warnings', 'scripts/db-setup.mjs'], {
    env: { ...process.env, FLATNET_INSTRUCTOR_EMAIL: '', FLATNET_INSTRUCTOR_PASSWORD: '', ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The repository's migrations, oldest first: setup must apply every one of them. */
const repoMigrations = readdirSync('prisma/migrations').filter((name) => /^\d{14}_/.test(name)).sort();
const plural = (n: number) => `${n} migration${n === 1 ? '' : 's'}`;

/** A database's schema as SQLite stores it (tables and indexes), for comparing two databases. */
function schemaOf(file: string): Array<{ name: string; sql: string }> {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL AND name NOT LIKE '\\_prisma%' ESCAPE '\\' ORDER BY name")
      .all() as Array<{ name: string; sql: string }>;
  } finally {
    db.close();
  }
}

function tables(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => (row as { name: string }).name);
  } finally {
    db.close();
  }
}

describe('db-setup.mjs', () => {
  const file = join(scratch, 'nested', 'dir', 'flatnet.db');
  const env = { DATABASE_URL: `file:${file}` };

  it('creates the directory and database and applies every migration', () => {
    const out = runSetup(env);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toMatch(/^\[db\] .*flatnet\.db: applied /);
    expect(out).toContain(`applied ${plural(repoMigrations.length)} (${repoMigrations.join(', ')})`);
    expect(repoMigrations[0]).toMatch(/^\d{14}_init$/);
    expect(tables(file)).toEqual(
      expect.arrayContaining(['_prisma_migrations', 'user', 'session', 'account', 'verification', 'attempt', 'check_result', 'command_event']),
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const rows = db.prepare('SELECT migration_name, finished_at, applied_steps_count FROM _prisma_migrations').all();
    db.close();
    expect(rows).toHaveLength(repoMigrations.length);
    for (const row of rows) expect(row).toMatchObject({ applied_steps_count: 1 });
  });

  it('is a quiet no-op the second time', () => {
    const out = runSetup(env);
    expect(out).toContain(`up to date (${plural(repoMigrations.length)})`);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM _prisma_migrations').get()).toEqual({ n: repoMigrations.length });
    db.close();
  });

  it('seeds the instructor idempotently and never prints the password', () => {
    const seedEnv = { ...env, FLATNET_INSTRUCTOR_EMAIL: 'Boss@Example.com', FLATNET_INSTRUCTOR_PASSWORD: 'hunter2hunter2' };
    const first = runSetup(seedEnv);
    expect(first).toMatch(/instructor boss@example\.com ready/);
    const second = runSetup(seedEnv);
    expect(second).not.toMatch(/instructor/);
    for (const out of [first, second]) expect(out).not.toContain('hunter2');
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT role FROM "user" WHERE email = ?').all('boss@example.com')).toEqual([{ role: 'instructor' }]);
    const account = db.prepare("SELECT password FROM account WHERE providerId = 'credential'").get() as { password: string };
    db.close();
    expect(account.password).not.toContain('hunter2');
    expect(runSetup({ ...seedEnv, FLATNET_INSTRUCTOR_PASSWORD: 'short' })).toMatch(/instructor skipped/);
  });

  it('refuses a non-file DATABASE_URL with a clear message', () => {
    expect(() => runSetup({ DATABASE_URL: 'postgres://localhost/x' })).toThrow(/SQLite file URL/);
  });
});

describe('db-migrate-new.mjs', () => {
  const schemaPath = join(scratch, 'schema.prisma');
  const migrationsDir = join(scratch, 'migrations');
  copyFileSync('prisma/schema.prisma', schemaPath);

  it('normalises names the way Prisma does', () => {
    expect(normalizeMigrationName('Add Command-Events!')).toBe('add_command_events');
    expect(() => normalizeMigrationName('  ')).toThrow(/usage/);
  });

  it('creates the first migration from nothing, then nothing while in sync', async () => {
    const first = await createMigration({ name: 'init', schemaPath, migrationsDir, now: new Date('2025-01-01T00:00:00Z') });
    expect(first).toBe('20250101000000_init');
    expect(readFileSync(join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain('provider = "sqlite"');
    // The same schema as the repository's own migrations, applied in order: both come from the same datamodel.
    const fromNothing = join(scratch, 'from-nothing.db');
    const fromRepository = join(scratch, 'from-repository.db');
    await setupDatabase({ url: `file:${fromNothing}`, migrationsDir, env: {} });
    await setupDatabase({ url: `file:${fromRepository}`, migrationsDir: 'prisma/migrations', env: {} });
    expect(schemaOf(fromRepository).map((entry) => entry.name)).toEqual(expect.arrayContaining(['user', 'attempt', 'attempt_userId_labId_idx']));
    expect(schemaOf(fromNothing)).toEqual(schemaOf(fromRepository));
    expect(await createMigration({ name: 'noop', schemaPath, migrationsDir, now: new Date('2025-01-02T00:00:00Z') })).toBeNull();
  });

  it('diffs a schema change against the replayed migrations, and setup applies it', async () => {
    const url = `file:${join(scratch, 'evolving.db')}`;
    expect((await setupDatabase({ url, migrationsDir, env: {} })).applied).toEqual(['20250101000000_init']);
    const schema = readFileSync(schemaPath, 'utf8').replace('  image         String?\n', '  image         String?\n  timezone      String?\n');
    writeFileSync(schemaPath, schema);
    const second = await createMigration({ name: 'add timezone', schemaPath, migrationsDir, now: new Date('2025-02-01T00:00:00Z') });
    expect(second).toBe('20250201000000_add_timezone');
    expect(readFileSync(join(migrationsDir, second!, 'migration.sql'), 'utf8')).toMatch(/ALTER TABLE "user" ADD COLUMN "timezone" TEXT/);
    const result = await setupDatabase({ url, migrationsDir, env: {} });
    expect(result.applied).toEqual(['20250201000000_add_timezone']);
    expect((await setupDatabase({ url, migrationsDir, env: {} })).applied).toEqual([]);
  });
});

describe('the attempt_snapshot migration', () => {
  it("moves each attempt's saved simulation into its own row and leaves the attempt's other columns as they were", async () => {
    const target = '20261207232359_attempt_snapshot_table';
    const before = join(scratch, 'migrations-before-snapshot-table');
    cpSync('prisma/migrations', before, { recursive: true });
    rmSync(join(before, target), { recursive: true });
    const url = `file:${join(scratch, 'snapshots.db')}`;
    const file = join(scratch, 'snapshots.db');
    await setupDatabase({ url, migrationsDir: before, env: {} });
    const db = new Database(file);
    db.prepare("INSERT INTO user (id, email, name, emailVerified, role, createdAt, updatedAt) VALUES ('u1', 'ada@example.com', 'Ada', 0, 'learner', 0, 0)").run();
    db.prepare("INSERT INTO attempt (id, userId, labId, seed, snapshot, snapshotAt, updatedAt, recordedBytes) VALUES ('with', 'u1', 'pod-network-basics', 1, '{\"cluster\":1}', 5, 6, 42), ('without', 'u1', 'pod-host-veth', 2, NULL, NULL, 7, 0)").run();
    db.close();

    expect((await setupDatabase({ url, migrationsDir: 'prisma/migrations', env: {} })).applied).toEqual([target]);
    const after = new Database(file, { readonly: true });
    expect(after.prepare('SELECT attemptId, json FROM attempt_snapshot').all()).toEqual([{ attemptId: 'with', json: '{"cluster":1}' }]);
    expect(after.prepare('SELECT id, seed, snapshotAt, updatedAt, recordedBytes FROM attempt ORDER BY id').all()).toEqual([
      { id: 'with', seed: 1, snapshotAt: 5, updatedAt: 6, recordedBytes: 42 },
      { id: 'without', seed: 2, snapshotAt: null, updatedAt: 7, recordedBytes: 0 },
    ]);
    expect(tables(file)).not.toContain('_attempt_snapshot_copy');
    expect(after.pragma('foreign_key_check')).toEqual([]);
    after.close();
  });
});
