// Flatnet's one Node server: Next.js for pages and route handlers, plus the WebSocket upgrade
// for lab terminals, the control channel for labsh children, and an orderly shutdown that
// snapshots every live session.

import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import next from 'next';
import { ControlServer } from './control-server';
import { SessionManager } from './session-manager';
import { createTerminalUpgradeHandler, TERMINAL_PATH } from './terminal-socket';
import { PrismaAttemptStore } from './prisma-attempt-store';
import { labshCommand } from './labsh-command';
import { getSessionUser } from '../../app/_server/auth';
import { getAttemptForUser } from '../../app/_server/attempts';
import { registerSessionManager } from '../../app/_server/live-sessions';

export interface FlatnetServerOptions {
  port: number;
  hostname: string;
  dev: boolean;
  /** Repository root: where app/, content/ and lab-engine/ live. */
  dir: string;
  log?: (message: string) => void;
}

export interface FlatnetServer {
  url: string;
  server: Server;
  sessions: SessionManager;
  close(): Promise<void>;
}

export async function startFlatnetServer(options: FlatnetServerOptions): Promise<FlatnetServer> {
  const dir = resolve(options.dir);
  const log = options.log ?? ((m: string) => console.log(`[flatnet] ${m}`));
  const control = new ControlServer();
  await control.listen();
  const sessions = new SessionManager({
    store: new PrismaAttemptStore(),
    control,
    command: labshCommand(dir),
    cwd: dir,
    contentDir: join(dir, 'content'),
    log,
  });
  registerSessionManager(sessions);

  const server = createServer();
  const app = next({ dev: options.dev, dir, hostname: options.hostname, port: options.port, httpServer: server });
  await app.prepare();
  const handle = app.getRequestHandler();
  server.on('request', (req, res) => void handle(req, res));

  const terminal = createTerminalUpgradeHandler({
    sessions,
    extraOrigins: (process.env.FLATNET_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    log,
    auth: {
      userFor: (request) => getSessionUser(request.headers),
      attemptFor: async (attemptId, userId) => {
        const attempt = await getAttemptForUser(attemptId, userId);
        // A reset attempt is closed: a stale tab must not bring its terminal back.
        if (!attempt || attempt.status === 'reset') return null;
        return { id: attempt.id, userId: attempt.userId, labId: attempt.labId, seed: attempt.seed };
      },
    },
  });
  const nextUpgrade = app.getUpgradeHandler();
  server.on('upgrade', (request, socket, head) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (pathname === TERMINAL_PATH) terminal.handleUpgrade(request, socket, head);
    else if (options.dev) void nextUpgrade(request, socket, head);
    else socket.destroy();
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname, () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.hostname === '0.0.0.0' ? 'localhost' : options.hostname}:${port}`;

  let closed = false;
  return {
    url,
    server,
    sessions,
    close: async () => {
      if (closed) return;
      closed = true;
      terminal.close();
      await sessions.shutdown();
      await control.close();
      await new Promise<void>((r) => server.close(() => r()));
      await app.close();
    },
  };
}
