// What crosses a trust boundary, declared once: check results, the control channel (labsh ↔
// gateway) and the terminal WebSocket (browser ↔ gateway), each with the guard its reader applies.
// Nothing here touches Node or the DOM, so the browser, labsh and the gateway all import it.

export { isCheckResultMessage, toCheckResultMessage, type CheckResultMessage } from './check-result';
export {
  MAX_CONTROL_MESSAGE_BYTES,
  encodeMessage,
  isGatewayMessage,
  isLabshMessage,
  type GatewayMessage,
  type LabshMessage,
} from './control-messages';
export { NdjsonDecoder } from './ndjson-decoder';
export {
  TERMINAL_PATH,
  TERMINAL_STATES,
  encodeTerminalFrame,
  parseTerminalClientFrame,
  parseTerminalEvent,
  type TerminalClientFrame,
  type TerminalEvent,
  type TerminalState,
} from './terminal-frames';
