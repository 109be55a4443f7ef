// `node scripts/db-migrate-new.mjs <name>`: writes the next migration after a change to
// prisma/schema.prisma, offline (our stand-in for `prisma migrate dev --create-only`).
//
// How: apply every existing migration to a throwaway SQLite file, then ask the WASM schema
// engine to diff that database against the datamodel. (Diffing from the migrations folder
// directly would need the engine's shadow database, which fails with this engine/adapter pair:
// it sends multi-statement scripts through better-sqlite3's single-statement `prepare`.)
// Replaying the real migrations means the new one starts exactly where production databases are.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  LOCKFILE_CONTENT,
  LOCKFILE_NAME,
  MIGRATIONS_DIR,
  NO_FILTERS,
  SCHEMA_PATH,
  explainEngineError,
  openSchemaEngine,
  readMigrationsList,
} from './db-engine.mjs';

/** `20250131235959`, in UTC like Prisma's own migration names. */
export function migrationTimestamp(date = new Date()) {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** Prisma's rule for directory names: lowercase words joined by underscores. */
export function normalizeMigrationName(name) {
  const normalized = String(name ?? '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!normalized) throw new Error('usage: db-migrate-new.mjs <name>   (e.g. add_command_events)');
  return normalized.slice(0, 200);
}

/**
 * Creates `<migrationsDir>/<timestamp>_<name>/migration.sql` when the datamodel differs from the
 * migrations, and returns its directory name; returns null when there is nothing to migrate.
 */
export async function createMigration({
  name,
  schemaPath = SCHEMA_PATH,
  migrationsDir = MIGRATIONS_DIR,
  now = new Date(),
}) {
  const directoryName = `${migrationTimestamp(now)}_${normalizeMigrationName(name)}`;
  const scratch = mkdtempSync(join(tmpdir(), 'flatnet-migrate-'));
  const { engine, schema, factory, close } = await openSchemaEngine(join(scratch, 'replay.db'), schemaPath);
  try {
    const migrationsList = readMigrationsList(migrationsDir);
    if (migrationsList.migrationDirectories.some((dir) => dir.path.slice(0, 14) >= directoryName.slice(0, 14))) {
      throw new Error(`a migration at or after ${directoryName.slice(0, 14)} exists already; wait a second and retry`);
    }
    await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    // `schemaDatasource` means "the database the engine is connected to": the replayed one.
    const diff = await engine.diff({
      from: { tag: 'schemaDatasource', files: [schema], configDir: scratch },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    const sql = diff.stdout ?? '';
    if (!/\S/.test(sql.replace(/^--.*$/gm, '')) || /^-- This is an empty migration/.test(sql)) return null;
    mkdirSync(join(migrationsDir, directoryName), { recursive: true });
    writeFileSync(join(migrationsDir, directoryName, 'migration.sql'), sql);
    const lockPath = join(migrationsDir, LOCKFILE_NAME);
    if (!existsSync(lockPath)) writeFileSync(lockPath, LOCKFILE_CONTENT);
    return directoryName;
  } catch (error) {
    throw new Error(explainEngineError(error, factory), { cause: error });
  } finally {
    await close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main() {
  const name = process.argv[2];
  try {
    const created = await createMigration({ name });
    console.log(
      created
        ? `[db] created prisma/migrations/${created}/migration.sql — review it, then run npm run db:setup`
        : '[db] schema.prisma matches the migrations: nothing to create',
    );
  } catch (error) {
    console.error(`[db] ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
