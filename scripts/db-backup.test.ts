// `npm run db:backup` and `npm run db:restore` on real databases made by db-setup.mjs: where a
// backup goes and what it is, a restore that brings the data back for the app to read, and the
// restores that must be refused (database open elsewhere, a damaged file, a file that is not
// Flatnet's or comes from a newer Flatnet). The backup taken during concurrent writes is tested
// in app/_server/write-soak.test.ts.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, defaultBackupFile, integrityProblems } from './db-backup.mjs';
import { DatabaseInUseError, restoreDatabase } from './db-restore.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'flatnet-db-backup-'));
const dataDir = join(scratch, 'data');
const dbFile = join(dataDir, 'flatnet.db');
const url = `file:${dbFile}`;
process.env.DATABASE_URL = url;

const attempts = await import('../app/_server/attempts');
const { getDb, disconnectDb } = await import('../app/_server/db');

const NOW = new Date(Date.UTC(2026, 11, 7, 5, 15, 0, 123));

function runScript(script: string, args: string[]): { code: number; out: string } {
  try {
    const out = execFileSync(process.execPath, [script, ...args], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: 'pipe' });
    return { code: 0, out: out.toString() };
  } catch (error) {
    const e = error as { status: number; stdout: Buffer; stderr: Buffer };
    return { code: e.status, out: `${e.stdout}${e.stderr}` };
  }
}

async function commandsOf(attemptId: string): Promise<string[]> {
  return (await attempts.getRecentCommands(attemptId)).map((c) => c.line);
}

let attemptId: string;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/db-setup.mjs'], {
    cwd: root,
    env: { ...process.env, FLATNET_INSTRUCTOR_EMAIL: '', FLATNET_INSTRUCTOR_PASSWORD: '' },
    stdio: 'pipe',
  });
  const user = await getDb().user.create({ data: { id: 'u-backup', name: 'backup', email: 'backup@example.com' } });
  attemptId = (await attempts.getOrCreateActiveAttempt(user.id, 'lab-backup', 1)).id;
  await attempts.recordCommand(attemptId, 'kubectl get pods', 0);
});

afterAll(async () => {
  await disconnectDb();
  rmSync(scratch, { recursive: true, force: true });
});

describe('db:backup', () => {
  it('writes backups/<name>-<UTC timestamp>.db beside the database, one checked file, never overwriting', async () => {
    const result = await backupDatabase({ url, now: NOW });
    expect(result.file).toBe(join(dataDir, 'backups', 'flatnet-20261207T051500Z.db'));
    expect(result.file).toBe(defaultBackupFile(dbFile, NOW));
    expect(result.bytes).toBe(statSync(result.file).size);
    expect(statSync(result.file).mode & 0o777).toBe(0o600);
    const copy = new Database(result.file, { readonly: true });
    try {
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(integrityProblems(copy)).toEqual([]);
      expect(copy.prepare('SELECT line FROM command_event').all()).toEqual([{ line: 'kubectl get pods' }]);
    } finally {
      copy.close();
    }
    expect(readdirSync(join(dataDir, 'backups'))).toEqual(['flatnet-20261207T051500Z.db']);
    await expect(backupDatabase({ url, now: NOW })).rejects.toThrow(/already exists/);
  });

  it('runs from the command line with --to, printing the file and its size', () => {
    const to = join(scratch, 'elsewhere', 'copy.db');
    const { code, out } = runScript('scripts/db-backup.mjs', ['--to', to]);
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`^\\[db\\] backup: ${to} \\(\\d+\\.\\d KiB, integrity ok\\) in \\d+ ms`));
    expect(existsSync(to)).toBe(true);
    expect(runScript('scripts/db-backup.mjs', ['--bogus']).code).toBe(1);
  });
});

describe('db:restore', () => {
  it('refuses while the database is open, in this process (the app) or in another', async () => {
    const { file } = await backupDatabase({ url, to: join(scratch, 'refuse.db') });
    await commandsOf(attemptId); // the app's connection is open
    expect(() => restoreDatabase({ from: file, url })).toThrow(DatabaseInUseError);
    await disconnectDb();

    const holder = spawn(process.execPath, ['-e', `const db = new (require('better-sqlite3'))(process.argv[1]); db.prepare('SELECT 1 FROM user').all(); console.log('open'); setInterval(() => {}, 1000);`, dbFile], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise((resolve) => holder.stdout.once('data', resolve));
      const cli = runScript('scripts/db-restore.mjs', [file]);
      expect(cli.code).toBe(1);
      expect(cli.out).toContain('stop the Flatnet server');
    } finally {
      holder.kill();
    }
    expect(readdirSync(dataDir).filter((name) => name.includes('before-restore') || name.endsWith('.restoring'))).toEqual([]);
  });

  it('restores a backup: the app reads its data, the replaced database is kept', async () => {
    const { file } = await backupDatabase({ url, to: join(scratch, 'restore-me.db') });
    await attempts.recordCommand(attemptId, 'kubectl delete pod web', 0);
    expect(await commandsOf(attemptId)).toEqual(['kubectl get pods', 'kubectl delete pod web']);
    await disconnectDb();

    const { code, out } = runScript('scripts/db-restore.mjs', [file]);
    expect(code).toBe(0);
    expect(out).toContain(`[db] restored ${dbFile}`);
    const kept = readdirSync(dataDir).filter((name) => name.startsWith('flatnet.db.before-restore-'));
    expect(kept).toHaveLength(1);

    expect(await commandsOf(attemptId)).toEqual(['kubectl get pods']);
    const [mode] = await getDb().$queryRawUnsafe<Array<{ journal_mode: string }>>('PRAGMA journal_mode');
    expect(mode.journal_mode).toBe('wal');
    await attempts.recordCommand(attemptId, 'kubectl get svc', 0);
    expect(await commandsOf(attemptId)).toEqual(['kubectl get pods', 'kubectl get svc']);
    await disconnectDb();

    const old = new Database(join(dataDir, kept[0]), { readonly: true });
    try {
      expect(old.prepare('SELECT line FROM command_event ORDER BY id').all().map((row) => (row as { line: string }).line)).toEqual([
        'kubectl get pods',
        'kubectl delete pod web',
      ]);
    } finally {
      old.close();
    }
  });

  it('refuses a damaged file, a database that is not Flatnet’s, and one from a newer Flatnet', async () => {
    const damaged = join(scratch, 'damaged.db');
    writeFileSync(damaged, 'SQLite format 3\0 but not really');
    expect(() => restoreDatabase({ from: damaged, url, now: NOW })).toThrow(/not a SQLite database|cannot be opened|integrity/);

    const foreign = join(scratch, 'foreign.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (text TEXT)');
    other.close();
    expect(() => restoreDatabase({ from: foreign, url, now: NOW })).toThrow(/not a Flatnet database/);

    const { file: newer } = await backupDatabase({ url, to: join(scratch, 'newer.db') });
    const future = new Database(newer);
    future
      .prepare("INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ('x', 'x', 1, '29991231000000_from_the_future', 1, 1)")
      .run();
    future.close();
    expect(() => restoreDatabase({ from: newer, url, now: NOW })).toThrow(/newer Flatnet.*29991231000000_from_the_future/);
    expect(readdirSync(dataDir).filter((name) => name.includes(utcStampOf(NOW)))).toEqual([]);
    expect(await commandsOf(attemptId)).toEqual(['kubectl get pods', 'kubectl get svc']);
  });
});

function utcStampOf(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}
