// Types for db-setup.mjs (plain JavaScript so `npm run db:setup` needs no TypeScript loader).

export interface SetupOptions {
  url?: string;
  cwd?: string;
  migrationsDir?: string;
  env?: Record<string, string | undefined>;
}

export interface SetupResult {
  dbFile: string;
  applied: string[];
  total: number;
  seed: string | null;
}

export declare function setupDatabase(options?: SetupOptions): Promise<SetupResult>;
