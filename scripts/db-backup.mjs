// `npm run db:backup [-- --to FILE]`: a consistent copy of the SQLite database, safe while the
// server runs and writes. It goes through SQLite's online backup API (better-sqlite3's
// `db.backup()`), copying every page in one step under one read transaction: in WAL mode a reader
// never blocks the server's writers, and the copy is the database as of one commit (a backup
// copied in small steps would restart each time a writer commits, and might never finish under
// a busy server). The copy is then made a self-contained single file (journal_mode=DELETE),
// checked with `PRAGMA integrity_check`, and only then given its name: a backup file that exists
// is a complete one.
//
// Default destination: backups/<name>-<UTC timestamp>.db in the database's own directory (with
// the default DATABASE_URL, data/backups/flatnet-20261207T051500Z.db). Prints the file and size.

import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { databaseFile, databaseUrl } from '../prisma/database-location.mjs';

/** How long the backup's read waits for a lock (only a checkpoint in TRUNCATE/RESTART mode takes one). */
export const BACKUP_BUSY_TIMEOUT_MS = 5000;
/** Pages per backup step; the largest value better-sqlite3 accepts, i.e. all of them in one step. */
const ALL_PAGES = 0x7fffffff;

/** 2026-12-07T05:15:00.123Z → 20261207T051500Z (sorts by time, safe in a file name). */
export function utcStamp(date) {
  return date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

/** The result of `PRAGMA integrity_check`: empty when the file is sound, else SQLite's findings. */
export function integrityProblems(sqlite) {
  const rows = sqlite.pragma('integrity_check', { simple: false });
  const lines = rows.map((row) => String(Object.values(row)[0]));
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}

/** Where a backup taken now goes by default: backups/ beside the database. */
export function defaultBackupFile(dbFile, now = new Date()) {
  const name = basename(dbFile, extname(dbFile));
  return join(dirname(dbFile), 'backups', `${name}-${utcStamp(now)}.db`);
}

/**
 * Copies the database to `to` (default defaultBackupFile) and checks the copy. Never overwrites
 * a file. Returns `{ dbFile, file, bytes, ms }`.
 */
export async function backupDatabase({ url = databaseUrl(), cwd = process.cwd(), to, now = new Date() } = {}) {
  const started = Date.now();
  const dbFile = databaseFile(url, cwd);
  if (!existsSync(dbFile)) throw new Error(`there is no database at ${dbFile} (run npm run db:setup first)`);
  const file = to ? resolve(cwd, to) : defaultBackupFile(dbFile, now);
  if (existsSync(file)) throw new Error(`${file} already exists; a backup never overwrites a file`);
  // 0700/0600: a backup holds learners' data and password hashes, like the database itself.
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const source = new Database(dbFile, { fileMustExist: true, timeout: BACKUP_BUSY_TIMEOUT_MS });
  try {
    await source.backup(partial, { progress: () => ALL_PAGES });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
  try {
    chmodSync(partial, 0o600);
    const copy = new Database(partial, { fileMustExist: true });
    try {
      // The copy carries the source's WAL flag; a backup is better as one file with no -wal.
      copy.pragma('journal_mode = DELETE');
      const problems = integrityProblems(copy);
      if (problems.length) throw new Error(`the copy failed its integrity check: ${problems.slice(0, 5).join('; ')}`);
    } finally {
      copy.close();
    }
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { dbFile, file, bytes: statSync(file).size, ms: Date.now() - started };
}

/** 1536 → "1.5 KiB". */
export function formatBytes(bytes) {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

function parseArgs(argv) {
  const args = { to: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--to' && argv[i + 1]) args.to = argv[++i];
    else throw new Error(`unknown argument ${argv[i]} (usage: npm run db:backup [-- --to FILE])`);
  }
  return args;
}

async function main() {
  try {
    const { file, bytes, ms } = await backupDatabase(parseArgs(process.argv.slice(2)));
    console.log(`[db] backup: ${file} (${formatBytes(bytes)}, integrity ok) in ${ms} ms`);
  } catch (error) {
    console.error(`[db] backup failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
