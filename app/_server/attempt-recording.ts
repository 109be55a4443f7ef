// An attempt's terminal recording: the only module that writes the terminal_chunk table and
// Attempt.recordedBytes. The gateway's batches arrive here (through prisma-attempt-store.ts);
// each is capped per attempt (lab-engine's fitRecording: the batch that crosses the cap is cut
// and followed by a stop marker, later ones are dropped), and old recordings are pruned.

import { fitRecording, type RecordedOutput } from '../../lab-engine/gateway';
import { Prisma } from './generated/prisma/client';
import { getDb } from './db';

/**
 * Appends a batch of output to an attempt's recording under `maxBytes`. Returns false once the
 * recording is full (or the attempt is gone): the caller stops sending.
 */
export async function recordTerminalOutput(attemptId: string, data: string, at: Date, maxBytes: number): Promise<boolean> {
  const full = await recordTerminalOutputs([{ attemptId, data, at }], maxBytes);
  return full.length === 0;
}

/** Attempts per UPDATE and chunks per INSERT: three bound values each, far inside SQLite's limit on parameters. */
const UPDATE_GROUP = 300;
const INSERT_GROUP = 300;

/**
 * Appends what each attempt printed (one entry per attempt) in one transaction: the gateway's
 * write for all of its sessions at once. Returns the attempts whose recording is full or gone.
 */
export async function recordTerminalOutputs(batch: readonly RecordedOutput[], maxBytes: number): Promise<string[]> {
  if (batch.length === 0) return [];
  return getDb().$transaction(async (tx) => {
    const ids = [...new Set(batch.map((entry) => entry.attemptId))];
    const rows = await tx.attempt.findMany({ where: { id: { in: ids } }, select: { id: true, recordedBytes: true } });
    const recorded = new Map(rows.map((row) => [row.id, row.recordedBytes]));
    const full = new Set(ids.filter((id) => !recorded.has(id)));
    const chunks: Array<{ attemptId: string; data: string; at: Date }> = [];
    const added = new Map<string, number>();
    for (const { attemptId, data, at } of batch) {
      const before = recorded.get(attemptId);
      if (before === undefined || full.has(attemptId)) continue;
      const fit = fitRecording(before, data, maxBytes);
      for (const chunk of fit.chunks) chunks.push({ attemptId, data: chunk, at });
      recorded.set(attemptId, before + fit.addedBytes);
      if (fit.addedBytes) added.set(attemptId, (added.get(attemptId) ?? 0) + fit.addedBytes);
      if (fit.full) full.add(attemptId);
    }
    // Raw multi-row inserts: Prisma's createMany interprets every row in JavaScript, which at a
    // few hundred sessions a batch was most of the write's time. The DateTime text is the same
    // as Prisma's own (attempt-recording.test.ts), so pruning by `at` still compares like with like.
    for (let i = 0; i < chunks.length; i += INSERT_GROUP) {
      const rows = chunks.slice(i, i + INSERT_GROUP).map((chunk) => Prisma.sql`(${chunk.attemptId}, ${chunk.data}, ${chunk.at})`);
      await tx.$executeRaw`INSERT INTO terminal_chunk (attemptId, data, at) VALUES ${Prisma.join(rows)}`;
    }
    // Raw, so that recording does not touch Attempt.updatedAt: progress orders labs by it.
    const updates = [...added];
    for (let i = 0; i < updates.length; i += UPDATE_GROUP) {
      const group = updates.slice(i, i + UPDATE_GROUP);
      const cases = Prisma.join(group.map(([id, bytes]) => Prisma.sql`WHEN ${id} THEN ${bytes}`), ' ');
      await tx.$executeRaw`UPDATE attempt SET recordedBytes = recordedBytes + CASE id ${cases} END WHERE id IN (${Prisma.join(group.map(([id]) => id))})`;
    }
    return [...full];
  });
}

/** Deletes recorded output older than `retentionDays` before `now`; 0 keeps everything. Returns the chunks deleted. */
export async function pruneRecordings(now: Date, retentionDays: number): Promise<number> {
  if (retentionDays <= 0) return 0;
  const before = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
  const { count } = await getDb().terminalChunk.deleteMany({ where: { at: { lt: before } } });
  return count;
}
