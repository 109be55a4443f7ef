// A check's result as it travels: labsh sends it on the control channel, the gateway stores it
// and forwards it to the browser, the app reads it back from the database. Declared here once;
// the grader (labs/grader.ts) produces it. A failed reachability check also carries its packet
// walk (`trace`), typed data a browser can draw; it is bounded, and dropped rather than sent
// when it would still be too big.

import type { CheckResult } from '../labs/grader';
import type { PacketTrace } from '../dataplane/packet/packet-trace';
import { isFiniteNumber, isRecord, isString } from './json-guards';

export type { PacketTrace } from '../dataplane/packet/packet-trace';

/** The most a check result's trace may weigh as JSON; the grader's bounds keep a real walk far below it. */
export const MAX_TRACE_JSON_BYTES = 64 * 1024;
/** The most hops a trace on the wire may hold (the grader keeps at most 48). */
export const MAX_TRACE_HOPS = 64;

/**
 * The grader's CheckResult as plain JSON. The feedback ID widens to a string and its params to a
 * record: a reader on the far side (a row stored before the catalogue changed, the browser) cannot
 * assume they match today's catalogue, so it looks the ID up (labs/feedback.ts `isFeedbackId`)
 * before rendering from it. `trace` is present only on a failed reachability check that sent a
 * packet, and only while the result is live (the attempt store keeps feedback, not walks).
 */
export type CheckResultMessage = Pick<CheckResult, 'checkId' | 'passed' | 'reason'> & {
  feedbackId: string;
  params: Record<string, unknown>;
  trace?: PacketTrace;
};

/** The wire fields only, so nothing the grader adds to its own result leaks onto the channel by accident. */
export function toCheckResultMessage(result: CheckResult): CheckResultMessage {
  const message: CheckResultMessage = { checkId: result.checkId, passed: result.passed, feedbackId: result.feedbackId, params: result.params, reason: result.reason };
  if (result.trace && new TextEncoder().encode(JSON.stringify(result.trace)).length <= MAX_TRACE_JSON_BYTES) message.trace = result.trace;
  return message;
}

export function isCheckResultMessage(value: unknown): value is CheckResultMessage {
  return (
    isRecord(value) &&
    isString(value.checkId) &&
    typeof value.passed === 'boolean' &&
    isString(value.feedbackId) &&
    isRecord(value.params) &&
    isString(value.reason) &&
    (value.trace === undefined || isPacketTraceShape(value.trace))
  );
}

/**
 * The outline of a trace: hops that each say where and what kind, an outcome with a kind, and a
 * decided-at index inside the hops. A drawing reads the fields of each kind defensively; this
 * keeps out what is not a trace at all, and oversized ones.
 */
function isPacketTraceShape(value: unknown): value is PacketTrace {
  if (!isRecord(value) || !isRecord(value.probe) || !isRecord(value.outcome) || !isString(value.outcome.kind) || typeof value.replied !== 'boolean') return false;
  const hops = value.hops;
  if (!Array.isArray(hops) || hops.length > MAX_TRACE_HOPS) return false;
  if (!hops.every((h) => isRecord(h) && isString(h.kind) && isString(h.netns) && isRecord(h.headers))) return false;
  return value.decidedAt === undefined || (isFiniteNumber(value.decidedAt) && Number.isInteger(value.decidedAt) && value.decidedAt >= 0 && value.decidedAt < hops.length);
}
