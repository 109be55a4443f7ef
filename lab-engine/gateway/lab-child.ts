// What a LabSession needs from the thing that runs its labsh, whichever host runs it: a child
// process in a pty of its own (lab-process.ts) or a worker thread in a shared session host
// (session-host-pool.ts). The session writes keys, resizes, pauses output for a slow browser,
// asks for snapshots and kills a runaway; the child reports output, control messages and its exit.

import type { SimulationSnapshot } from '../simulation/contract';
import type { LabshMessage, WaitCondition } from '../protocol';
import type { Lab } from '../labs/loader';

export interface LabChild {
  /** The OS process that runs this session (a host's pid for a worker): for logs and tests. */
  readonly pid: number;
  /** Where this session's CPU time is read (`/proc/<pid>/stat`, or a worker's `/proc/<pid>/task/<tid>/stat`); null until known. */
  cpuStatPath(): string | null;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  pause(): void;
  resume(): void;
  requestSnapshot(): void;
  /** Queues a lesson's wait condition behind the inputs already typed (see labsh/repl.ts). */
  waitFor(condition: WaitCondition): void;
  /** Ends the child at once, as SIGKILL would (a runaway, a fault test); onExit follows. */
  kill(): void;
  /** Ends the child quietly: no onExit. */
  dispose(): void;
}

export interface LabChildStart {
  labId: string;
  /** The lab, already loaded by the host (an authored lab); else it is loaded from the content folder. */
  lab?: Lab;
  seed: number;
  snapshot: SimulationSnapshot | null;
  cols: number;
  rows: number;
  onOutput(data: string): void;
  onMessage(message: LabshMessage): void;
  onExit(exit: { exitCode: number; signal?: number }): void;
}

/** Starts labsh for one session; the gateway has one, chosen by FLATNET_SESSION_HOST. */
export interface LabChildFactory {
  readonly kind: SessionHostKind;
  start(options: LabChildStart): LabChild;
  /** Stops whatever the factory itself runs (session hosts); sessions are disposed first. */
  close(): Promise<void>;
}

export type SessionHostKind = 'process' | 'worker';

/** `FLATNET_SESSION_HOST`: `worker` (the default) or `process` (one labsh process per session). */
export function sessionHostFromEnv(value = process.env.FLATNET_SESSION_HOST): SessionHostKind {
  const kind = (value ?? '').trim() || 'worker';
  if (kind === 'worker' || kind === 'process') return kind;
  throw new Error(`FLATNET_SESSION_HOST=${kind}: expected worker or process`);
}
