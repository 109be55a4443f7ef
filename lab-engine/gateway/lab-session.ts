// One attempt's live session: its labsh process, the terminals attached to it (a reload or a
// second tab attaches to the same session), the screen scrollback replayed to new terminals,
// output batching with flow control, snapshots kept and persisted, and resumption after labsh dies.
// Its output is also recorded for the replay (output-recorder.ts) and heard by read-only watchers.

import type { SimulationSnapshot } from '../simulation/contract';
import type { CheckResultMessage, LabshMessage, ShellStateFields, TerminalEvent, WaitCondition, WalkFields } from '../protocol';
import type { AttemptRef, AttemptStore, OutputWatcher } from './ports';
import type { LabChild, LabChildFactory } from './lab-child';
import { GATEWAY_LIMITS } from './gateway-limits';
import { CpuWatchdog } from './cpu-watchdog';
import { CrashWindow } from './crash-window';
import type { OutputRecorder } from './output-recorder';

export interface TerminalClient {
  sendOutput(data: string): void;
  sendEvent(event: TerminalEvent): void;
  /** Bytes queued towards the browser and not yet sent. */
  bufferedAmount(): number;
}

export interface LabSessionDeps {
  store: AttemptStore;
  /** Starts labsh for a session: a process of its own, or a worker thread in a session host. */
  children: LabChildFactory;
  log: (message: string) => void;
  /** The gateway's one recorder of every session's output (the replay). */
  recorder: OutputRecorder;
  /** CPU watchdog timing; tests shorten it. Defaults from GATEWAY_LIMITS. */
  cpuWatchdog?: { sampleMs: number; limitMs: number; busyFraction?: number };
}

export class LabSession {
  private process: LabChild | null = null;
  private watchdog: CpuWatchdog | null = null;
  private runaway = false;
  private readonly clients = new Set<TerminalClient>();
  private readonly watchers = new Set<OutputWatcher>();
  private scrollback = '';
  private pendingOutput = '';
  private flushScheduled = false;
  private paused = false;
  private mostBufferedSeen = 0;
  private snapshot: SimulationSnapshot | null = null;
  private checks: CheckResultMessage[] = [];
  private saveTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly restarts = new CrashWindow(GATEWAY_LIMITS.restartWindowMs, GATEWAY_LIMITS.maxRestartsPerWindow);
  private size = { cols: 100, rows: 30 };
  private ready = false;
  // The shell's last prompt/busy state, for a terminal that attaches later; null until this labsh says.
  private shellState: ShellStateFields | null = null;
  private walk: WalkFields | null = null;
  private disposed = false;
  private disposing = false;
  /** Called at the next snapshot (or refusal) labsh sends: a stopping server waits for one. */
  private snapshotWaiters: Array<() => void> = [];
  // Gave up after too many crashes in the window: no process until a terminal attaches again.
  private failed = false;

  constructor(
    readonly attempt: AttemptRef,
    private readonly deps: LabSessionDeps,
    private readonly onIdle: (session: LabSession) => void,
  ) {
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  /** The largest output backlog any one client of this session has held, in bytes (flow control bounds it). */
  get peakBufferedBytes(): number {
    return this.mostBufferedSeen;
  }

  get clientCount(): number {
    return this.clients.size;
  }

  async start(): Promise<void> {
    this.snapshot = await this.deps.store.loadSnapshot(this.attempt.id);
    this.checks = await this.deps.store.loadChecks(this.attempt.id);
    this.spawn();
  }

  attach(client: TerminalClient, size?: { cols: number; rows: number }): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.clients.add(client);
    if (size) this.resize(size.cols, size.rows);
    this.respawnIfFailed();
    if (this.scrollback) client.sendOutput(this.scrollback);
    client.sendEvent({ type: 'checks', results: this.checks });
    client.sendEvent({ type: 'status', state: this.ready ? 'ready' : 'starting' });
    if (this.ready && this.shellState) client.sendEvent({ type: 'shell', ...this.shellState });
    if (this.walk) client.sendEvent({ type: 'walk', ...this.walk });
  }

  /**
   * A read-only listener to this session's output: hears the scrollback now, then every frame the
   * terminals get. It counts as no terminal (idle reaping ignores it) and can send nothing.
   */
  watch(watcher: OutputWatcher): () => void {
    if (this.disposed) {
      watcher.end();
      return () => undefined;
    }
    this.watchers.add(watcher);
    // The scrollback already holds the output not yet flushed, which the watcher hears at the flush.
    watcher.start(this.scrollback.slice(0, Math.max(0, this.scrollback.length - this.pendingOutput.length)));
    return () => void this.watchers.delete(watcher);
  }

  detach(client: TerminalClient): void {
    this.clients.delete(client);
    if (this.clients.size === 0 && !this.disposed) {
      this.idleTimer = setTimeout(() => this.onIdle(this), GATEWAY_LIMITS.idleReapMs);
      this.idleTimer.unref();
    }
  }

  input(data: string): void {
    if (data.length > GATEWAY_LIMITS.maxInputChunkBytes) data = data.slice(0, GATEWAY_LIMITS.maxInputChunkBytes);
    this.process?.write(data);
  }

  /** A lesson's Run block waits for a condition before the next one is offered. */
  waitFor(condition: WaitCondition): void {
    this.process?.waitFor(condition);
  }

  resize(cols: number, rows: number): void {
    if (!Number.isInteger(cols) || !Number.isInteger(rows) || cols < 10 || rows < 4 || cols > 500 || rows > 200) return;
    this.size = { cols, rows };
    this.process?.resize(cols, rows);
  }

  /** For fault tests and operators: kill the child as if it had crashed. */
  killProcessForTest(): void {
    this.process?.kill();
  }

  private spawn(): void {
    this.ready = false;
    this.shellState = null;
    const child = this.deps.children.start({
      labId: this.attempt.labId,
      lab: this.attempt.lab,
      seed: this.attempt.seed,
      snapshot: this.snapshot,
      cols: this.size.cols,
      rows: this.size.rows,
      onOutput: (data) => this.output(data),
      onMessage: (message) => this.handleMessage(message),
      onExit: (exit) => this.handleExit(exit),
    });
    this.process = child;
    const timing = this.deps.cpuWatchdog ?? { sampleMs: GATEWAY_LIMITS.cpuSampleMs, limitMs: GATEWAY_LIMITS.cpuKillAfterMs };
    this.watchdog?.dispose();
    this.watchdog = new CpuWatchdog({
      statPath: () => child.cpuStatPath(),
      sampleMs: timing.sampleMs,
      limitMs: timing.limitMs,
      // Half a core: a spinning child on a loaded 2-core host gets no more, an idle labsh uses ~0.
      busyFraction: timing.busyFraction ?? 0.5,
      onRunaway: () => {
        this.deps.log(`attempt ${this.attempt.id}: labsh (${this.deps.children.kind} host ${child.pid}) spun at full CPU for ${timing.limitMs} ms; restarting it`);
        this.runaway = true;
        child.kill();
      },
    });
  }

  private handleMessage(message: LabshMessage): void {
    switch (message.type) {
      case 'hello':
        return;
      case 'ready':
        this.ready = true;
        this.broadcast({ type: 'status', state: 'ready' });
        // Until its first prompt the new shell is busy starting; saying so at once tells a page that this
        // gateway reports shell states (an older one never does), so it never types before the prompt.
        this.shellState ??= { state: 'busy', inputs: 0 };
        this.broadcast({ type: 'shell', ...this.shellState });
        return;
      case 'checks':
        this.checks = message.results;
        this.broadcast({ type: 'checks', results: message.results });
        this.deps.store.recordChecks(this.attempt.id, message.results).catch((e) => this.deps.log(`recordChecks: ${e}`));
        return;
      case 'snapshot':
        this.snapshot = message.snapshot;
        this.scheduleSave();
        for (const heard of this.snapshotWaiters.splice(0)) heard();
        return;
      case 'snapshot-refused':
        // The last snapshot that fitted stays the one kept; the learner's terminal already says so.
        this.deps.log(`attempt ${this.attempt.id}: labsh refused a ${message.bytes}-byte snapshot (over the control channel's limit); keeping the last one`);
        for (const heard of this.snapshotWaiters.splice(0)) heard();
        return;
      case 'command':
        this.deps.store
          .recordCommand(this.attempt.id, message.line.slice(0, 2000), message.exitCode)
          .catch((e) => this.deps.log(`recordCommand: ${e}`));
        return;
      case 'shell':
        this.shellState = { state: message.state, inputs: message.inputs };
        this.broadcast({ type: 'shell', ...this.shellState });
        return;
      case 'walk':
        // Kept (the last one only) so a page that reattaches draws it again; never stored.
        this.walk = { source: message.source, destination: message.destination, trace: message.trace };
        this.broadcast({ type: 'walk', ...this.walk });
        return;
      default: {
        const never: never = message;
        return never;
      }
    }
  }

  private handleExit(exit: { exitCode: number; signal?: number }): void {
    this.process = null;
    this.ready = false;
    this.shellState = null;
    this.watchdog?.dispose();
    this.watchdog = null;
    if (this.disposed || this.disposing) return;
    const runaway = this.runaway;
    this.runaway = false;
    // A watchdog kill counts like a crash: a learner who keeps starting a runaway input would
    // otherwise have labsh respawned at full CPU forever.
    if (this.restarts.record(Date.now())) {
      this.failed = true;
      this.deps.log(`attempt ${this.attempt.id}: labsh stopped ${this.restarts.count} times in ${GATEWAY_LIMITS.restartWindowMs} ms; waiting for the learner to reattach or reset`);
      this.output('\r\n\x1b[31m[flatnet] The lab keeps stopping. Reset the lab to start over, or reload the page to resume from your last snapshot.\x1b[0m\r\n');
      this.broadcast({ type: 'status', state: 'failed' });
      return;
    }
    const crashed = exit.signal !== undefined && exit.signal !== 0 ? true : exit.exitCode !== 0;
    this.output(
      runaway
        ? '\r\n\x1b[33m[flatnet] That command used the CPU for too long and was stopped; resuming from your last snapshot.\x1b[0m\r\n'
        : crashed
          ? '\r\n\x1b[33m[flatnet] The lab process stopped; resuming from your last snapshot.\x1b[0m\r\n'
          : '\r\n\x1b[2m[flatnet] Shell exited; starting a new one on the same cluster.\x1b[0m\r\n',
    );
    this.broadcast({ type: 'status', state: 'restarting' });
    this.spawn();
  }

  /** A terminal attaching to a session that gave up after repeated crashes: a fresh labsh from the last good snapshot. */
  private respawnIfFailed(): void {
    if (!this.failed || this.process || this.disposed || this.disposing) return;
    this.failed = false;
    this.restarts.clear();
    this.deps.log(`attempt ${this.attempt.id}: a terminal reattached to a failed session; respawning labsh from its last snapshot`);
    this.spawn();
  }

  private output(data: string): void {
    this.scrollback += data;
    if (this.scrollback.length > GATEWAY_LIMITS.scrollbackBytes) {
      this.scrollback = this.scrollback.slice(-GATEWAY_LIMITS.scrollbackBytes);
    }
    this.pendingOutput += data;
    this.deps.recorder.push(this.attempt.id, data);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      // Batch what the child wrote in the same turn of the event loop into one frame.
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const data = this.pendingOutput;
    this.pendingOutput = '';
    if (!data) return;
    for (const watcher of this.watchers) watcher.output(data);
    let mostBuffered = 0;
    for (const client of this.clients) {
      client.sendOutput(data);
      mostBuffered = Math.max(mostBuffered, client.bufferedAmount());
    }
    this.mostBufferedSeen = Math.max(this.mostBufferedSeen, mostBuffered);
    if (!this.paused && mostBuffered > GATEWAY_LIMITS.highWatermarkBytes) {
      this.paused = true;
      this.process?.pause();
      this.waitForDrain();
    }
  }

  private waitForDrain(): void {
    const timer = setInterval(() => {
      const mostBuffered = Math.max(0, ...[...this.clients].map((c) => c.bufferedAmount()));
      if (mostBuffered < GATEWAY_LIMITS.lowWatermarkBytes || this.disposed) {
        clearInterval(timer);
        this.paused = false;
        this.process?.resume();
      }
    }, 10);
  }

  private broadcast(event: TerminalEvent): void {
    for (const client of this.clients) client.sendEvent(event);
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.persist();
    }, GATEWAY_LIMITS.snapshotSaveDebounceMs);
  }

  async persist(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (!this.snapshot) return;
    try {
      await this.deps.store.saveSnapshot(this.attempt.id, this.snapshot);
    } catch (error) {
      this.deps.log(`saveSnapshot ${this.attempt.id}: ${error}`);
    }
  }

  /**
   * Ends the session and saves it. `freshSnapshot` (a server stopping) first asks labsh for its
   * state as it is now and waits for it up to GATEWAY_LIMITS.drainSnapshotMs: the last snapshot
   * it sent may be a few hundred milliseconds behind.
   */
  async dispose(options: { freshSnapshot?: boolean } = {}): Promise<void> {
    if (this.disposed || this.disposing) return;
    this.disposing = true;
    if (options.freshSnapshot && this.process) await this.awaitFreshSnapshot(this.process);
    // Terminals still attached (another tab) learn that this session is over (reset, reaped, shutdown).
    this.output('\r\n\x1b[2m[flatnet] This lab session has ended; reload the page to continue.\x1b[0m\r\n');
    this.flush();
    this.deps.recorder.end(this.attempt.id);
    this.broadcast({ type: 'status', state: 'failed' });
    for (const watcher of this.watchers) watcher.end();
    this.watchers.clear();
    this.disposed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.watchdog?.dispose();
    this.watchdog = null;
    this.process?.dispose();
    this.process = null;
    await this.persist();
  }

  private awaitFreshSnapshot(child: LabChild): Promise<void> {
    return new Promise((resolve) => {
      const heard = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.snapshotWaiters = this.snapshotWaiters.filter((waiter) => waiter !== heard);
        resolve();
      }, GATEWAY_LIMITS.drainSnapshotMs);
      this.snapshotWaiters.push(heard);
      child.requestSnapshot();
    });
  }
}
