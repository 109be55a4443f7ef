// What the browser and the gateway say on a lab terminal's WebSocket. Binary frames carry the
// terminal's output (gateway → browser) and are not parsed; text frames carry one JSON message each,
// read through the guard of its direction: the gateway trusts nothing a page sends, and the page
// ignores what it does not understand (an older tab talking to a newer server).

import { isCheckResultMessage, type CheckResultMessage } from './check-result';
import { isArrayOf, isFiniteNumber, isString, isTaggedMessage, parseJson, type FieldChecks } from './json-guards';
import { hasShellStateFields, type ShellStateFields } from './shell-state';
import { hasWalkFields, type WalkFields } from './packet-walk';
import { isWaitCondition, type WaitCondition } from './wait-condition';

/** The WebSocket endpoint; the browser adds `?attempt=<id>&cols=<n>&rows=<n>`. */
export const TERMINAL_PATH = '/api/terminal';

export const TERMINAL_STATES = ['starting', 'ready', 'restarting', 'failed'] as const;
export type TerminalState = (typeof TERMINAL_STATES)[number];

/**
 * Why the gateway would not start a lab session (gateway/admission.ts): the machine is at its
 * global cap, or this user has as many sessions open, each with a terminal attached, as allowed.
 */
export const SESSION_REFUSAL_REASONS = ['machine-full', 'user-limit'] as const;
export type SessionRefusalReason = (typeof SESSION_REFUSAL_REASONS)[number];

/** The WebSocket close code that follows a `refused` event: the page must not reconnect by itself. */
export const SESSION_REFUSED_CLOSE_CODE = 4503;

/**
 * The close code of a server that is stopping (RFC 6455's registry: 1012 Service Restart): the
 * session was saved, and the page reconnects, to this server restarted or to another one.
 */
export const SERVICE_RESTART_CLOSE_CODE = 1012;

/** browser → gateway: keys typed (or pasted), the terminal's new size, and a Run block's wait condition. */
export type TerminalClientFrame =
  | { type: 'input'; data: string }
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'wait'; condition: WaitCondition };

/** gateway → browser, as text frames. */
export type TerminalEvent =
  | { type: 'status'; state: TerminalState }
  | { type: 'checks'; results: CheckResultMessage[] }
  | { type: 'notice'; text: string }
  // Sent once, then the socket closes with SESSION_REFUSED_CLOSE_CODE; `running` of `limit` sessions.
  | { type: 'refused'; reason: SessionRefusalReason; running: number; limit: number }
  // Whether the shell is at a prompt, so a Run block types only there (shell-state.ts).
  | ({ type: 'shell' } & ShellStateFields)
  // The walk of the learner's last `trace`, for the lab panel's picture (packet-walk.ts).
  | ({ type: 'walk' } & WalkFields);

const CLIENT_FRAME_FIELDS: FieldChecks<TerminalClientFrame> = {
  input: (f) => isString(f.data),
  // Ranges are the session's business (lab-session.ts); the guard only promises numbers.
  resize: (f) => isFiniteNumber(f.cols) && isFiniteNumber(f.rows),
  wait: (f) => isWaitCondition(f.condition),
};

const EVENT_FIELDS: FieldChecks<TerminalEvent> = {
  status: (e) => (TERMINAL_STATES as readonly unknown[]).includes(e.state),
  checks: (e) => isArrayOf(e.results, isCheckResultMessage),
  notice: (e) => isString(e.text),
  refused: (e) =>
    (SESSION_REFUSAL_REASONS as readonly unknown[]).includes(e.reason) && isFiniteNumber(e.running) && isFiniteNumber(e.limit),
  shell: hasShellStateFields,
  walk: hasWalkFields,
};

function isTerminalClientFrame(value: unknown): value is TerminalClientFrame {
  return isTaggedMessage(CLIENT_FRAME_FIELDS, value);
}

function isTerminalEvent(value: unknown): value is TerminalEvent {
  return isTaggedMessage(EVENT_FIELDS, value);
}

/** A text frame from the browser, or null when it is not one the gateway knows. */
export function parseTerminalClientFrame(text: string): TerminalClientFrame | null {
  const value = parseJson(text);
  return isTerminalClientFrame(value) ? value : null;
}

/** A text frame from the gateway, or null when it is not one this page knows. */
export function parseTerminalEvent(text: string): TerminalEvent | null {
  const value = parseJson(text);
  return isTerminalEvent(value) ? value : null;
}

export function encodeTerminalFrame(frame: TerminalClientFrame | TerminalEvent): string {
  return JSON.stringify(frame);
}
