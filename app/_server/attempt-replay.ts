// Reads an attempt back for its replay: the recorded terminal output, the commands and the check
// verdict changes, each with its time from the attempt's start, plus the lab and the learner.
// Who may read it is the caller's question (authz.ts viewableAttemptOwner); nothing here checks.
// The live watch polls the same tables for rows after the ones it has (replayUpdatesSince).

import { getDb } from './db';
import type { Lab } from '../../lab-engine/labs/loader';
import { labForAttempt } from './authored-labs/attempt-lab';
import { labChecks } from './lab-catalogue';

/** An attempt's recording is capped by bytes; its commands and check events are capped here. */
export const MAX_REPLAY_COMMANDS = 5000;
export const MAX_REPLAY_CHECK_EVENTS = 5000;
/** One poll of the live watch reads at most this many chunks (the rest come at the next poll). */
const MAX_CHUNKS_PER_POLL = 500;

export interface ReplayChunk {
  id: number;
  /** Milliseconds from the attempt's start. */
  t: number;
  data: string;
}

export interface ReplayCommand {
  id: number;
  t: number;
  line: string;
  exitCode: number;
}

export interface ReplayCheckEvent {
  id: number;
  t: number;
  checkId: string;
  /** The check's title in the lab, or its id if the lab no longer has it. */
  title: string;
  passed: boolean;
  feedbackId: string;
}

export interface Replay {
  attemptId: string;
  labId: string;
  labTitle: string;
  learnerName: string;
  status: 'active' | 'completed' | 'reset';
  startedAt: string;
  /** The time of the last thing recorded, from the start: the timeline's length. */
  durationMs: number;
  chunks: ReplayChunk[];
  commands: ReplayCommand[];
  checks: ReplayCheckEvent[];
}

/** Where a live watcher stands: the last row of each kind it has. */
export interface ReplayCursor {
  chunkId: number;
  commandId: number;
  checkEventId: number;
}

export interface ReplayUpdates {
  chunks: ReplayChunk[];
  commands: ReplayCommand[];
  checks: ReplayCheckEvent[];
}

const offset = (start: Date, at: Date) => Math.max(0, at.getTime() - start.getTime());

type Row<T> = T & { id: number; at: Date };

const toChunk = (start: Date, row: Row<{ data: string }>): ReplayChunk => ({ id: row.id, t: offset(start, row.at), data: row.data });
const toCommand = (start: Date, row: Row<{ line: string; exitCode: number }>): ReplayCommand => ({
  id: row.id,
  t: offset(start, row.at),
  line: row.line,
  exitCode: row.exitCode,
});
const toCheckEvent = (start: Date, titles: Map<string, string>, row: Row<{ checkId: string; passed: boolean; feedbackId: string }>): ReplayCheckEvent => ({
  id: row.id,
  t: offset(start, row.at),
  checkId: row.checkId,
  title: titles.get(row.checkId) ?? row.checkId,
  passed: row.passed,
  feedbackId: row.feedbackId,
});

function checkTitles(lab: Lab | null): Map<string, string> {
  return new Map(lab ? labChecks(lab).map((check) => [check.id, check.title] as const) : []);
}

/** The whole replay of an attempt, or null if there is no such attempt. */
export async function loadReplay(attemptId: string): Promise<Replay | null> {
  const db = getDb();
  const attempt = await db.attempt.findUnique({
    where: { id: attemptId },
    select: { id: true, labId: true, kind: true, labVersionId: true, status: true, createdAt: true, user: { select: { name: true } } },
  });
  if (!attempt) return null;
  const [chunks, commands, checks, lab] = await Promise.all([
    db.terminalChunk.findMany({ where: { attemptId }, orderBy: { id: 'asc' }, select: { id: true, data: true, at: true } }),
    db.commandEvent.findMany({ where: { attemptId }, orderBy: { id: 'asc' }, take: MAX_REPLAY_COMMANDS }),
    db.checkEvent.findMany({ where: { attemptId }, orderBy: { id: 'asc' }, take: MAX_REPLAY_CHECK_EVENTS }),
    // An authored lab's attempt is titled by the version it pinned.
    labForAttempt(attempt),
  ]);
  const titles = checkTitles(lab);
  const start = attempt.createdAt;
  const replay: Replay = {
    attemptId: attempt.id,
    labId: attempt.labId,
    labTitle: lab?.title ?? attempt.labId,
    learnerName: attempt.user.name,
    status: attempt.status,
    startedAt: start.toISOString(),
    durationMs: 0,
    chunks: chunks.map((row) => toChunk(start, row)),
    commands: commands.map((row) => toCommand(start, row)),
    checks: checks.map((row) => toCheckEvent(start, titles, row)),
  };
  replay.durationMs = Math.max(0, ...[...replay.chunks, ...replay.commands, ...replay.checks].map((item) => item.t));
  return replay;
}

/** The learner's latest lab attempt at each lab they started (the one /progress links a replay to). */
export async function latestLabAttempts(userId: string): Promise<Map<string, string>> {
  const rows = await getDb().attempt.findMany({
    where: { userId, kind: 'lab' },
    orderBy: { createdAt: 'desc' },
    select: { id: true, labId: true },
  });
  const latest = new Map<string, string>();
  for (const row of rows) if (!latest.has(row.labId)) latest.set(row.labId, row.id);
  return latest;
}

/** Who and what an attempt is, for a replay page's heading; null if there is no such attempt. */
export async function describeReplay(attemptId: string): Promise<{ labTitle: string; learnerName: string; labId: string } | null> {
  const attempt = await getDb().attempt.findUnique({ where: { id: attemptId }, select: { labId: true, kind: true, labVersionId: true, user: { select: { name: true } } } });
  if (!attempt) return null;
  const lab = await labForAttempt(attempt);
  return { labId: attempt.labId, labTitle: lab?.title ?? attempt.labId, learnerName: attempt.user.name };
}

/** What was recorded for an attempt after `cursor` (the live watch's poll), or null if it is gone. */
export async function replayUpdatesSince(attemptId: string, cursor: ReplayCursor): Promise<ReplayUpdates | null> {
  const db = getDb();
  const attempt = await db.attempt.findUnique({ where: { id: attemptId }, select: { labId: true, kind: true, labVersionId: true, createdAt: true } });
  if (!attempt) return null;
  const start = attempt.createdAt;
  const [chunks, commands, checks] = await Promise.all([
    db.terminalChunk.findMany({ where: { attemptId, id: { gt: cursor.chunkId } }, orderBy: { id: 'asc' }, take: MAX_CHUNKS_PER_POLL }),
    db.commandEvent.findMany({ where: { attemptId, id: { gt: cursor.commandId } }, orderBy: { id: 'asc' }, take: MAX_REPLAY_COMMANDS }),
    db.checkEvent.findMany({ where: { attemptId, id: { gt: cursor.checkEventId } }, orderBy: { id: 'asc' }, take: MAX_REPLAY_CHECK_EVENTS }),
  ]);
  const titles = checks.length > 0 ? checkTitles(await labForAttempt(attempt)) : new Map<string, string>();
  return {
    chunks: chunks.map((row) => toChunk(start, row)),
    commands: commands.map((row) => toCommand(start, row)),
    checks: checks.map((row) => toCheckEvent(start, titles, row)),
  };
}
