// The messages between a session host's main thread and one session's worker thread (labsh's
// own, both sides trusted code in one process): the session's start, keys, resizes and control
// messages in; screen output, control lines and the thread's id out.

import type { GatewayMessage } from './control-messages';

/** host → worker */
export type WorkerCommand =
  | { type: 'start'; init: Extract<GatewayMessage, { type: 'init' }>; cols: number; rows: number }
  | { type: 'input'; data: string }
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'control'; message: GatewayMessage };

/** worker → host */
export type WorkerEvent =
  | { type: 'thread'; tid: number }
  | { type: 'output'; data: string }
  | { type: 'control'; line: string };
