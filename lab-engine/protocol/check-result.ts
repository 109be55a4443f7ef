// A check's result as it travels: labsh sends it on the control channel, the gateway stores it
// and forwards it to the browser, the app reads it back from the database. Declared here once;
// the grader (labs/grader.ts) produces it.

import type { CheckResult } from '../labs/grader';
import { isRecord, isString } from './json-guards';

/**
 * The grader's CheckResult as plain JSON. The feedback ID widens to a string and its params to a
 * record: a reader on the far side (a row stored before the catalogue changed, the browser) cannot
 * assume they match today's catalogue, so it looks the ID up (labs/feedback.ts `isFeedbackId`)
 * before rendering from it.
 */
export type CheckResultMessage = Pick<CheckResult, 'checkId' | 'passed' | 'reason'> & {
  feedbackId: string;
  params: Record<string, unknown>;
};

/** The wire fields only, so nothing the grader adds to its own result leaks onto the channel by accident. */
export function toCheckResultMessage(result: CheckResult): CheckResultMessage {
  return { checkId: result.checkId, passed: result.passed, feedbackId: result.feedbackId, params: result.params, reason: result.reason };
}

export function isCheckResultMessage(value: unknown): value is CheckResultMessage {
  return (
    isRecord(value) &&
    isString(value.checkId) &&
    typeof value.passed === 'boolean' &&
    isString(value.feedbackId) &&
    isRecord(value.params) &&
    isString(value.reason)
  );
}
