// One labsh child in a pty of its own (FLATNET_SESSION_HOST=process): spawning it with a minimal
// environment and a memory cap, the control-channel handshake, and disposal. It knows nothing
// about WebSockets or browsers. While the child boots, its lab is loaded here (lab-init.ts) and
// sent with `init`; a child that says hello first waits for that load (bounded): when many start
// at once, the gateway's loads finish after some hellos, and those children used to read the lab
// themselves (45 → 51 MB each).

import { spawn, type IPty } from 'node-pty';
import type { GatewayMessage, WaitCondition } from '../protocol';
import type { ControlConnection, ControlServer } from './control-server';
import type { LabChild, LabChildFactory, LabChildStart } from './lab-child';
import { prepareInit } from './lab-init';

export interface LabshCommand {
  file: string;
  args: string[];
  /** The arguments that start a session host instead (`labsh --host`); absent, sessions run one process each. */
  hostArgs?: string[];
  /** Added to the child's minimal environment (labsh-command.ts: the allocator setting of LABSH_ENV). */
  env?: Record<string, string>;
  /** Called once the control socket listens, before any child starts (labsh-sandbox.ts: lets its uid connect). */
  prepareControlSocket?(socketPath: string): void;
}

export interface LabProcessOptions extends LabChildStart {
  command: LabshCommand;
  control: ControlServer;
  cwd: string;
  contentDir: string;
  /** Heap cap for the child; one runaway command cannot eat the host. */
  maxOldSpaceMb: number;
}

export class LabProcess implements LabChild {
  private readonly pty: IPty;
  private readonly token: string;
  private connection: ControlConnection | null = null;
  private disposed = false;

  constructor(private readonly options: LabProcessOptions) {
    const init = prepareInit(options);
    this.token = options.control.expect({
      onHello: async (connection) => {
        const message = await init();
        // Only now: nothing may reach the child before its init.
        this.connection = connection;
        return message;
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
        ...options.command.env,
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

  cpuStatPath(): string {
    return `/proc/${this.pty.pid}/stat`;
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
    this.send({ type: 'request-snapshot' });
  }

  waitFor(condition: WaitCondition): void {
    this.send({ type: 'wait', condition });
  }

  private send(message: GatewayMessage): void {
    this.connection?.send(message);
  }

  kill(): void {
    try {
      process.kill(this.pty.pid, 'SIGKILL');
    } catch {
      // already gone
    }
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

/** One labsh process per session, each in its own pty, all on one control socket. */
export function processChildFactory(options: { command: LabshCommand; control: ControlServer; cwd: string; contentDir: string; maxOldSpaceMb: number }): LabChildFactory {
  return {
    kind: 'process',
    start: (start) => new LabProcess({ ...start, ...options }),
    close: async () => undefined,
  };
}
