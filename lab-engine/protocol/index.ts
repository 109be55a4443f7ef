// What crosses a trust boundary, declared once: check results, the control channel (labsh ↔
// gateway) and the terminal WebSocket (browser ↔ gateway), each with the guard its reader applies.
// Nothing here touches Node or the DOM, so the browser, labsh and the gateway all import it.

export { isCheckResultMessage, toCheckResultMessage, type CheckResultMessage } from './check-result';
export { MAX_TRACE_HOPS, MAX_TRACE_JSON_BYTES, toWalkFields, type PacketTrace, type WalkFields } from './packet-walk';
export {
  MAX_CONTROL_MESSAGE_BYTES,
  encodeMessage,
  isGatewayMessage,
  isLabshMessage,
  type GatewayMessage,
  type LabshMessage,
} from './control-messages';
export { NdjsonDecoder } from './ndjson-decoder';
export { textPieces } from './text-pieces';
export {
  MAX_HOST_EVENTS_PER_BATCH,
  MAX_HOST_OUTPUT_CHARS,
  isHostEventBatch,
  splitHostOutput,
  type HostCommand,
  type HostEvent,
} from './session-host-messages';
export type { WorkerCommand, WorkerEvent } from './session-worker-messages';
export { SHELL_STATES, type ShellState, type ShellStateFields } from './shell-state';
export {
  WAIT_TIMEOUT_MS,
  WAIT_UNTIL,
  describeWaitCondition,
  formatWaitCondition,
  isWaitCondition,
  parseWaitCondition,
  type WaitCondition,
  type WaitConditionParse,
  type WaitKind,
  type WaitUntil,
} from './wait-condition';
export {
  SESSION_REFUSAL_REASONS,
  SESSION_REFUSED_CLOSE_CODE,
  SERVICE_RESTART_CLOSE_CODE,
  TERMINAL_PATH,
  TERMINAL_STATES,
  encodeTerminalFrame,
  parseTerminalClientFrame,
  parseTerminalEvent,
  type SessionRefusalReason,
  type TerminalClientFrame,
  type TerminalEvent,
  type TerminalState,
} from './terminal-frames';
