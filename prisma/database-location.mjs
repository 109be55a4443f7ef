// Where Flatnet's SQLite database lives, decided in one place for the setup scripts, the Prisma
// Client singleton and the auth secret (which sits beside the database file).
// Plain JavaScript so the setup scripts run under bare `node`; typed by database-location.d.mts.

import { dirname, isAbsolute, resolve } from 'node:path';

export const DEFAULT_DATABASE_URL = 'file:./data/flatnet.db';

/** DATABASE_URL if set, else the default. */
export function databaseUrl(env = process.env) {
  const url = env.DATABASE_URL?.trim();
  return url ? url : DEFAULT_DATABASE_URL;
}

/**
 * The absolute path of the SQLite file a `file:` URL names. Relative paths resolve against the
 * working directory (the repository root for npm scripts and the gateway), as better-sqlite3
 * itself would; resolving once here means every process opens the same file.
 */
export function databaseFile(url = databaseUrl(), cwd = process.cwd()) {
  if (!url.startsWith('file:')) {
    throw new Error(`DATABASE_URL must be a SQLite file URL such as ${DEFAULT_DATABASE_URL}`);
  }
  // Prisma-style URLs may carry options after '?'; better-sqlite3 takes a bare path.
  const path = url.slice('file:'.length).split('?')[0].replace(/^\/\/(?=\/)/, '');
  if (!path || path === ':memory:') {
    throw new Error('DATABASE_URL must name a file: progress has to survive a restart');
  }
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** The directory holding the database file; other server-side state (the auth secret) goes here too. */
export function dataDirectory(url = databaseUrl(), cwd = process.cwd()) {
  return dirname(databaseFile(url, cwd));
}
