// The write soak in `npm test` (issue 19, point 7), on real databases made by scripts/db-setup.mjs.
// At the same time, for FLATNET_SOAK_SECONDS (default 60, the "for a minute"):
// - 50 learners write in this process through the app's modules (write-soak.ts), one connection
//   as in the server; halfway through, `npm run db:backup`'s function copies the database;
// - 50 more write in a child process to a database of its own, and that child is killed with
//   SIGKILL at a random moment while writing; the database is then opened afresh, as a restarted
//   server would (SQLite recovers the WAL).
// Afterwards every acknowledged write is read back through the app's modules, the backup holds
// every write acknowledged before it began, and `PRAGMA integrity_check` is ok on all three files.
// Total time is about the soak's length plus a few seconds of setup; the figures are printed.

import { execFileSync, spawn } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, integrityProblems } from '../../scripts/db-backup.mjs';
import type { Ack, SoakResult } from './write-soak';

const SOAK_SECONDS = Number(process.env.FLATNET_SOAK_SECONDS ?? 60);
const WRITERS = 50;
const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'flatnet-write-soak-'));
const liveDb = join(scratch, 'live.db');
const killedDb = join(scratch, 'killed.db');
const backupFile = join(scratch, 'backups', 'live-mid-soak.db');
process.env.DATABASE_URL = `file:${liveDb}`;

const { runWriteSoak, verifyAcknowledged } = await import('./write-soak');
const { disconnectDb } = await import('./db');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setUp(file: string): void {
  execFileSync(process.execPath, ['scripts/db-setup.mjs'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${file}`, FLATNET_INSTRUCTOR_EMAIL: '', FLATNET_INSTRUCTOR_PASSWORD: '' },
    stdio: 'pipe',
  });
}

function integrity(file: string): string[] {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    return integrityProblems(sqlite);
  } finally {
    sqlite.close();
  }
}

/** Reads acks back from the database DATABASE_URL names (the app's client follows it). */
async function verifyIn(file: string, acks: readonly Ack[]): Promise<string[]> {
  process.env.DATABASE_URL = `file:${file}`;
  try {
    return await verifyAcknowledged(acks);
  } finally {
    await disconnectDb();
  }
}

interface KilledChild {
  acks: Ack[];
  /** Seconds from the child's first write to the kill. */
  seconds: number;
  signal: NodeJS.Signals | null;
  finishedNormally: boolean;
}

/** Runs write-soak.ts as a child on its own database and SIGKILLs it `killAfterMs` into its writing. */
async function soakAndKill(killAfterMs: number): Promise<KilledChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/_server/write-soak.ts', '--writers', String(WRITERS), '--seconds', '3600', '--prefix', 'killed'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${killedDb}` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const acks: Ack[] = [];
  let pending = '';
  let finishedNormally = false;
  let started = 0;
  let onStarted: () => void;
  const writing = new Promise<void>((resolve) => (onStarted = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    // Only whole lines count: a kill may cut the last one short.
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('ack ')) acks.push(JSON.parse(line.slice(4)) as Ack);
      else if (line === 'started') {
        started = Date.now();
        onStarted();
      }
      else if (line.startsWith('done ')) finishedNormally = true;
    }
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  await Promise.race([writing, exited]);
  await sleep(killAfterMs);
  child.kill('SIGKILL');
  const signal = await exited;
  return { acks, seconds: (Date.now() - started) / 1000, signal, finishedNormally };
}

let live: SoakResult;
const liveAcks: Ack[] = [];
let acksBeforeBackup: Ack[] = [];
let killed: KilledChild;

beforeAll(async () => {
  setUp(liveDb);
  // db-setup leaves one closed file (no -wal): a copy is a second fresh database, for less time.
  copyFileSync(liveDb, killedDb);
  // Killed somewhere in the middle of its run, so the kill lands while writes are in flight.
  const killAfterMs = SOAK_SECONDS * 1000 * (0.3 + 0.4 * Math.random());
  const child = soakAndKill(killAfterMs);
  let onStart: () => void;
  const writing = new Promise<void>((resolve) => (onStart = resolve));
  const soak = runWriteSoak({ writers: WRITERS, seconds: SOAK_SECONDS, prefix: 'live', onAck: (ack) => liveAcks.push(ack), onStart: () => onStart() });
  await writing;
  await sleep((SOAK_SECONDS * 1000) / 2);
  acksBeforeBackup = [...liveAcks];
  await backupDatabase({ url: `file:${liveDb}`, to: backupFile });
  [live, killed] = await Promise.all([soak, child]);
  await disconnectDb();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `[soak] ${WRITERS} writers in-process for ${live.seconds.toFixed(1)} s: ${live.acknowledged} writes acknowledged, ` +
      `${(live.acknowledged / live.seconds).toFixed(0)}/s; backup at ${acksBeforeBackup.length} writes; ` +
      `child: ${WRITERS} writers, ${killed.acks.length} acknowledged in ${killed.seconds.toFixed(1)} s ` +
      `(${(killed.acks.length / Math.max(killed.seconds, 0.001)).toFixed(0)}/s) before ${killed.signal ?? 'exit'}; ` +
      `machine: ${cpus().length} × ${cpu}, Node ${process.version}`,
  );
}, SOAK_SECONDS * 1000 + 120_000);

afterAll(async () => {
  await disconnectDb();
  rmSync(scratch, { recursive: true, force: true });
});

describe(`write soak: ${WRITERS} concurrent writers for ${SOAK_SECONDS} s`, () => {
  it('acknowledges writes of every kind without a single error', () => {
    expect(live.errors).toEqual([]);
    expect(new Set(liveAcks.map((ack) => ack.kind))).toEqual(new Set(['command', 'check', 'snapshot', 'visit', 'quiz']));
    expect(live.acknowledged).toBe(liveAcks.length);
    // Every learner's first write is a check result: all of them were writing.
    const writingAttempts = new Set(liveAcks.flatMap((ack) => ('attemptId' in ack ? [ack.attemptId] : [])));
    expect(writingAttempts.size).toBe(WRITERS);
  });

  it('finds every acknowledged write afterwards, and the file passes integrity_check', async () => {
    expect(await verifyIn(liveDb, liveAcks)).toEqual([]);
    expect(integrity(liveDb)).toEqual([]);
  });

  it('made a backup mid-soak that passes integrity_check and holds every write acknowledged before it began', async () => {
    expect(acksBeforeBackup.length).toBeGreaterThan(0);
    expect(integrity(backupFile)).toEqual([]);
    expect(await verifyIn(backupFile, acksBeforeBackup)).toEqual([]);
  });

  it('loses no acknowledged write when the writing process is killed with SIGKILL', async () => {
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.finishedNormally).toBe(false);
    expect(killed.acks.length).toBeGreaterThan(0);
    // Opened afresh after the crash, as a restarted server would: SQLite recovers the WAL first.
    expect(integrity(killedDb)).toEqual([]);
    expect(await verifyIn(killedDb, killed.acks)).toEqual([]);
  });
});
