// An attempt's terminal recording: the only module that writes the terminal_chunk table and
// Attempt.recordedBytes. The gateway's batches arrive here (through prisma-attempt-store.ts);
// each is capped per attempt (lab-engine's fitRecording: the batch that crosses the cap is cut
// and followed by a stop marker, later ones are dropped), and old recordings are pruned.

import { fitRecording } from '../../lab-engine/gateway';
import { getDb } from './db';

/**
 * Appends a batch of output to an attempt's recording under `maxBytes`. Returns false once the
 * recording is full (or the attempt is gone): the caller stops sending.
 */
export async function recordTerminalOutput(attemptId: string, data: string, at: Date, maxBytes: number): Promise<boolean> {
  return getDb().$transaction(async (tx) => {
    const attempt = await tx.attempt.findUnique({ where: { id: attemptId }, select: { recordedBytes: true } });
    if (!attempt) return false;
    const fit = fitRecording(attempt.recordedBytes, data, maxBytes);
    if (fit.chunks.length > 0) {
      await tx.terminalChunk.createMany({ data: fit.chunks.map((chunk) => ({ attemptId, data: chunk, at })) });
      // Raw, so that recording does not touch Attempt.updatedAt: progress orders labs by it.
      await tx.$executeRaw`UPDATE attempt SET recordedBytes = recordedBytes + ${fit.addedBytes} WHERE id = ${attemptId}`;
    }
    return !fit.full;
  });
}

/** Deletes recorded output older than `retentionDays` before `now`; 0 keeps everything. Returns the chunks deleted. */
export async function pruneRecordings(now: Date, retentionDays: number): Promise<number> {
  if (retentionDays <= 0) return 0;
  const before = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
  const { count } = await getDb().terminalChunk.deleteMany({ where: { at: { lt: before } } });
  return count;
}
