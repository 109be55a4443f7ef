// Retrying SQLite writes that lost the race for its single write lock (issue 14, finding 9: with
// another process holding the lock for 8 s, a command_event insert timed out once and was lost).
// Each try already waits the connection's busy timeout (db.ts); after that the write is tried
// again with capped exponential back-off on an injected clock, for minutes rather than never,
// because a write that cannot land in that long means the database is broken, not busy.

export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface SqliteRetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** Past this, the last error is thrown (and logged by the caller). */
  giveUpAfterMs: number;
}

export const SQLITE_RETRY_POLICY: SqliteRetryPolicy = { firstDelayMs: 50, maxDelayMs: 2_000, giveUpAfterMs: 10 * 60_000 };

export const systemClock: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_LOCKED']);
// Prisma's codes for a timed-out operation, a transaction that lost a write conflict, and a
// transaction that could not start in time (interactive transactions under a held lock).
const PRISMA_BUSY_CODES = new Set(['P1008', 'P2034', 'P2028']);

/** True for the errors that mean "someone else holds the write lock", never for a bad write. */
export function isSqliteBusy(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } };
  if (typeof e.code === 'string' && (BUSY_CODES.has(e.code) || PRISMA_BUSY_CODES.has(e.code))) return true;
  const original = e.meta?.driverAdapterError?.cause?.originalCode;
  if (typeof original === 'string' && BUSY_CODES.has(original)) return true;
  return typeof e.message === 'string' && /SQLITE_BUSY|database (table )?is locked/i.test(e.message);
}

export interface SqliteRetryOptions {
  clock?: RetryClock;
  policy?: SqliteRetryPolicy;
  /** Told of each retry, so a long lock shows in the server's log. */
  log?: (message: string) => void;
}

/** Runs `write`, trying again while SQLite is busy; other errors are thrown at once. */
export async function withSqliteRetry<T>(what: string, write: () => Promise<T>, options: SqliteRetryOptions = {}): Promise<T> {
  const clock = options.clock ?? systemClock;
  const policy = options.policy ?? SQLITE_RETRY_POLICY;
  const started = clock.now();
  let delay = policy.firstDelayMs;
  for (let tries = 1; ; tries += 1) {
    try {
      return await write();
    } catch (error) {
      if (!isSqliteBusy(error) || clock.now() - started >= policy.giveUpAfterMs) throw error;
      options.log?.(`${what}: database busy (try ${tries}); retrying in ${delay} ms`);
      await clock.sleep(delay);
      delay = Math.min(policy.maxDelayMs, delay * 2);
    }
  }
}
