// Where the learner's shell stands, told beside the tty so the browser never guesses from the
// screen: at a prompt (a Run may type now), busy with an input (a Run must wait or interrupt it:
// `kubectl get pods -w` reads no commands), or in the middle of an unfinished input (`> `). With it
// goes the count of inputs the shell has finished, so a page that typed one knows when it is done.
// A wait condition (wait-condition.ts) a page asked for counts as one input.

import { isFiniteNumber, type JsonRecord } from './json-guards';

export const SHELL_STATES = ['prompt', 'busy', 'continuation'] as const;
export type ShellState = (typeof SHELL_STATES)[number];

/** The fields of a shell-state message, the same on the control channel and the terminal socket. */
export interface ShellStateFields {
  state: ShellState;
  /** Inputs the shell has finished since it started (a restarted labsh counts from 0 again). */
  inputs: number;
}

export function hasShellStateFields(message: JsonRecord): boolean {
  return (
    (SHELL_STATES as readonly unknown[]).includes(message.state) &&
    isFiniteNumber(message.inputs) &&
    Number.isInteger(message.inputs) &&
    message.inputs >= 0
  );
}
