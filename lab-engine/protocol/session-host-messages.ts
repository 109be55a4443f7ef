// The messages between the gateway and a session host (labsh --host): one process running many
// learners' sessions, each on a worker thread of its own, over the host's IPC channel. Every
// message names its session, and each side sends what it has in one turn of its event loop as one
// array (core/turn-batch.ts). The host runs learners' commands, so the gateway checks every batch
// it gets (isHostEventBatch: its length, each event, an output's size), and a session's control
// line is checked again as on the socket (isLabshMessage, MAX_CONTROL_MESSAGE_BYTES); the
// gateway's messages to the host are trusted.

import type { GatewayMessage } from './control-messages';
import { isFiniteNumber, isString, isTaggedMessage, type FieldChecks } from './json-guards';
import { textPieces } from './text-pieces';

/** gateway → host */
export type HostCommand =
  | { type: 'open'; session: string; init: Extract<GatewayMessage, { type: 'init' }>; cols: number; rows: number }
  | { type: 'input'; session: string; data: string }
  | { type: 'resize'; session: string; cols: number; rows: number }
  | { type: 'control'; session: string; message: GatewayMessage }
  // Output waits in the host (and keys with it) until resume: a browser reading slowly.
  | { type: 'pause'; session: string }
  | { type: 'resume'; session: string }
  // Ends the session's thread at once, as SIGKILL ends a process: a runaway, a fault test, a dispose.
  | { type: 'kill'; session: string };

/** host → gateway */
export type HostEvent =
  // The session's thread, for the CPU watchdog (/proc/<host pid>/task/<tid>/stat).
  | { type: 'thread'; session: string; tid: number }
  | { type: 'output'; session: string; data: string }
  // One control-channel line (control-messages.ts, newline-terminated JSON) from the session's labsh.
  | { type: 'control'; session: string; line: string }
  | { type: 'exit'; session: string; exitCode: number; signal?: number };

/**
 * The most output one event carries (UTF-16 units): a session writing more in one turn (`seq 1
 * 1000000`) sends it in pieces of this size, so no one message grows with what a learner runs.
 */
export const MAX_HOST_OUTPUT_CHARS = 64 * 1024;
/** `text` in pieces of at most MAX_HOST_OUTPUT_CHARS, never cutting a surrogate pair in two. */
export function splitHostOutput(text: string, size = MAX_HOST_OUTPUT_CHARS): string[] {
  return textPieces(text, size);
}

/** The most events one batch carries: sessions per host × a turn's few events each, with room. */
export const MAX_HOST_EVENTS_PER_BATCH = 10_000;

const HOST_EVENT_FIELDS: FieldChecks<HostEvent> = {
  thread: (m) => isString(m.session) && isFiniteNumber(m.tid),
  output: (m) => isString(m.session) && isString(m.data) && m.data.length <= MAX_HOST_OUTPUT_CHARS,
  control: (m) => isString(m.session) && isString(m.line),
  exit: (m) => isString(m.session) && isFiniteNumber(m.exitCode) && (m.signal === undefined || isFiniteNumber(m.signal)),
};

export function isHostEvent(value: unknown): value is HostEvent {
  return isTaggedMessage(HOST_EVENT_FIELDS, value);
}

/** A host's message: an array of at most MAX_HOST_EVENTS_PER_BATCH events, each well formed. */
export function isHostEventBatch(value: unknown): value is HostEvent[] {
  return Array.isArray(value) && value.length <= MAX_HOST_EVENTS_PER_BATCH && value.every(isHostEvent);
}
