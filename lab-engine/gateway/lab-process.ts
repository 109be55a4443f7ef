// One labsh child in a pty: spawning it with a minimal environment and a memory cap, the
// control-channel handshake, and disposal. It knows nothing about WebSockets or browsers.

import { spawn, type IPty } from 'node-pty';
import type { SimulationSnapshot } from '../simulation/contract';
import type { LabshMessage } from '../labsh/control-messages';
import type { ControlConnection, ControlServer } from './control-server';

export interface LabshCommand {
  file: string;
  args: string[];
}

export interface LabProcessOptions {
  command: LabshCommand;
  control: ControlServer;
  cwd: string;
  contentDir: string;
  labId: string;
  seed: number;
  snapshot: SimulationSnapshot | null;
  cols: number;
  rows: number;
  /** Heap cap for the child; one runaway command cannot eat the host. */
  maxOldSpaceMb: number;
  onOutput(data: string): void;
  onMessage(message: LabshMessage): void;
  onExit(exit: { exitCode: number; signal?: number }): void;
}

export class LabProcess {
  private readonly pty: IPty;
  private readonly token: string;
  private connection: ControlConnection | null = null;
  private disposed = false;

  constructor(private readonly options: LabProcessOptions) {
    this.token = options.control.expect({
      onHello: (connection) => {
        this.connection = connection;
        return { type: 'init', labId: options.labId, seed: options.seed, snapshot: options.snapshot };
      },
      onMessage: (message) => options.onMessage(message),
      onClose: () => {
        this.connection = null;
      },
    });
    this.pty = spawn(options.command.file, options.command.args, {
      name: 'xterm-256color',
      cols: options.cols,
      rows: options.rows,
      cwd: options.cwd,
      // Only what labsh needs: none of the server's secrets, paths or tokens reach the learner's shell.
      env: {
        PATH: '/usr/bin:/bin',
        TERM: 'xterm-256color',
        LANG: 'C.UTF-8',
        NODE_OPTIONS: `--max-old-space-size=${options.maxOldSpaceMb}`,
        FLATNET_CONTROL_SOCKET: options.control.socketPath,
        FLATNET_SESSION_TOKEN: this.token,
        FLATNET_CONTENT_DIR: options.contentDir,
      },
    });
    this.pty.onData((data) => options.onOutput(data));
    this.pty.onExit((exit) => {
      options.control.forget(this.token);
      if (!this.disposed) options.onExit(exit);
    });
  }

  get pid(): number {
    return this.pty.pid;
  }

  write(data: string): void {
    if (!this.disposed) this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    if (!this.disposed) this.pty.resize(cols, rows);
  }

  pause(): void {
    this.pty.pause();
  }

  resume(): void {
    this.pty.resume();
  }

  requestSnapshot(): void {
    this.connection?.send({ type: 'request-snapshot' });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.options.control.forget(this.token);
    this.connection?.close();
    try {
      this.pty.kill();
    } catch {
      // already gone
    }
  }
}
