// The messages between the gateway and a session host (labsh --host): one process running many
// learners' sessions, each on a worker thread of its own, over the host's IPC channel. Every
// message names its session. The host runs learners' commands, so the gateway checks every
// message it gets (isHostMessage), and a session's control line is checked again as on the socket
// (isLabshMessage, MAX_CONTROL_MESSAGE_BYTES); the gateway's messages to the host are trusted.

import type { GatewayMessage } from './control-messages';
import { isFiniteNumber, isString, isTaggedMessage, type FieldChecks } from './json-guards';

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

const HOST_EVENT_FIELDS: FieldChecks<HostEvent> = {
  thread: (m) => isString(m.session) && isFiniteNumber(m.tid),
  output: (m) => isString(m.session) && isString(m.data),
  control: (m) => isString(m.session) && isString(m.line),
  exit: (m) => isString(m.session) && isFiniteNumber(m.exitCode) && (m.signal === undefined || isFiniteNumber(m.signal)),
};

export function isHostEvent(value: unknown): value is HostEvent {
  return isTaggedMessage(HOST_EVENT_FIELDS, value);
}
