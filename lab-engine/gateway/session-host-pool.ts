// Session hosts (FLATNET_SESSION_HOST=worker, the default): each host is one `labsh --host`
// process running up to SESSIONS_PER_HOST learners' sessions, each on a worker thread of its own
// (labsh/session-host.ts). The sessions of one host share node's code and its start-up, so an idle
// session costs its own heap only, not a process; a worker is an isolate, so a runaway is ended
// by terminating its thread without touching its neighbours. A host that dies ends its sessions,
// which resume from their snapshots (LabSession) on a host started for them.
//
// This is the gateway's half: picking a host, spawning it (with the sandbox wrapper the command
// carries), and routing each host's messages to its sessions, checked as on the control socket.
// What the gateway has for a host in one turn of its event loop goes as one message, and the host
// answers likewise (core/turn-batch.ts): a hundred typing learners cost a write per turn, not per key.

import { constants } from 'node:os';
import { spawn, type ChildProcess } from 'node:child_process';
import { MAX_CONTROL_MESSAGE_BYTES, isHostEventBatch, isLabshMessage, type HostCommand, type HostEvent, type WaitCondition } from '../protocol';
import { parseJson } from '../protocol/json-guards';
import type { LabChild, LabChildFactory, LabChildStart } from './lab-child';
import type { LabshCommand } from './lab-process';
import { prepareInit } from './lab-init';
import { GATEWAY_LIMITS } from './gateway-limits';
import { TurnBatch } from '../core/turn-batch';

export interface SessionHostPoolOptions {
  /** `labsh --host`, with the sandbox wrapper where the host allows one. */
  command: Omit<LabshCommand, 'hostArgs' | 'prepareControlSocket'>;
  cwd: string;
  contentDir: string;
  log: (message: string) => void;
  sessionsPerHost?: number;
  /** Sessions a host runs in its life before it is replaced (GATEWAY_LIMITS.hostRecycleAfterSessions). */
  recycleAfter?: number;
}

/** SIGKILL's number (the OS's): a terminated session's exit says it, as a killed process's would. */
const SIGKILL = constants.signals.SIGKILL;

export class SessionHostPool implements LabChildFactory {
  readonly kind = 'worker' as const;
  private readonly hosts = new Set<SessionHost>();
  private nextSession = 0;
  private closed = false;

  constructor(private readonly options: SessionHostPoolOptions) {
    // The first host starts with the gateway, so the first learner does not wait for node to boot.
    this.spawnHost();
  }

  start(start: LabChildStart): LabChild {
    const id = String(++this.nextSession);
    return new HostedLabChild(id, this.pick(), start, this.options.contentDir);
  }

  /** Host processes running now (for tests and /metrics). */
  get hostPids(): number[] {
    return [...this.hosts].map((h) => h.pid);
  }

  private pick(): SessionHost {
    const limit = this.options.sessionsPerHost ?? GATEWAY_LIMITS.sessionsPerHost;
    let best: SessionHost | null = null;
    for (const host of this.hosts) {
      if (host.exited || host.retiring || host.size >= limit) continue;
      if (!best || host.size < best.size) best = host;
    }
    const host = best ?? this.spawnHost();
    if (host.served + 1 >= (this.options.recycleAfter ?? GATEWAY_LIMITS.hostRecycleAfterSessions)) this.retire(host);
    return host;
  }

  /**
   * A host that has run its share of sessions takes no more, and stops once its last one ends:
   * whatever a thread leaves behind in its process (measured: Pss +15 % after 1,000 sessions on
   * one host) is given back with the process. Its replacement starts now, warm for the next Start.
   */
  private retire(host: SessionHost): void {
    host.retiring = true;
    host.onEmpty = () => void host.stop();
    if (![...this.hosts].some((h) => !h.exited && !h.retiring)) this.spawnHost();
  }

  private spawnHost(): SessionHost {
    const host = new SessionHost(this.options, () => {
      this.hosts.delete(host);
    });
    this.hosts.add(host);
    return host;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.hosts].map((h) => h.stop()));
  }
}

/** One `labsh --host` process and the sessions it runs. */
class SessionHost {
  private readonly child: ChildProcess;
  private readonly sessions = new Map<string, HostedLabChild>();
  private readonly outbox = new TurnBatch<HostCommand>((commands) => {
    if (!this.exited && this.child.connected) this.child.send(commands);
  });
  exited = false;
  /** Sessions opened on this host in its life. */
  served = 0;
  /** Takes no new sessions; stops when the last one ends (onEmpty). */
  retiring = false;
  onEmpty: (() => void) | null = null;

  constructor(
    private readonly options: SessionHostPoolOptions,
    private readonly onGone: () => void,
  ) {
    this.child = spawn(options.command.file, options.command.args, {
      cwd: options.cwd,
      // Only what labsh needs, as for a session process: no secret or server path reaches a learner.
      env: {
        PATH: '/usr/bin:/bin',
        LANG: 'C.UTF-8',
        NODE_ENV: 'production',
        FLATNET_CONTENT_DIR: options.contentDir,
        FLATNET_SESSION_HEAP_MB: String(GATEWAY_LIMITS.labshMaxOldSpaceMb),
        ...options.command.env,
        // glibc gives threads arenas of their own (up to 8 per core), and an arena keeps what it
        // once held: a host whose sessions come and go on new threads would grow with each burst.
        MALLOC_ARENA_MAX: '2',
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (text: string) => options.log(`session host ${this.child.pid}: ${text.trim().slice(0, 500)}`));
    this.child.on('message', (message) => this.receive(message));
    this.child.on('error', (error) => options.log(`session host: ${error.message}`));
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      this.onGone();
      if (this.sessions.size) options.log(`session host ${this.child.pid} exited (${signal ?? code}) with ${this.sessions.size} sessions; they resume from their snapshots`);
      for (const session of [...this.sessions.values()]) session.exited({ exitCode: 1, signal: SIGKILL });
      this.sessions.clear();
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get size(): number {
    return this.sessions.size;
  }

  add(session: HostedLabChild): void {
    this.sessions.set(session.id, session);
    this.served++;
  }

  remove(id: string): void {
    this.sessions.delete(id);
    if (this.sessions.size === 0) this.onEmpty?.();
  }

  send(command: HostCommand): void {
    if (this.exited || !this.child.connected) return;
    this.outbox.push(command);
  }

  private receive(message: unknown): void {
    // A host runs learners' commands: every batch is checked whole before any session hears it.
    if (!isHostEventBatch(message)) {
      this.options.log(`session host ${this.pid}: dropped a malformed message`);
      return;
    }
    for (const event of message) this.sessions.get(event.session)?.event(event);
  }

  stop(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
      setTimeout(() => this.child.kill('SIGKILL'), 2000).unref();
    });
  }
}

/** One session on a host's worker thread, seen from the gateway. */
class HostedLabChild implements LabChild {
  private tid: number | null = null;
  private opened = false;
  private disposed = false;
  private gone = false;

  constructor(
    readonly id: string,
    private readonly host: SessionHost,
    private readonly start: LabChildStart,
    contentDir: string,
  ) {
    host.add(this);
    const init = prepareInit({ ...start, contentDir });
    void init().then((message) => {
      if (this.disposed || this.gone) return;
      this.opened = true;
      this.host.send({ type: 'open', session: id, init: message, cols: start.cols, rows: start.rows });
    });
  }

  get pid(): number {
    return this.host.pid;
  }

  cpuStatPath(): string | null {
    return this.tid === null ? null : `/proc/${this.host.pid}/task/${this.tid}/stat`;
  }

  /** A message from the host for this session (already checked by isHostEventBatch). */
  event(event: HostEvent): void {
    if (this.disposed) return;
    switch (event.type) {
      case 'thread':
        this.tid = event.tid;
        return;
      case 'output':
        this.start.onOutput(event.data);
        return;
      case 'control': {
        // The same bound and guard as a line on the control socket (control-server.ts).
        if (event.line.length > MAX_CONTROL_MESSAGE_BYTES) return;
        const message = parseJson(event.line);
        if (isLabshMessage(message)) this.start.onMessage(message);
        return;
      }
      case 'exit':
        this.exited({ exitCode: event.exitCode, signal: event.signal });
        return;
    }
  }

  exited(exit: { exitCode: number; signal?: number }): void {
    if (this.gone) return;
    this.gone = true;
    this.host.remove(this.id);
    if (!this.disposed) this.start.onExit(exit);
  }

  write(data: string): void {
    this.send({ type: 'input', session: this.id, data });
  }

  resize(cols: number, rows: number): void {
    this.send({ type: 'resize', session: this.id, cols, rows });
  }

  pause(): void {
    this.send({ type: 'pause', session: this.id });
  }

  resume(): void {
    this.send({ type: 'resume', session: this.id });
  }

  requestSnapshot(): void {
    this.send({ type: 'control', session: this.id, message: { type: 'request-snapshot' } });
  }

  waitFor(condition: WaitCondition): void {
    this.send({ type: 'control', session: this.id, message: { type: 'wait', condition } });
  }

  kill(): void {
    // Not yet opened on the host (its lab still loading): it never will be.
    if (!this.opened) this.exited({ exitCode: 1, signal: SIGKILL });
    else this.send({ type: 'kill', session: this.id });
  }

  dispose(): void {
    if (this.disposed) return;
    if (this.opened && !this.gone) this.host.send({ type: 'kill', session: this.id });
    this.disposed = true;
    if (!this.gone) {
      this.gone = true;
      this.host.remove(this.id);
    }
  }

  private send(command: HostCommand): void {
    if (!this.disposed && !this.gone) this.host.send(command);
  }
}
