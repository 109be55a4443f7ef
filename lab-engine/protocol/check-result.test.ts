// The grader's result becomes the protocol's message with exactly the wire fields.

import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../labs/grader';
import { isCheckResultMessage, toCheckResultMessage } from './check-result';

describe('check results', () => {
  it('carries the grader result over without anything the grader added', () => {
    const graded = {
      checkId: 'resolves',
      passed: false,
      feedbackId: 'check.error',
      params: { message: 'store is gone' },
      reason: 'store is gone',
      internal: 'not for the wire',
    } as CheckResult;
    const message = toCheckResultMessage(graded);
    expect(message).toEqual({ checkId: 'resolves', passed: false, feedbackId: 'check.error', params: { message: 'store is gone' }, reason: 'store is gone' });
    expect(isCheckResultMessage(JSON.parse(JSON.stringify(message)))).toBe(true);
  });
});
