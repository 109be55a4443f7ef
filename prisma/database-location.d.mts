// Types for database-location.mjs (kept in JavaScript so plain-Node scripts can import it).

export declare const DEFAULT_DATABASE_URL: string;
export declare function databaseUrl(env?: Record<string, string | undefined>): string;
export declare function databaseFile(url?: string, cwd?: string): string;
export declare function dataDirectory(url?: string, cwd?: string): string;
