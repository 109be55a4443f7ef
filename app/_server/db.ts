// The one Prisma Client of the process, on SQLite through the better-sqlite3 driver adapter
// (Prisma 7 needs no native engine that way). Imported by Next's route handlers and server
// actions and, in the same process, by the server entry (main.ts) under tsx: those are two
// separate module instances, so the client is kept on globalThis and both share one connection.
//
// The schema is made by `npm run db:setup` (scripts/db-setup.mjs), which also switches the file
// to WAL mode; WAL is a property of the database file, so every later connection inherits it.
// The adapter is wrapped (sqlite-adapter.ts) so write transactions take the write lock up front
// and nothing interleaves with an open transaction on the shared connection.

import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/prisma/client';
import { immediateTransactions } from './sqlite-adapter';
import { databaseFile } from '../../prisma/database-location.mjs';

/** How long a write waits for another writer (the gateway vs. a request) before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

interface DbHolder {
  client: PrismaClient;
  file: string;
}

const holder = globalThis as typeof globalThis & { __flatnetDb?: DbHolder };

/**
 * The shared client, created on first use so that DATABASE_URL is read when the database is
 * first needed (tests point it at a temporary file before that). Connecting is lazy as well.
 */
export function getDb(): PrismaClient {
  const file = databaseFile();
  const current = holder.__flatnetDb;
  if (current && current.file === file) return current.client;
  if (current) void current.client.$disconnect();
  const adapter = immediateTransactions(new PrismaBetterSqlite3({ url: `file:${file}`, timeout: BUSY_TIMEOUT_MS }));
  // maxWait: an interactive transaction queued behind others on this connection waits as long as
  // a write waits for another process's lock, not Prisma's default 2 s (a busy minute would fail).
  const client = new PrismaClient({ adapter, transactionOptions: { maxWait: BUSY_TIMEOUT_MS } });
  holder.__flatnetDb = { client, file };
  return client;
}

/** Closes the shared connection (tests, orderly shutdown); the next getDb() reopens it. */
export async function disconnectDb(): Promise<void> {
  const current = holder.__flatnetDb;
  holder.__flatnetDb = undefined;
  if (current) await current.client.$disconnect();
}

export type { PrismaClient };
