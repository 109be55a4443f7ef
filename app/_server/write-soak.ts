// The write soak (issue 19, point 7): many learners writing at once through the app's own
// modules, the way the server writes: check results, commands and snapshots through the gateway's
// store (prisma-attempt-store.ts over attempts.ts), lesson visits and quiz answers through
// lesson-progress.ts. Each write is reported once it is acknowledged (its promise resolved), and
// verifyAcknowledged() later finds every one of them in the database, read back through the same
// modules. write-soak.test.ts runs it in-process and in a child process killed with SIGKILL.
//
// Run as a program it is that child: `node --import tsx app/_server/write-soak.ts --writers N
// --seconds S --prefix P` writes to DATABASE_URL and prints one `ack <json>` line per acknowledged
// write (stdout to a pipe is synchronous on Linux, so a printed ack was committed before it).
//
// Each writer is one learner with one attempt and a sequence number `n` that every write of
// theirs carries. Rows that are overwritten (a check's verdict, the snapshot, a lesson visit, a
// quiz answer) must hold the acknowledged write or a later one of the same writer: a write in
// flight when the child was killed may have landed without being reported.

import { pathToFileURL } from 'node:url';
import type { SimulationSnapshot } from '../../lab-engine/simulation/contract';
import * as attempts from './attempts';
import { getDb } from './db';
import * as lessons from './lesson-progress';
import { PrismaAttemptStore } from './prisma-attempt-store';

export type Ack =
  | { kind: 'command'; attemptId: string; line: string }
  | { kind: 'check'; attemptId: string; checkId: string; n: number }
  | { kind: 'snapshot'; attemptId: string; n: number }
  | { kind: 'visit'; userId: string; lessonKey: string; n: number }
  | { kind: 'quiz'; userId: string; lessonKey: string; n: number };

export interface SoakOptions {
  writers: number;
  seconds: number;
  /** Names this run's learners, so runs can share a database. */
  prefix: string;
  onAck(ack: Ack): void;
  /** Told when the learners exist and the writing begins. */
  onStart?(): void;
}

export interface SoakResult {
  acknowledged: number;
  seconds: number;
  errors: string[];
}

/** A snapshot of a typical size (the real ones carry the cluster and filesystem). */
const SNAPSHOT_PADDING = 'x'.repeat(4096);
const LESSONS = 5;
const CHECKS = 4;
/** Lesson visits are stamped from this instant plus n seconds, so a later write has a later time. */
const VISIT_EPOCH_MS = Date.UTC(2026, 0, 1);

const visitTime = (n: number) => new Date(VISIT_EPOCH_MS + n * 1000);
const lessonOf = (n: number) => `soak/lesson-${n % LESSONS}`;

interface Learner {
  userId: string;
  attemptId: string;
}

async function createLearner(prefix: string, index: number): Promise<Learner> {
  const id = `soak-${prefix}-${index}`;
  await getDb().user.create({ data: { id, name: id, email: `${id}@soak.invalid` } });
  const attempt = await attempts.getOrCreateActiveAttempt(id, 'soak-lab', index);
  return { userId: id, attemptId: attempt.id };
}

/** The kinds of write in one round of 20, commands most often as in a real session. */
const ROUND = 'CKVCSQCKCVCSCKQCVSCK';

/** One write, chosen by n; resolves with its ack. */
async function writeOnce(store: PrismaAttemptStore, learner: Learner, n: number): Promise<Ack> {
  const { userId, attemptId } = learner;
  const pick = ROUND[n % ROUND.length];
  if (pick === 'C') {
    const line = `kubectl get pods # ${userId} ${n}`;
    await store.recordCommand(attemptId, line, n % 3);
    return { kind: 'command', attemptId, line };
  }
  if (pick === 'K') {
    const checkId = `check-${n % CHECKS}`;
    await store.recordChecks(attemptId, [{ checkId, passed: n % 2 === 0, feedbackId: 'soak.check', params: { n }, reason: `write ${n}` }]);
    return { kind: 'check', attemptId, checkId, n };
  }
  if (pick === 'S') {
    // The store keeps the JSON as given; a stand-in of the same size is enough to exercise it.
    await store.saveSnapshot(attemptId, { soak: n, padding: SNAPSHOT_PADDING } as unknown as SimulationSnapshot);
    return { kind: 'snapshot', attemptId, n };
  }
  const lessonKey = lessonOf(n);
  if (pick === 'V') {
    await lessons.recordLessonVisit(userId, lessonKey, { read: n % 2 === 0, now: visitTime(n) });
    return { kind: 'visit', userId, lessonKey, n };
  }
  await lessons.recordQuizAnswer(userId, { lessonKey, quizKey: 'q1', choice: n, correct: n % 3 === 0 });
  return { kind: 'quiz', userId, lessonKey, n };
}

/** Runs `writers` learners writing as fast as they can for `seconds`; every write is awaited. */
export async function runWriteSoak(options: SoakOptions): Promise<SoakResult> {
  const learners = await Promise.all(Array.from({ length: options.writers }, (_, i) => createLearner(options.prefix, i)));
  const store = new PrismaAttemptStore({ log: () => undefined });
  const errors: string[] = [];
  let acknowledged = 0;
  options.onStart?.();
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  await Promise.all(
    learners.map(async (learner) => {
      for (let n = 1; Date.now() < deadline; n++) {
        try {
          options.onAck(await writeOnce(store, learner, n));
          acknowledged += 1;
          // better-sqlite3 answers synchronously, so without this the writers would run as one
          // endless chain of microtasks and starve every timer and socket; in the server each
          // write arrives with its own I/O event.
          await new Promise((resolve) => setImmediate(resolve));
        } catch (error) {
          errors.push(`${learner.userId} write ${n}: ${error instanceof Error ? error.message : String(error)}`);
          return;
        }
      }
    }),
  );
  return { acknowledged, seconds: (Date.now() - started) / 1000, errors };
}

/** The key of the row an ack wrote; for overwritten rows only the writer's latest ack matters. */
function slotOf(ack: Ack): string {
  switch (ack.kind) {
    case 'command':
      return `command ${ack.attemptId} ${ack.line}`;
    case 'check':
      return `check ${ack.attemptId} ${ack.checkId}`;
    case 'snapshot':
      return `snapshot ${ack.attemptId}`;
    case 'visit':
    case 'quiz':
      return `${ack.kind} ${ack.userId} ${ack.lessonKey}`;
    default: {
      const never: never = ack;
      return never;
    }
  }
}

const ackN = (ack: Ack) => (ack.kind === 'command' ? 0 : ack.n);

/**
 * Reads every acknowledged write back through the app's modules; returns a description of each
 * one that is missing or older than acknowledged (empty when none was lost).
 */
export async function verifyAcknowledged(acks: readonly Ack[]): Promise<string[]> {
  const latest = new Map<string, Ack>();
  for (const ack of acks) {
    const seen = latest.get(slotOf(ack));
    if (!seen || ackN(ack) >= ackN(seen)) latest.set(slotOf(ack), ack);
  }
  const commands = new Map<string, Set<string>>();
  const missing: string[] = [];
  for (const ack of latest.values()) {
    const found = await readBack(ack, commands);
    if (!found) missing.push(`${slotOf(ack)} (acknowledged ${JSON.stringify(ack)})`);
  }
  return missing;
}

async function readBack(ack: Ack, commandCache: Map<string, Set<string>>): Promise<boolean> {
  switch (ack.kind) {
    case 'command': {
      let lines = commandCache.get(ack.attemptId);
      if (!lines) {
        lines = new Set((await attempts.getRecentCommands(ack.attemptId, 1_000_000)).map((c) => c.line));
        commandCache.set(ack.attemptId, lines);
      }
      return lines.has(ack.line);
    }
    case 'check': {
      const result = (await attempts.getCheckResults(ack.attemptId)).find((r) => r.checkId === ack.checkId);
      return Number(result?.params.n ?? -1) >= ack.n;
    }
    case 'snapshot': {
      const json = await attempts.loadSnapshot(ack.attemptId);
      return json !== null && Number((JSON.parse(json) as { soak?: unknown }).soak) >= ack.n;
    }
    case 'visit': {
      const visit = (await lessons.getLessonRecords(ack.userId)).find((r) => r.lessonKey === ack.lessonKey);
      return visit !== undefined && visit.lastVisitedAt.getTime() >= visitTime(ack.n).getTime();
    }
    case 'quiz': {
      const answer = (await lessons.getQuizRecords(ack.userId, ack.lessonKey)).find((r) => r.quizKey === 'q1');
      return answer !== undefined && answer.choice >= ack.n;
    }
    default: {
      const never: never = ack;
      return never;
    }
  }
}

function argValue(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

async function main(): Promise<void> {
  const result = await runWriteSoak({
    writers: Number(argValue('--writers', '50')),
    seconds: Number(argValue('--seconds', '60')),
    prefix: argValue('--prefix', 'child'),
    onAck: (ack) => process.stdout.write(`ack ${JSON.stringify(ack)}\n`),
    onStart: () => process.stdout.write('started\n'),
  });
  process.stdout.write(`done ${JSON.stringify(result)}\n`);
  process.exit(result.errors.length ? 1 : 0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
