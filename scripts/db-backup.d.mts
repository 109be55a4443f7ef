// Types for db-backup.mjs (plain JavaScript so `npm run db:backup` needs no TypeScript loader).

import type { Database } from 'better-sqlite3';

export declare const BACKUP_BUSY_TIMEOUT_MS: number;

export interface BackupOptions {
  url?: string;
  cwd?: string;
  /** Destination file; default defaultBackupFile(). */
  to?: string;
  now?: Date;
}

export interface BackupResult {
  dbFile: string;
  file: string;
  bytes: number;
  ms: number;
}

export declare function utcStamp(date: Date): string;
export declare function integrityProblems(sqlite: Database): string[];
export declare function defaultBackupFile(dbFile: string, now?: Date): string;
export declare function backupDatabase(options?: BackupOptions): Promise<BackupResult>;
export declare function formatBytes(bytes: number): string;
