// Flatnet's one Node server, composed here: Next.js for pages and route handlers, the gateway
// (lab-engine/gateway) for lab terminals with this app's adapters as its ports, /healthz, /readyz
// and /metrics for the operator (ops-endpoints.ts), the pruning of old terminal recordings, and an
// orderly shutdown: /readyz turns 503, terminals close with 1012 so pages reconnect, every live
// session is saved, then the server stops. The only module that knows both sides.

import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import next from 'next';
import { labshCommand, startGateway, testEchoDelayFromEnv, type Gateway, type SessionAuth } from '../../lab-engine/gateway';
import { getSessionUser } from './auth';
import { stampClientIp, trustedProxiesFromEnv } from './client-ip';
import { registerLiveSessions } from './live-sessions';
import { PrismaAttemptStore } from './prisma-attempt-store';
import { startRecordingPruner } from './recording-pruner';
import { recordingSettingsFromEnv } from './recording-settings';
import { metricsTokenFromEnv, serveOpsEndpoint, type OpsEndpoints } from './ops-endpoints';
import { Readiness } from './readiness';
import { getDb } from './db';
import { refuseRequest } from './request-guard';
import { securityHeaders } from './security-headers';

export interface FlatnetServerOptions {
  port: number;
  hostname: string;
  dev: boolean;
  /** Repository root: where app/, content/ and lab-engine/ live. */
  dir: string;
  log?: (message: string) => void;
  /**
   * On close, how long /readyz says `draining` before terminals are closed, so that a load
   * balancer stops sending learners here first (FLATNET_DRAIN_DELAY_MS; 0 on a single machine).
   */
  drainDelayMs?: number;
}

export interface FlatnetServer {
  url: string;
  server: Server;
  gateway: Gateway;
  close(): Promise<void>;
}

export async function startFlatnetServer(options: FlatnetServerOptions): Promise<FlatnetServer> {
  const dir = resolve(options.dir);
  const log = options.log ?? ((m: string) => console.log(`[flatnet] ${m}`));
  const auth: SessionAuth = { userFor: (headers) => getSessionUser(headers) };
  const extraOrigins = (process.env.FLATNET_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const recording = recordingSettingsFromEnv(); // a bad FLATNET_RECORDING_* fails the start
  const testEchoDelayMs = testEchoDelayFromEnv();
  if (testEchoDelayMs) log(`test hook: terminal frames to the browser held back ${testEchoDelayMs} ms (FLATNET_TEST_ECHO_DELAY_MS)`);
  const gateway = await startGateway({
    store: new PrismaAttemptStore(undefined, { maxBytes: recording.maxBytes }),
    auth,
    command: labshCommand(dir, { warn: log }),
    cwd: dir,
    contentDir: join(dir, 'content'),
    extraOrigins,
    log,
    testEchoDelayMs,
  });
  registerLiveSessions(gateway.sessions);
  const pruner = startRecordingPruner({ retentionDays: recording.retentionDays, log });

  const server = createServer();
  const app = next({ dev: options.dev, dir, hostname: options.hostname, port: options.port, httpServer: server });
  await app.prepare();
  const handle = app.getRequestHandler();
  const trustedProxies = trustedProxiesFromEnv(); // a bad FLATNET_TRUSTED_PROXIES fails the start
  const readiness = new Readiness({ pingDatabase: () => getDb().$queryRaw`SELECT 1` });
  const ops: OpsEndpoints = {
    token: metricsTokenFromEnv(),
    sample: () => ({ activeSessions: gateway.sessions.size, sessionHost: gateway.sessionHost }),
    readiness: () => readiness.verdict(),
  };
  server.on('request', (req, res) => {
    // Set before Next runs so that every response, its static files and errors included, has them.
    for (const [name, value] of Object.entries(securityHeaders(req.headers.host, options.dev))) res.setHeader(name, value);
    // /healthz and an allowed /metrics; a refused /metrics goes on to Next's 404 like any unknown path.
    if (serveOpsEndpoint(req, res, ops)) return;
    const refusal = refuseRequest(req, extraOrigins);
    if (!refusal) {
      // Before Next, which keeps a client's X-Forwarded-For: limits key on the socket's address.
      stampClientIp(req, trustedProxies);
      return void handle(req, res);
    }
    const api = (req.url ?? '').startsWith('/api/');
    res.statusCode = refusal.status;
    res.setHeader('Content-Type', api ? 'application/json' : 'text/plain; charset=utf-8');
    // The body is not read: close the connection rather than drain a refused upload.
    if (refusal.status === 413 || refusal.status === 411) res.setHeader('Connection', 'close');
    res.end(api ? JSON.stringify({ message: refusal.message }) : `${refusal.message}\n`);
  });
  const nextUpgrade = app.getUpgradeHandler();
  server.on('upgrade', (request, socket, head) => {
    if (gateway.handles(request)) gateway.handleUpgrade(request, socket, head);
    // Next's own upgrades are its dev server's hot reload; production has none.
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
    gateway,
    close: async () => {
      if (closed) return;
      closed = true;
      readiness.startDraining();
      if (options.drainDelayMs) await new Promise((r) => setTimeout(r, options.drainDelayMs));
      pruner.dispose();
      await gateway.close();
      await new Promise<void>((r) => server.close(() => r()));
      await app.close();
    },
  };
}
