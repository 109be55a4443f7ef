// Lab attempts: the only modules that read or write the attempt, check_result, check_event,
// command_event and hint_reveal tables are this one (an attempt's life: open, snapshot, checks, commands, hints,
// reset) and attempt-completion.ts (completion and the progress read from it); the terminal
// recording has its own (attempt-recording.ts writes it, attempt-replay.ts reads it back). Pages and the
// gateway (through prisma-attempt-store.ts) go through these functions, and every function that
// takes a userId scopes its query by it, so one learner can never reach another's attempt by
// guessing an id.
//
// An attempt is of one kind: `lab`, the graded run, or `sandbox`, the cluster beside a module's
// lessons. Each kind has its own open attempt per learner and lab, so a lesson's Run blocks never
// touch the cluster a lab grades, and only lab attempts ever count as progress.

import { MAX_CONTROL_MESSAGE_BYTES, type CheckResultMessage } from '../../lab-engine/protocol';
import { getDb } from './db';
import type { AttemptKind, AttemptStatus } from './generated/prisma/enums';

export type { AttemptKind, AttemptStatus };
export { activeSeconds, completeAttempt, completeIfAllPassed, getProgress, IDLE_CAP_MS, type LabProgress } from './attempt-completion';

/** Snapshots larger than this are refused rather than stored: one that big could not have crossed the control channel. */
export const MAX_SNAPSHOT_BYTES = MAX_CONTROL_MESSAGE_BYTES;
/** A pasted essay is still recorded, but only its beginning. */
export const MAX_COMMAND_LINE_CHARS = 4096;
/** Prisma's Int is 32-bit; seeds outside this range would fail deep inside the client. */
const MAX_SEED = 2 ** 31 - 1;

export interface AttemptRecord {
  id: string;
  userId: string;
  labId: string;
  kind: AttemptKind;
  status: AttemptStatus;
  seed: number;
  snapshotAt: Date | null;
  completedAt: Date | null;
  timeSpentSeconds: number | null;
  hintsUsed: number | null;
  /** The published version of an authored lab the attempt runs; null for a content lab and a trial. */
  labVersionId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A check result as the protocol declares it, with when it was last recorded. */
export interface StoredCheckResult extends CheckResultMessage {
  updatedAt: Date;
}

const attemptFields = {
  id: true,
  userId: true,
  labId: true,
  kind: true,
  status: true,
  seed: true,
  snapshotAt: true,
  completedAt: true,
  timeSpentSeconds: true,
  hintsUsed: true,
  labVersionId: true,
  createdAt: true,
  updatedAt: true,
} as const;

function assertSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`seed must be an integer from 0 to ${MAX_SEED}, got ${seed}`);
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/**
 * The learner's open attempt of a kind at a lab, created with `seed` if there is none. A completed
 * attempt stays open (the learner may keep exploring) until it is reset. Two concurrent calls
 * (two tabs) get the same attempt: the loser of the unique index race reads the winner's row.
 */
export async function getOrCreateActiveAttempt(
  userId: string,
  labId: string,
  seed: number,
  kind: AttemptKind = 'lab',
  labVersionId: string | null = null,
): Promise<AttemptRecord> {
  assertSeed(seed);
  const db = getDb();
  const where = { userId_kind_openLabId: { userId, kind, openLabId: labId } };
  const existing = await findActiveAttempt(userId, labId, kind);
  if (existing) return existing;
  try {
    return await db.attempt.create({
      data: { userId, labId, kind, openLabId: labId, seed, status: 'active', labVersionId },
      select: attemptFields,
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await db.attempt.findUnique({ where, select: attemptFields });
    if (!winner) throw error;
    return winner;
  }
}

/**
 * Closes the user's open attempt of `kind` at the lab, if any, and opens a new one: an author's
 * Try it starts afresh on every press. Returns the new attempt and the id of the one closed.
 */
export async function replaceActiveAttempt(
  userId: string,
  labId: string,
  seed: number,
  kind: AttemptKind,
): Promise<{ attempt: AttemptRecord; closedId: string | null }> {
  assertSeed(seed);
  const previous = await findActiveAttempt(userId, labId, kind);
  if (previous) await resetAttempt(previous.id, userId);
  return { attempt: await getOrCreateActiveAttempt(userId, labId, seed, kind), closedId: previous?.id ?? null };
}

/** The learner's open attempt of a kind at a lab (active or completed), or null; never creates one. */
export async function findActiveAttempt(userId: string, labId: string, kind: AttemptKind = 'lab'): Promise<AttemptRecord | null> {
  return getDb().attempt.findUnique({
    where: { userId_kind_openLabId: { userId, kind, openLabId: labId } },
    select: attemptFields,
  });
}

/** The attempt if it exists and belongs to `userId`; null otherwise (no hint which). */
export async function getAttemptForUser(attemptId: string, userId: string): Promise<AttemptRecord | null> {
  return getDb().attempt.findFirst({ where: { id: attemptId, userId }, select: attemptFields });
}

/** The attempt by id, whoever owns it: for the gateway's store, which checked ownership at the handshake. */
export async function getAttempt(attemptId: string): Promise<AttemptRecord | null> {
  return getDb().attempt.findUnique({ where: { id: attemptId }, select: attemptFields });
}

/** The stored simulation snapshot (JSON text) of an attempt, or null if none was taken yet. */
export async function loadSnapshot(attemptId: string): Promise<string | null> {
  const row = await getDb().attemptSnapshot.findUnique({ where: { attemptId }, select: { json: true } });
  return row?.json ?? null;
}

/**
 * Stores the simulation state of an open attempt. A snapshot arriving after a reset is
 * dropped (returns false): the reset attempt must not come back to life.
 */
export async function saveSnapshot(attemptId: string, snapshotJson: string): Promise<boolean> {
  if (Buffer.byteLength(snapshotJson, 'utf8') > MAX_SNAPSHOT_BYTES) {
    throw new RangeError(`snapshot exceeds ${MAX_SNAPSHOT_BYTES} bytes`);
  }
  return getDb().$transaction(async (tx) => {
    const { count } = await tx.attempt.updateMany({ where: { id: attemptId, status: { not: 'reset' } }, data: { snapshotAt: new Date() } });
    if (count !== 1) return false;
    await tx.attemptSnapshot.upsert({ where: { attemptId }, create: { attemptId, json: snapshotJson }, update: { json: snapshotJson } });
    return true;
  });
}

/**
 * Upserts the latest verdict of each check, all or nothing, and writes a check_event for each
 * check whose verdict is new or changed (the replay's green and red marks); re-evaluating a check
 * to the same verdict, which labsh does after every command, writes no event.
 */
export async function recordCheckResults(attemptId: string, results: readonly CheckResultMessage[]): Promise<void> {
  if (results.length === 0) return;
  await getDb().$transaction(async (tx) => {
    const previous = await tx.checkResult.findMany({
      where: { attemptId, checkId: { in: results.map((result) => result.checkId) } },
      select: { checkId: true, passed: true },
    });
    const passedBefore = new Map(previous.map((row) => [row.checkId, row.passed]));
    for (const result of results) {
      const data = {
        passed: result.passed,
        feedbackId: result.feedbackId,
        params: JSON.stringify(result.params ?? {}),
        reason: result.reason ?? '',
      };
      await tx.checkResult.upsert({
        where: { attemptId_checkId: { attemptId, checkId: result.checkId } },
        create: { attemptId, checkId: result.checkId, ...data },
        update: data,
      });
    }
    const changed = results.filter((result) => passedBefore.get(result.checkId) !== result.passed);
    if (changed.length > 0) {
      await tx.checkEvent.createMany({
        data: changed.map((result) => ({ attemptId, checkId: result.checkId, passed: result.passed, feedbackId: result.feedbackId })),
      });
    }
  });
}

/** The latest verdicts for an attempt, ordered by check id for stable output. */
export async function getCheckResults(attemptId: string): Promise<StoredCheckResult[]> {
  const rows = await getDb().checkResult.findMany({ where: { attemptId }, orderBy: { checkId: 'asc' } });
  return rows.map((row) => ({
    checkId: row.checkId,
    passed: row.passed,
    feedbackId: row.feedbackId,
    params: parseParams(row.params),
    reason: row.reason,
    updatedAt: row.updatedAt,
  }));
}

function parseParams(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Appends one command the learner ran (history, instructor insight). */
export async function recordCommand(attemptId: string, line: string, exitCode: number): Promise<void> {
  await getDb().commandEvent.create({
    data: { attemptId, line: line.slice(0, MAX_COMMAND_LINE_CHARS), exitCode: Math.trunc(exitCode) },
  });
}

/** The most recent commands of an attempt, oldest first. */
export async function getRecentCommands(attemptId: string, limit = 100): Promise<Array<{ line: string; exitCode: number; at: Date }>> {
  const rows = await getDb().commandEvent.findMany({
    where: { attemptId },
    orderBy: { id: 'desc' },
    take: limit,
    select: { line: true, exitCode: true, at: true },
  });
  return rows.reverse();
}

/**
 * Closes the learner's attempt so the next getOrCreateActiveAttempt starts afresh. Its history
 * stays for the record. Returns the closed attempt, or null if it is not theirs or already reset.
 */
export async function resetAttempt(attemptId: string, userId: string): Promise<AttemptRecord | null> {
  const db = getDb();
  const { count } = await db.attempt.updateMany({
    where: { id: attemptId, userId, status: { not: 'reset' } },
    data: { status: 'reset', openLabId: null },
  });
  if (count !== 1) return null;
  return db.attempt.findUnique({ where: { id: attemptId }, select: attemptFields });
}

/** A hint the learner opened: the step it belongs to and its place among that step's hints. */
export interface RevealedHint {
  stepId: string;
  hintIndex: number;
}

/** The hints opened in an attempt, in the order they were opened. */
export async function getRevealedHints(attemptId: string): Promise<RevealedHint[]> {
  return getDb().hintReveal.findMany({ where: { attemptId }, orderBy: { id: 'asc' }, select: { stepId: true, hintIndex: true } });
}

export type HintRevealResult =
  | { ok: true; revealed: RevealedHint[] }
  | { ok: false; reason: 'no-attempt' | 'out-of-order' };

/**
 * Records that the learner opened hint `hintIndex` of a step in their open lab attempt. Hints open
 * in order, one at a time: hint n needs hint n-1 opened first. Opening one twice is harmless.
 * Whether the step and index exist in the lab is the caller's to check (it holds the lab).
 */
export async function revealHint(attemptId: string, userId: string, stepId: string, hintIndex: number): Promise<HintRevealResult> {
  const db = getDb();
  const attempt = await db.attempt.findFirst({ where: { id: attemptId, userId, kind: 'lab', status: { not: 'reset' } }, select: { id: true } });
  if (!attempt || !Number.isInteger(hintIndex) || hintIndex < 0) return { ok: false, reason: 'no-attempt' };
  const revealed = await getRevealedHints(attemptId);
  const has = (index: number) => revealed.some((hint) => hint.stepId === stepId && hint.hintIndex === index);
  if (has(hintIndex)) return { ok: true, revealed };
  if (hintIndex > 0 && !has(hintIndex - 1)) return { ok: false, reason: 'out-of-order' };
  try {
    await db.hintReveal.create({ data: { attemptId, stepId, hintIndex } });
  } catch (error) {
    // Two tabs opening the same hint at once: one row is enough.
    if (!isUniqueViolation(error)) throw error;
  }
  return { ok: true, revealed: await getRevealedHints(attemptId) };
}
