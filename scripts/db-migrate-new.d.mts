// Types for db-migrate-new.mjs (plain JavaScript so it runs under bare `node`).

export declare function migrationTimestamp(date?: Date): string;
export declare function normalizeMigrationName(name: string): string;
export declare function createMigration(options: {
  name: string;
  schemaPath?: string;
  migrationsDir?: string;
  now?: Date;
}): Promise<string | null>;
