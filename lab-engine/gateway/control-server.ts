// The gateway's end of the control channel: one Unix socket in a private temp directory; each
// labsh child proves which session it belongs to with the one-time token it was spawned with.

import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { controlDirPrefix, removeStaleControlDirs } from './stale-control-dirs';
import { NdjsonDecoder, encodeMessage, isLabshMessage, type GatewayMessage, type LabshMessage } from '../protocol';

export interface ControlConnection {
  send(message: GatewayMessage): void;
  close(): void;
}

export interface ControlHandler {
  /** Called once the child said hello with this token; returns the init message to send it (or its promise). */
  onHello(connection: ControlConnection): GatewayMessage | Promise<GatewayMessage>;
  onMessage(message: LabshMessage): void;
  onClose(): void;
}

export class ControlServer {
  readonly socketPath: string;
  private readonly dir: string;
  private readonly server: Server;
  private readonly pending = new Map<string, ControlHandler>();
  private readonly sockets = new Set<Socket>();

  constructor(private readonly log: (message: string) => void = () => undefined) {
    this.dir = mkdtempSync(join(tmpdir(), controlDirPrefix()));
    chmodSync(this.dir, 0o700);
    this.socketPath = join(this.dir, 'control.sock');
    this.server = createServer((socket) => this.accept(socket));
  }

  async listen(): Promise<void> {
    // A gateway that crashed left its folder behind; the first one up after it tidies them.
    const removed = await removeStaleControlDirs(tmpdir());
    if (removed.length) this.log(`control channel: removed ${removed.length} stale control folder(s) in ${tmpdir()}`);
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.socketPath, () => resolve());
    });
  }

  /** Registers a handler and returns the token the child must present. */
  expect(handler: ControlHandler): string {
    const token = randomBytes(24).toString('base64url');
    this.pending.set(token, handler);
    return token;
  }

  forget(token: string): void {
    this.pending.delete(token);
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.setEncoding('utf8');
    let handler: ControlHandler | undefined;
    const connection: ControlConnection = {
      send: (m) => {
        if (!socket.destroyed) socket.write(encodeMessage(m));
      },
      close: () => socket.destroy(),
    };
    // A child that sends a line the protocol does not know is hung up on (onError): it runs the
    // learner's commands, so a malformed message is treated as hostile, not as a typo.
    const decoder = new NdjsonDecoder(
      isLabshMessage,
      (message) => {
        if (!handler) {
          if (message.type !== 'hello') return socket.destroy();
          handler = this.pending.get(message.token);
          if (!handler) return socket.destroy();
          this.pending.delete(message.token);
          void Promise.resolve(handler.onHello(connection)).then((init) => connection.send(init));
          return;
        }
        handler.onMessage(message);
      },
      (error) => {
        this.log(`control channel: ${error}; hanging up on the child`);
        socket.destroy();
      },
    );
    socket.on('data', (chunk: string) => decoder.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sockets.delete(socket);
      handler?.onClose();
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
