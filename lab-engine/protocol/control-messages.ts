// The messages labsh and the gateway exchange on the control channel: newline-delimited JSON
// over a Unix socket, beside (never inside) the learner's tty, so nothing a learner prints can
// forge a check result or a snapshot. Each direction has a guard its reader applies to every line
// (ndjson-decoder.ts): labsh runs a learner's commands, so the gateway trusts no shape it sends.

import type { SimulationSnapshot } from '../simulation/contract';
import type { Lab } from '../labs/loader';
import { isCheckResultMessage, type CheckResultMessage } from './check-result';
import { isArrayOf, isFiniteNumber, isRecord, isString, isTaggedMessage, type FieldChecks } from './json-guards';
import { hasShellStateFields, type ShellStateFields } from './shell-state';
import { hasWalkFields, type WalkFields } from './packet-walk';
import { isWaitCondition, type WaitCondition } from './wait-condition';

/** labsh → gateway */
export type LabshMessage =
  | { type: 'hello'; token: string }
  | { type: 'ready' }
  | { type: 'checks'; results: CheckResultMessage[] }
  | { type: 'snapshot'; snapshot: SimulationSnapshot }
  // A snapshot too big for one control message, not sent: the gateway logs it (the learner was told).
  | { type: 'snapshot-refused'; bytes: number }
  | { type: 'command'; line: string; exitCode: number }
  // At a prompt, busy or continuing an input: sent on every change, relayed to the page (shell-state.ts).
  | ({ type: 'shell' } & ShellStateFields)
  // A walk the learner ran with `trace`, for the page to draw (packet-walk.ts).
  | ({ type: 'walk' } & WalkFields);

/** gateway → labsh */
export type GatewayMessage =
  // `lab`: the lab the gateway loaded and validated, so the child need not load YAML and zod to read it again.
  | { type: 'init'; labId: string | null; seed: number; snapshot: SimulationSnapshot | null; lab?: Lab }
  | { type: 'request-snapshot' }
  // A lesson's Run block asked to wait until this holds; queued behind the inputs before it.
  | { type: 'wait'; condition: WaitCondition };

/**
 * Upper bound for one control message, and so for the snapshot it carries: a bigger one is refused,
 * not buffered forever, and the attempts store refuses to keep one bigger than this either.
 */
export const MAX_CONTROL_MESSAGE_BYTES = 8 * 1024 * 1024;

/**
 * A snapshot is checked only as far as the gateway reads it (a versioned object): the gateway keeps
 * it opaque and hands it back to the same attempt's labsh, whose restore reads the rest.
 */
function isSnapshot(value: unknown): value is SimulationSnapshot {
  return isRecord(value) && value.version === 1;
}

// One guard per message type; the mapped types make adding a message without its guard a compile error.
const LABSH_MESSAGE_FIELDS: FieldChecks<LabshMessage> = {
  hello: (m) => isString(m.token),
  ready: () => true,
  checks: (m) => isArrayOf(m.results, isCheckResultMessage),
  snapshot: (m) => isSnapshot(m.snapshot),
  'snapshot-refused': (m) => isFiniteNumber(m.bytes),
  command: (m) => isString(m.line) && isFiniteNumber(m.exitCode),
  shell: hasShellStateFields,
  walk: hasWalkFields,
};

const GATEWAY_MESSAGE_FIELDS: FieldChecks<GatewayMessage> = {
  init: (m) => (m.labId === null || isString(m.labId)) && isFiniteNumber(m.seed) && (m.snapshot === null || isSnapshot(m.snapshot)) && (m.lab === undefined || isRecord(m.lab)),
  'request-snapshot': () => true,
  wait: (m) => isWaitCondition(m.condition),
};

export function isLabshMessage(value: unknown): value is LabshMessage {
  return isTaggedMessage(LABSH_MESSAGE_FIELDS, value);
}

export function isGatewayMessage(value: unknown): value is GatewayMessage {
  return isTaggedMessage(GATEWAY_MESSAGE_FIELDS, value);
}

export function encodeMessage(message: LabshMessage | GatewayMessage): string {
  return JSON.stringify(message) + '\n';
}
