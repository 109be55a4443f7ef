// `labsh --host`: a session host. The gateway (gateway/session-host-pool.ts) spawns it with an IPC
// channel and opens sessions on it; each session runs on a worker thread of its own
// (session-worker.ts), started from this same entry file. A few threads are started ahead of
// need, so opening a session skips loading the engine. The host routes keys, resizes and control
// messages in and output out, holds a paused session's output (and its keys, as a stopped tty
// would) until the browser catches up, and ends a session's thread on `kill` without touching the
// others. When the gateway goes, the host goes. Both ways, what a turn of the event loop has for
// the other side goes as one IPC message (core/turn-batch.ts).

import { constants } from 'node:os';
import { Worker } from 'node:worker_threads';
import { MAX_HOST_EVENTS_PER_BATCH, splitHostOutput, type HostCommand, type HostEvent, type WorkerCommand, type WorkerEvent } from '../protocol';
import { LabshUsageError } from './labsh-args';
import { TurnBatch } from '../core/turn-batch';

/** Threads started ahead of need: a burst of Starts beyond it waits for a thread to load the engine. */
const WARM_WORKERS = 2;
/** Keys held for a paused session; past it they are dropped, as a full tty input queue drops them. */
const MAX_HELD_INPUT_BYTES = 64 * 1024;
/** SIGKILL's number (the OS's): a terminated session's exit says it, as a killed process's would. */
const SIGKILL = constants.signals.SIGKILL;

interface HostedSession {
  worker: Worker;
  paused: boolean;
  heldOutput: string[];
  heldInput: string;
  killed: boolean;
}

export function runSessionHost(entry = process.argv[1]): Promise<number> {
  const send = process.send?.bind(process);
  if (!send) throw new LabshUsageError('labsh: --host is started by the gateway, with an IPC channel');
  // Within the gateway's bounds (protocol/session-host-messages.ts), which drops a batch past them.
  const outbox = new TurnBatch<HostEvent>((events) => {
    if (process.connected) send(events);
  }, MAX_HOST_EVENTS_PER_BATCH);
  const emit = (event: HostEvent) => outbox.push(event);
  const heapMb = Number(process.env.FLATNET_SESSION_HEAP_MB) || 128;
  const newWorker = () =>
    new Worker(entry, {
      // Each session's heap is capped on its own: one runaway allocation ends that thread only.
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 2 },
    });
  const warm: Worker[] = [];
  let refilling = false;
  const refill = () => {
    if (refilling) return;
    refilling = true;
    // One at a time, after the session that took one has started.
    setImmediate(() => {
      refilling = false;
      if (warm.length >= WARM_WORKERS) return;
      const worker = newWorker();
      // A warm thread that fails before use is just replaced.
      worker.once('exit', () => {
        const index = warm.indexOf(worker);
        if (index >= 0) warm.splice(index, 1);
      });
      warm.push(worker);
      refill();
    });
  };
  refill();

  const sessions = new Map<string, HostedSession>();

  const open = (command: Extract<HostCommand, { type: 'open' }>) => {
    if (sessions.has(command.session)) return;
    const worker = warm.shift() ?? newWorker();
    worker.removeAllListeners('exit');
    refill();
    const session: HostedSession = { worker, paused: false, heldOutput: [], heldInput: '', killed: false };
    sessions.set(command.session, session);
    worker.on('message', (event: WorkerEvent) => {
      if (event.type === 'output') {
        if (session.paused) session.heldOutput.push(event.data);
        else emit({ type: 'output', session: command.session, data: event.data });
      } else if (event.type === 'thread') {
        emit({ type: 'thread', session: command.session, tid: event.tid });
      } else {
        emit({ type: 'control', session: command.session, line: event.line });
      }
    });
    // An uncaught error or the heap cap ends the thread; its exit says so to the gateway.
    worker.on('error', (error) => process.stderr.write(`session ${command.session}: ${error.name}: ${error.message}\n`));
    worker.once('exit', (exitCode) => {
      sessions.delete(command.session);
      emit({ type: 'exit', session: command.session, exitCode, ...(session.killed ? { signal: SIGKILL } : {}) });
    });
    const start: WorkerCommand = { type: 'start', init: command.init, cols: command.cols, rows: command.rows };
    worker.postMessage(start);
  };

  const receive = (command: HostCommand) => {
    if (command.type === 'open') return open(command);
    const session = sessions.get(command.session);
    if (!session) return;
    switch (command.type) {
      case 'input':
        if (!session.paused) session.worker.postMessage({ type: 'input', data: command.data } satisfies WorkerCommand);
        else if (session.heldInput.length + command.data.length <= MAX_HELD_INPUT_BYTES) session.heldInput += command.data;
        return;
      case 'resize':
        session.worker.postMessage({ type: 'resize', cols: command.cols, rows: command.rows } satisfies WorkerCommand);
        return;
      case 'control':
        session.worker.postMessage({ type: 'control', message: command.message } satisfies WorkerCommand);
        return;
      case 'pause':
        session.paused = true;
        return;
      case 'resume': {
        session.paused = false;
        const output = session.heldOutput.join('');
        session.heldOutput = [];
        for (const data of splitHostOutput(output)) emit({ type: 'output', session: command.session, data });
        if (session.heldInput) session.worker.postMessage({ type: 'input', data: session.heldInput } satisfies WorkerCommand);
        session.heldInput = '';
        return;
      }
      case 'kill':
        session.killed = true;
        void session.worker.terminate();
        return;
    }
  };

  return new Promise((resolve) => {
    process.on('message', (commands: HostCommand[]) => {
      for (const command of commands) receive(command);
    });
    const stop = () => {
      for (const worker of [...warm, ...[...sessions.values()].map((s) => s.worker)]) void worker.terminate();
      resolve(0);
    };
    process.on('disconnect', stop);
    process.on('SIGTERM', stop);
  });
}
