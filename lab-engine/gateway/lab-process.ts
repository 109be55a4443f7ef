// One labsh child in a pty: spawning it with a minimal environment and a memory cap, the
// control-channel handshake, and disposal. It knows nothing about WebSockets or browsers.
// While the child boots, the lab is loaded and validated here and sent with `init`: the child
// then never loads YAML and zod (about 3-4 MB of every idle session, measured). A child that says
// hello first waits for that load (bounded): when many start at once, the gateway's loads finish
// after some hellos, and those children used to read the lab themselves (45 → 51 MB each).

import { spawn, type IPty } from 'node-pty';
import type { SimulationSnapshot } from '../simulation/contract';
import { MAX_CONTROL_MESSAGE_BYTES, encodeMessage, type GatewayMessage, type LabshMessage, type WaitCondition } from '../protocol';
import type { Lab } from '../labs/loader';
import type { ControlConnection, ControlServer } from './control-server';

// Imported when the gateway starts, so even the first child's lab is loaded before it says hello.
const labLoader = import('../labs/loader');

/** How long a child's init waits for the gateway's load of its lab before the child reads it itself. */
const LAB_LOAD_WAIT_MS = 2000;

export interface LabshCommand {
  file: string;
  args: string[];
  /** Added to the child's minimal environment (labsh-command.ts: the allocator setting of LABSH_ENV). */
  env?: Record<string, string>;
  /** Called once the control socket listens, before any child starts (labsh-sandbox.ts: lets its uid connect). */
  prepareControlSocket?(socketPath: string): void;
}

export interface LabProcessOptions {
  command: LabshCommand;
  control: ControlServer;
  cwd: string;
  contentDir: string;
  labId: string;
  /** The lab, already loaded by the host (an authored lab); else it is loaded from contentDir. */
  lab?: Lab;
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
  private lab: Lab | undefined;
  private readonly labLoaded: Promise<void>;

  constructor(private readonly options: LabProcessOptions) {
    // A lab that fails to load here, or is not loaded soon after the child's hello, is left to the child,
    // which loads it itself and reports any problem in the terminal as before.
    this.lab = options.lab;
    this.labLoaded = options.lab
      ? Promise.resolve()
      : labLoader
          .then(({ loadLabById }) => loadLabById(options.contentDir, options.labId))
          .then((lab) => { this.lab = lab; }, () => undefined);
    this.token = options.control.expect({
      onHello: async (connection) => {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([this.labLoaded, new Promise((r) => { timer = setTimeout(r, LAB_LOAD_WAIT_MS); })]);
        clearTimeout(timer);
        // Only now: nothing may reach the child before its init.
        this.connection = connection;
        return this.initMessage();
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

  private initMessage(): GatewayMessage {
    const init: GatewayMessage = { type: 'init', labId: this.options.labId, seed: this.options.seed, snapshot: this.options.snapshot };
    if (!this.lab) return init;
    const withLab: GatewayMessage = { ...init, lab: this.lab };
    // Lab files and a large snapshot together may not fit one control message: then the child reads
    // the lab itself, or, for a lab given by the host (it has no folder), resumes from setup rather
    // than fail: the snapshot is dropped, never the lab.
    if (Buffer.byteLength(encodeMessage(withLab)) <= MAX_CONTROL_MESSAGE_BYTES) return withLab;
    return this.options.lab ? { ...withLab, snapshot: null } : init;
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

  /** Queues a lesson's wait condition behind the inputs already typed (see labsh/repl.ts). */
  waitFor(condition: WaitCondition): void {
    this.connection?.send({ type: 'wait', condition });
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
