// `npm run db:restore -- FILE`: puts a backup (from `npm run db:backup`) in place of the database.
// In order:
// 1. The backup must pass `PRAGMA integrity_check` and be a Flatnet database: a _prisma_migrations
//    table whose applied migrations this code knows (one made by a newer Flatnet is refused; an
//    older one is fine, `npm start` applies the missing migrations).
// 2. Nothing may have the database open. Replacing the file under an open connection would leave
//    that process (the server) writing to the old, unlinked file, and those writes would vanish.
//    The signal is SQLite's own: leaving WAL mode (`journal_mode=DELETE`) needs every other
//    connection closed and fails with SQLITE_BUSY otherwise. It sees the server and any other
//    process (a CLI, a second server) alike, with no pid file to go stale after a `kill -9`.
//    A server that is running but has not yet opened the database is harmless: it opens the
//    restored file when it first needs it. The lock is taken at a connection's first read, not at
//    open, so the app's connection reads at once (sqlite-adapter.ts CONNECTION_PRAGMAS); a process
//    that opened the file and never read it would not be seen.
// 3. Holding an exclusive lock on the current database so nothing opens it meanwhile, it keeps a
//    copy beside it (<db>.before-restore-<UTC timestamp>), copies the backup to <db>.restoring,
//    switches that to WAL and renames it over the database (a rename is atomic: there is never a
//    half-restored file under the database's name).

import { chmodSync, copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { databaseFile, databaseUrl } from '../prisma/database-location.mjs';
import { integrityProblems, utcStamp } from './db-backup.mjs';
import { MIGRATIONS_DIR, migrationNames } from './db-engine.mjs';

/** Thrown when the database is open elsewhere; the CLI tells the operator to stop the server. */
export class DatabaseInUseError extends Error {}

/** Checks that `file` is a sound Flatnet database this code can run; returns its applied migrations. */
export function checkBackup(file, migrationsDir = MIGRATIONS_DIR) {
  if (!existsSync(file)) throw new Error(`there is no file at ${file}`);
  let sqlite;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new Error(`${file} cannot be opened as a SQLite database (${error.message})`, { cause: error });
  }
  try {
    let problems;
    try {
      problems = integrityProblems(sqlite);
    } catch (error) {
      throw new Error(`${file} is not a SQLite database (${error.message})`, { cause: error });
    }
    if (problems.length) throw new Error(`${file} failed its integrity check: ${problems.slice(0, 5).join('; ')}`);
    const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) throw new Error(`${file} is not a Flatnet database (it has no _prisma_migrations table)`);
    const applied = sqlite
      .prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name')
      .all()
      .map((row) => row.migration_name);
    if (applied.length === 0) throw new Error(`${file} is not a Flatnet database (no migration was applied to it)`);
    const known = new Set(migrationNames(migrationsDir));
    const unknown = applied.filter((name) => !known.has(name));
    if (unknown.length) {
      throw new Error(`${file} was made by a newer Flatnet (migrations this code lacks: ${unknown.join(', ')})`);
    }
    return applied;
  } finally {
    sqlite.close();
  }
}

function isBusy(error) {
  return typeof error?.code === 'string' && error.code.startsWith('SQLITE_BUSY');
}

/**
 * Opens the current database alone, or throws DatabaseInUseError. Returns the connection, in
 * rollback-journal mode with an exclusive lock held, so nobody opens it until it is closed.
 */
function takeOverCurrent(dbFile) {
  // timeout 0: another connection is an answer, not something to wait for.
  const current = new Database(dbFile, { fileMustExist: true, timeout: 0 });
  try {
    const mode = current.pragma('journal_mode = DELETE', { simple: true });
    // SQLite answers with the mode it is in; 'wal' means it could not leave it.
    if (mode !== 'delete') throw new DatabaseInUseError(`the database is open elsewhere (journal mode stayed ${mode})`);
    current.exec('BEGIN EXCLUSIVE');
    return current;
  } catch (error) {
    current.close();
    if (error instanceof DatabaseInUseError) throw error;
    if (isBusy(error)) throw new DatabaseInUseError(`${dbFile} is in use by another process`, { cause: error });
    throw error;
  }
}

/**
 * Restores `from` as the database. Returns `{ dbFile, keptAs, migrations }`; keptAs is the copy
 * of the replaced database (null when there was none).
 */
export function restoreDatabase({ from, url = databaseUrl(), cwd = process.cwd(), now = new Date(), migrationsDir = MIGRATIONS_DIR }) {
  if (!from) throw new Error('name the backup to restore (usage: npm run db:restore -- FILE)');
  const source = resolve(cwd, from);
  const dbFile = databaseFile(url, cwd);
  if (source === dbFile) throw new Error('that is the database itself, not a backup of it');
  const migrations = checkBackup(source, migrationsDir);
  const staged = `${dbFile}.restoring`;
  rmSync(staged, { force: true });
  copyFileSync(source, staged);
  chmodSync(staged, 0o600);
  // Switched to WAL (the server's mode) before it takes the database's name; closing the only
  // connection removes the staged -wal and -shm again.
  const restored = new Database(staged, { fileMustExist: true });
  restored.pragma('journal_mode = WAL');
  restored.close();

  if (!existsSync(dbFile)) {
    renameSync(staged, dbFile);
    return { dbFile, keptAs: null, migrations };
  }
  let current;
  try {
    current = takeOverCurrent(dbFile);
  } catch (error) {
    rmSync(staged, { force: true });
    throw error;
  }
  try {
    // In rollback-journal mode with the exclusive lock, the file alone is the whole database.
    const keptAs = `${dbFile}.before-restore-${utcStamp(now)}`;
    copyFileSync(dbFile, keptAs);
    chmodSync(keptAs, 0o600);
    // Left over from a crash, a -wal would be replayed into the restored file: none may remain.
    rmSync(`${dbFile}-wal`, { force: true });
    rmSync(`${dbFile}-shm`, { force: true });
    renameSync(staged, dbFile);
    return { dbFile, keptAs, migrations };
  } finally {
    current.exec('ROLLBACK');
    current.close();
    rmSync(staged, { force: true });
  }
}

async function main() {
  const args = process.argv.slice(2);
  try {
    if (args.length !== 1 || args[0].startsWith('-')) throw new Error('usage: npm run db:restore -- FILE');
    const { dbFile, keptAs, migrations } = restoreDatabase({ from: args[0] });
    console.log(`[db] restored ${dbFile} from ${resolve(args[0])} (${migrations.length} migrations applied in it)`);
    if (keptAs) console.log(`[db] the replaced database is kept as ${keptAs}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[db] restore refused: ${message}`);
    if (error instanceof DatabaseInUseError) console.error('[db] stop the Flatnet server (and any other process using the database), then run the restore again');
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
