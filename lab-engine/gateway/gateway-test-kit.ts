// Test kit for the gateway: a bare HTTP server routing upgrades to the gateway, started as the
// app's server starts it (startGateway) but with fake auth and a memory store, its sessions running
// testdata/fake-labsh.mjs (so gateway behaviour is tested on its own) or, for benchmarks, the real labsh.

import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { TERMINAL_PATH } from '../protocol';
import { startGateway } from './gateway';
import type { LabshCommand } from './lab-process';
import type { SessionManager } from './session-manager';
import type { AttemptRef, SessionAuth } from './ports';
import { MemoryAttemptStore } from './memory-attempt-store';
import type { AdmissionLimits } from './admission';
import type { SessionHostKind } from './lab-child';

export interface GatewayKit {
  url: string;
  store: MemoryAttemptStore;
  sessions: SessionManager;
  spawnRequests: string[];
  close(): Promise<void>;
}

const FAKE_LABSH = fileURLToPath(new URL('./testdata/fake-labsh.mjs', import.meta.url));

export interface GatewayKitOptions {
  /** The child to spawn per session; defaults to the fake labsh. */
  command?: LabshCommand;
  contentDir?: string;
  cpuWatchdog?: { sampleMs: number; limitMs: number; busyFraction?: number };
  /** Session caps; none by default, since kit users open many sessions as one user on purpose. */
  admission?: AdmissionLimits;
  /** Where sessions run (FLATNET_SESSION_HOST by default); the fake labsh runs only as processes. */
  sessionHost?: SessionHostKind;
}

/** `attempts` is read on every handshake, so a caller may add attempts after the kit started. */
export async function startGatewayKit(
  attempts: AttemptRef[],
  users: Record<string, string>,
  options: GatewayKitOptions = {},
): Promise<GatewayKit> {
  const store = new MemoryAttemptStore(attempts);
  // The fake cookie is `session=<token>`; users maps tokens to user ids.
  const auth: SessionAuth = {
    userFor: async (headers) => {
      const token = /session=([^;]+)/.exec(headers.cookie ?? '')?.[1];
      return token && users[token] ? { id: users[token] } : null;
    },
  };
  const gateway = await startGateway({
    store,
    auth,
    command: options.command ?? { file: process.execPath, args: [FAKE_LABSH] },
    cwd: process.cwd(),
    contentDir: options.contentDir ?? process.cwd(),
    extraOrigins: [],
    log: () => undefined,
    cpuWatchdog: options.cpuWatchdog,
    admission: options.admission ?? { maxSessions: Infinity, maxSessionsPerUser: Infinity },
    sessionHost: options.sessionHost,
  });
  const sessions = gateway.sessions;
  const spawnRequests: string[] = [];
  const original = sessions.sessionFor.bind(sessions);
  sessions.sessionFor = (attempt) => {
    spawnRequests.push(attempt.id);
    return original(attempt);
  };
  const server: Server = createServer((_req, res) => res.end('ok'));
  server.on('upgrade', (request, socket, head) => {
    if (gateway.handles(request)) gateway.handleUpgrade(request, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    sessions,
    spawnRequests,
    close: async () => {
      await gateway.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export interface TestTerminal {
  ws: WebSocket;
  output(): string;
  events: Array<Record<string, unknown>>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves at the next output frame. */
  nextOutput(timeoutMs?: number): Promise<void>;
  type(text: string): void;
}

export function openTerminal(url: string, attemptId: string, headers: Record<string, string>): Promise<TestTerminal> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}${TERMINAL_PATH}?attempt=${attemptId}`, { headers });
    let text = '';
    const events: Array<Record<string, unknown>> = [];
    const waiters: Array<() => void> = [];
    ws.on('message', (data, isBinary) => {
      if (isBinary) for (const wake of waiters.splice(0)) wake();
      // Drop escape sequences (readline's cursor moves) so tests match what a learner reads.
      // eslint-disable-next-line no-control-regex -- ESC is exactly what this strips
      if (isBinary) text += data.toString().replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
      else events.push(JSON.parse(data.toString()));
    });
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
    ws.on('open', () =>
      resolve({
        ws,
        output: () => text,
        events,
        type: (t) => ws.send(JSON.stringify({ type: 'input', data: t })),
        nextOutput: (timeoutMs = 5000) =>
          new Promise<void>((res, rej) => {
            const timer = setTimeout(() => rej(new Error('no output')), timeoutMs);
            waiters.push(() => {
              clearTimeout(timer);
              res();
            });
          }),
        waitFor: (pattern, timeoutMs = 5000) =>
          new Promise((res, rej) => {
            const started = Date.now();
            const poll = setInterval(() => {
              if (pattern.test(text)) {
                clearInterval(poll);
                res();
              } else if (Date.now() - started > timeoutMs) {
                clearInterval(poll);
                rej(new Error(`timed out waiting for ${pattern}; got:\n${text}`));
              }
            }, 10);
          }),
      }),
    );
  });
}
