// Types for db-restore.mjs (plain JavaScript so `npm run db:restore` needs no TypeScript loader).

export declare class DatabaseInUseError extends Error {}

export interface RestoreOptions {
  from: string;
  url?: string;
  cwd?: string;
  now?: Date;
  migrationsDir?: string;
}

export interface RestoreResult {
  dbFile: string;
  /** The copy of the replaced database, or null when there was none. */
  keptAs: string | null;
  /** The migrations applied in the restored database. */
  migrations: string[];
}

export declare function checkBackup(file: string, migrationsDir?: string): string[];
export declare function restoreDatabase(options: RestoreOptions): RestoreResult;
