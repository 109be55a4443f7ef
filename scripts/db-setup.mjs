// `npm run db:setup`: makes the SQLite database ready at every start. Creates the data
// directory and the file (DATABASE_URL, default file:./data/flatnet.db), applies pending
// migrations with the WASM schema engine — recorded in _prisma_migrations exactly as
// `prisma migrate deploy` would — then runs the idempotent seed. Prints one line.
//
// It runs before every start, so the common case (nothing pending) reads _prisma_migrations
// with better-sqlite3 and never loads the 5 MB engine.

import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { databaseFile, databaseUrl } from '../prisma/database-location.mjs';
import { seedDatabase } from '../prisma/seed.mjs';
import { MIGRATIONS_DIR, NO_FILTERS, explainEngineError, migrationNames, openSchemaEngine, readMigrationsList } from './db-engine.mjs';

/** Names of migrations that finished and were not rolled back; empty when the table is absent. */
function appliedMigrationNames(sqlite) {
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
    .get();
  if (!table) return new Set();
  const rows = sqlite
    .prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')
    .all();
  return new Set(rows.map((row) => row.migration_name));
}

async function applyPendingMigrations(dbFile, migrationsDir) {
  const { engine, factory, close } = await openSchemaEngine(dbFile);
  try {
    const result = await engine.applyMigrations({ migrationsList: readMigrationsList(migrationsDir), filters: NO_FILTERS });
    return result.appliedMigrationNames;
  } catch (error) {
    throw new Error(explainEngineError(error, factory), { cause: error });
  } finally {
    await close();
  }
}

/**
 * Creates, migrates and seeds the database. Returns what it did, for the one-line summary and
 * for tests: `{dbFile, applied, total, seed}`.
 */
export async function setupDatabase({
  url = databaseUrl(),
  cwd = process.cwd(),
  migrationsDir = MIGRATIONS_DIR,
  env = process.env,
} = {}) {
  const dbFile = databaseFile(url, cwd);
  // 0700: the directory also holds the auth secret and learners' data.
  mkdirSync(dirname(dbFile), { recursive: true, mode: 0o700 });
  const names = migrationNames(migrationsDir);
  const isNew = !existsSync(dbFile);
  let done;
  const probe = new Database(dbFile, { timeout: 5000 });
  // Learners' data: readable by the server's user only (SQLite gives -wal/-shm the same mode).
  if (isNew) chmodSync(dbFile, 0o600);
  try {
    // WAL lets the gateway write snapshots while pages read; the mode is stored in the file.
    if (probe.pragma('journal_mode', { simple: true }) !== 'wal') probe.pragma('journal_mode = WAL');
    done = appliedMigrationNames(probe);
  } finally {
    // Closed before the engine connects: it takes locks that an open handle here would block.
    probe.close();
  }
  const applied = names.every((name) => done.has(name)) ? [] : await applyPendingMigrations(dbFile, migrationsDir);
  const sqlite = new Database(dbFile, { timeout: 5000 });
  try {
    const seed = await seedDatabase(sqlite, env);
    return { dbFile, applied, total: names.length, seed };
  } finally {
    sqlite.close();
  }
}

async function main() {
  const started = Date.now();
  try {
    const { dbFile, applied, total, seed } = await setupDatabase();
    const shortPath = relative(process.cwd(), dbFile);
    const where = shortPath && !shortPath.startsWith('..') ? shortPath : dbFile;
    const what = applied.length
      ? `applied ${applied.length} migration${applied.length === 1 ? '' : 's'} (${applied.join(', ')})`
      : `up to date (${total} migration${total === 1 ? '' : 's'})`;
    console.log(`[db] ${where}: ${what}${seed ? `; ${seed}` : ''} in ${Date.now() - started} ms`);
  } catch (error) {
    console.error(`[db] setup failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
