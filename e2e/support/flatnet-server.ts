// Starts a real Flatnet server (the production build, its own SQLite file) on a free loopback
// port for end-to-end tests, and stops it. Several can run at once (the restart test needs its own).

import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningServer {
  url: string;
  port: number;
  pid: number;
  databaseUrl: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => res(port));
    });
  });
}

export function newDatabaseUrl(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flatnet-e2e-'));
  return `file:${join(dir, 'flatnet.db')}`;
}

export async function startServer(options: { databaseUrl?: string; port?: number; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const databaseUrl = options.databaseUrl ?? newDatabaseUrl();
  const port = options.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = { ...process.env, FLATNET_AUTH_RATE_LIMIT: 'off', NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', ...options.env };
  execFileSync(process.execPath, ['scripts/db-setup.mjs'], { cwd: ROOT, env, stdio: 'pipe' });
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'app/_server/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('[flatnet] ready on')) {
        clearTimeout(timer);
        res();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    databaseUrl,
    stop: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
