// The WebSocket door to a lab terminal. Every check happens during the HTTP upgrade, before a
// socket is accepted or a pty spawned: the Origin, the session cookie, the attempt's owner.
// Then it bridges frames (protocol/terminal-frames.ts): binary frames carry terminal output, text
// frames carry JSON events; what the browser sends passes the protocol's guard or is dropped.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import { isAllowedOrigin } from './origin-policy';
import type { AttemptRef, AttemptStore, SessionAuth } from './ports';
import { SERVICE_RESTART_CLOSE_CODE, SESSION_REFUSED_CLOSE_CODE, encodeTerminalFrame, parseTerminalClientFrame } from '../protocol';
import { AdmissionRefusedError } from './admission';
import type { SessionManager } from './session-manager';
import type { TerminalClient } from './lab-session';
import { GATEWAY_LIMITS } from './gateway-limits';
import { delayed } from './test-echo-delay';

export interface TerminalSocketOptions {
  auth: SessionAuth;
  attempts: Pick<AttemptStore, 'findForUser'>;
  sessions: SessionManager;
  extraOrigins: string[];
  log: (message: string) => void;
  /** Test hook: hold frames to the browser back this long (test-echo-delay.ts); 0 in production. */
  testEchoDelayMs?: number;
}

/** How long a stopping gateway waits for browsers to answer its close frames before cutting them off. */
const CLOSE_HANDSHAKE_MS = 1000;

function refuse(socket: Duplex, status: 401 | 403 | 404 | 400 | 503, reason: string): void {
  const text = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' }[status];
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
}

export function createTerminalUpgradeHandler(options: TerminalSocketOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: GATEWAY_LIMITS.maxWebSocketMessageBytes });
  let closing = false;

  const handleUpgrade = async (request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    socket.on('error', () => undefined);
    // A stopping server starts nothing new: the page retries, and finds this one restarted or another.
    if (closing) return refuse(socket, 503, 'server restarting');
    if (!isAllowedOrigin(request.headers.origin, request.headers.host, { extraOrigins: options.extraOrigins })) {
      options.log(`terminal: refused upgrade, origin not allowed`);
      return refuse(socket, 403, 'origin not allowed');
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    const attemptId = url.searchParams.get('attempt');
    if (!attemptId || !/^[A-Za-z0-9_-]{1,64}$/.test(attemptId)) return refuse(socket, 400, 'attempt required');
    let user: { id: string } | null;
    try {
      user = await options.auth.userFor(request.headers);
    } catch {
      user = null;
    }
    if (!user) return refuse(socket, 401, 'sign in first');
    const attempt = await options.attempts.findForUser(attemptId, user.id);
    // Someone else's attempt and a missing one answer the same, so ids cannot be probed.
    if (!attempt) return refuse(socket, 404, 'no such attempt');
    const cols = Number(url.searchParams.get('cols')) || 100;
    const rows = Number(url.searchParams.get('rows')) || 30;
    if (closing) return refuse(socket, 503, 'server restarting');
    wss.handleUpgrade(request, socket, head, (ws) => void bridge(ws, attempt, { cols, rows }));
  };

  const bridge = async (ws: WebSocket, attempt: AttemptRef, size: { cols: number; rows: number }) => {
    const later = (send: () => void) => delayed(options.testEchoDelayMs ?? 0, send)();
    const client: TerminalClient = {
      sendOutput: (data) =>
        later(() => {
          if (ws.readyState === WebSocket.OPEN) ws.send(Buffer.from(data, 'utf8'), { binary: true });
        }),
      sendEvent: (event) =>
        later(() => {
          if (ws.readyState === WebSocket.OPEN) ws.send(encodeTerminalFrame(event));
        }),
      bufferedAmount: () => ws.bufferedAmount,
    };
    let session;
    try {
      session = await options.sessions.sessionFor(attempt);
    } catch (error) {
      // Refused after the upgrade, not during it: a browser can read an event, not a 503's body.
      if (error instanceof AdmissionRefusedError) {
        client.sendEvent({ type: 'refused', reason: error.reason, running: error.running, limit: error.limit });
        ws.close(SESSION_REFUSED_CLOSE_CODE, error.reason);
        return;
      }
      options.log(`terminal: could not start attempt ${attempt.id}: ${error}`);
      ws.close(1011, 'lab could not start');
      return;
    }
    session.attach(client, size);
    ws.on('message', (raw, isBinary) => {
      if (isBinary) return;
      const frame = parseTerminalClientFrame(raw.toString());
      if (!frame) return;
      switch (frame.type) {
        case 'input':
          return session.input(frame.data);
        case 'resize':
          return session.resize(frame.cols, frame.rows);
        case 'wait':
          return session.waitFor(frame.condition);
        default: {
          const never: never = frame;
          return never;
        }
      }
    });
    ws.on('close', () => session.detach(client));
    ws.on('error', () => session.detach(client));
  };

  return {
    handleUpgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      handleUpgrade(request, socket, head).catch((error) => {
        options.log(`terminal: upgrade failed: ${error}`);
        refuse(socket, 400, 'upgrade failed');
      });
    },
    /**
     * Closes every terminal with 1012 (Service Restart), so that pages reconnect rather than report
     * a failure, and refuses new ones; a browser that does not answer the close is cut off.
     */
    close: async (): Promise<void> => {
      closing = true;
      const open = [...wss.clients];
      await Promise.all(
        open.map(
          (client) =>
            new Promise<void>((resolve) => {
              if (client.readyState === WebSocket.CLOSED) return resolve();
              const cutOff = setTimeout(() => client.terminate(), CLOSE_HANDSHAKE_MS);
              client.once('close', () => {
                clearTimeout(cutOff);
                resolve();
              });
              client.close(SERVICE_RESTART_CLOSE_CODE, 'server restarting');
            }),
        ),
      );
      wss.close();
    },
  };
}
