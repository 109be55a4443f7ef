// The window events between a lesson's Run buttons and the lab terminal beside them. A button asks
// for a run (with an id of its own); the lab panel starts the lab if needed and hands the run to
// the terminal, which reports each phase back under that id; a button may also ask the terminal
// to interrupt whatever runs there. Events, not props: a lesson renders (statically) without
// knowing whether a lab sits beside it, and the two never import each other's components.

import type { WaitCondition } from '../../../lab-engine/protocol';

export const RUN_COMMAND_EVENT = 'flatnet:run-command';
export const RUN_STATUS_EVENT = 'flatnet:run-status';
export const INTERRUPT_EVENT = 'flatnet:interrupt';

export interface RunRequest {
  id: string;
  command: string;
  /** Held as the next run's precondition: the terminal waits for it once the command finished. */
  waitFor?: WaitCondition;
}

/**
 * Where a run stands. `queued`: waiting its turn or for the terminal to connect; `blocked`: the
 * shell is busy with a command that is not a Run's (`kubectl get pods -w`), so the button offers
 * to interrupt it; `running`: typed at the prompt; `waiting`: the command finished and the shell
 * waits for the block's condition; `done`; `signed-out`: no lab without an account.
 */
export const RUN_PHASES = ['queued', 'blocked', 'running', 'waiting', 'done', 'signed-out'] as const;
export type RunPhase = (typeof RUN_PHASES)[number];

export interface RunStatus {
  id: string;
  phase: RunPhase;
}

let counter = 0;

export function newRunId(): string {
  counter += 1;
  return `run-${Date.now().toString(36)}-${counter}`;
}

export function requestRun(request: RunRequest): void {
  window.dispatchEvent(new CustomEvent<RunRequest>(RUN_COMMAND_EVENT, { detail: request }));
}

export function reportRun(id: string, phase: RunPhase): void {
  window.dispatchEvent(new CustomEvent<RunStatus>(RUN_STATUS_EVENT, { detail: { id, phase } }));
}

export function requestInterrupt(): void {
  window.dispatchEvent(new Event(INTERRUPT_EVENT));
}

/** The run a `flatnet:run-command` event carries, or null for a malformed one. */
export function runRequestOf(event: Event): RunRequest | null {
  const detail = (event as CustomEvent<Partial<RunRequest> | undefined>).detail;
  if (!detail || typeof detail.command !== 'string' || !detail.command) return null;
  return { id: typeof detail.id === 'string' ? detail.id : newRunId(), command: detail.command, waitFor: detail.waitFor };
}

/** Subscribes to one run's reports; returns the unsubscribe. */
export function onRunStatus(handler: (status: RunStatus) => void): () => void {
  const listener = (event: Event) => {
    const status = (event as CustomEvent<RunStatus>).detail;
    if (status && typeof status.id === 'string') handler(status);
  };
  window.addEventListener(RUN_STATUS_EVENT, listener);
  return () => window.removeEventListener(RUN_STATUS_EVENT, listener);
}
