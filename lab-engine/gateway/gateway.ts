// The gateway as one object its host starts and stops: the control channel for labsh children,
// the SessionManager, and the terminal WebSocket's upgrade handler. The host owns the HTTP server
// and routes upgrades for TERMINAL_PATH here; persistence and sign-in come in as ports.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { TERMINAL_PATH } from '../protocol';
import { ControlServer } from './control-server';
import { processChildFactory, type LabshCommand } from './lab-process';
import { sessionHostFromEnv, type LabChildFactory, type SessionHostKind } from './lab-child';
import { SessionHostPool } from './session-host-pool';
import { GATEWAY_LIMITS } from './gateway-limits';
import type { AttemptStore, SessionAuth } from './ports';
import { SessionManager } from './session-manager';
import type { AdmissionLimits } from './admission';
import { createTerminalUpgradeHandler } from './terminal-socket';

export interface GatewayOptions {
  store: AttemptStore;
  auth: SessionAuth;
  /** How to start one labsh child (labsh-command.ts in production, a fake in tests). */
  command: LabshCommand;
  /** Where sessions run; FLATNET_SESSION_HOST by default. `worker` needs a command with `hostArgs`. */
  sessionHost?: SessionHostKind;
  cwd: string;
  contentDir: string;
  /** Origins accepted for the WebSocket handshake besides the request's own host (FLATNET_ORIGINS). */
  extraOrigins: string[];
  log: (message: string) => void;
  /** CPU watchdog timing; tests shorten it. */
  cpuWatchdog?: { sampleMs: number; limitMs: number; busyFraction?: number };
  /** Test hook: delay of every frame to the browser (test-echo-delay.ts); 0 or absent in production. */
  testEchoDelayMs?: number;
  /** Session caps; defaults from GATEWAY_LIMITS (FLATNET_MAX_SESSIONS, FLATNET_MAX_SESSIONS_PER_USER). */
  admission?: AdmissionLimits;
}

/** Where this gateway's sessions run, read-only: for the server's /metrics. */
export interface SessionHostView {
  /** `process` also when `worker` was asked for but the command cannot host sessions. */
  readonly kind: SessionHostKind;
  /** Session host processes running now; 0 for `process`, whose sessions are processes themselves. */
  readonly processes: number;
}

export interface Gateway {
  sessions: SessionManager;
  sessionHost: SessionHostView;
  /** True for the upgrade requests this gateway answers. */
  handles(request: IncomingMessage): boolean;
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every terminal, snapshots and stops every session, then the control channel. */
  close(): Promise<void>;
}

/** The session host: worker threads in shared host processes, or one labsh process per session. */
function childFactory(options: GatewayOptions, control: ControlServer): LabChildFactory {
  const kind = options.sessionHost ?? sessionHostFromEnv();
  const { command } = options;
  if (kind === 'worker' && command.hostArgs) {
    return new SessionHostPool({
      command: { file: command.file, args: command.hostArgs, env: command.env },
      cwd: options.cwd,
      contentDir: options.contentDir,
      log: options.log,
    });
  }
  if (kind === 'worker') options.log('this labsh command cannot host sessions (no hostArgs); one process per session');
  return processChildFactory({ command, control, cwd: options.cwd, contentDir: options.contentDir, maxOldSpaceMb: GATEWAY_LIMITS.labshMaxOldSpaceMb });
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const control = new ControlServer(options.log);
  await control.listen();
  options.command.prepareControlSocket?.(control.socketPath);
  const children = childFactory(options, control);
  const sessions = new SessionManager(
    {
      store: options.store,
      children,
      log: options.log,
      cpuWatchdog: options.cpuWatchdog,
    },
    {
      limits: options.admission ?? {
        maxSessions: children.kind === 'worker' ? GATEWAY_LIMITS.maxSessionsOnHosts : GATEWAY_LIMITS.maxSessions,
        maxSessionsPerUser: GATEWAY_LIMITS.maxSessionsPerUser,
      },
    },
  );
  const terminal = createTerminalUpgradeHandler({
    auth: options.auth,
    attempts: options.store,
    sessions,
    extraOrigins: options.extraOrigins,
    log: options.log,
    testEchoDelayMs: options.testEchoDelayMs,
  });
  const sessionHost: SessionHostView = {
    kind: children.kind,
    get processes() {
      return children instanceof SessionHostPool ? children.hostPids.length : 0;
    },
  };
  let closed = false;
  return {
    sessions,
    sessionHost,
    handles: (request) => new URL(request.url ?? '/', 'http://localhost').pathname === TERMINAL_PATH,
    handleUpgrade: (request, socket, head) => terminal.handleUpgrade(request, socket, head),
    close: async () => {
      if (closed) return;
      closed = true;
      await terminal.close();
      await sessions.shutdown();
      await children.close();
      await control.close();
    },
  };
}
