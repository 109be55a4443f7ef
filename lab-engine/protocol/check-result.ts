// A check's result as it travels: labsh sends it on the control channel, the gateway stores it
// and forwards it to the browser, the app reads it back from the database. Declared here once;
// the grader (labs/grader.ts) produces it. A failed reachability check also carries its packet
// walk (`trace`), typed data a browser can draw; it is bounded, and dropped rather than sent
// when it would still be too big.

import type { CheckResult } from '../labs/grader';
import { isRecord, isString } from './json-guards';
import { isPacketTraceShape, wireTrace, type PacketTrace } from './packet-walk';

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
  const trace = result.trace && wireTrace(result.trace);
  if (trace) message.trace = trace;
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
