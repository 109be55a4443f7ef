// The grader's result becomes the protocol's message with exactly the wire fields, and a failed
// reachability check's packet walk travels with it, guarded and bounded.

import { describe, expect, it } from 'vitest';
import { gradeCheck, type CheckResult } from '../labs/grader';
import { ReachabilityCheckSchema } from '../labs/schema';
import { createSimulation, settle } from '../simulation/simulation';
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

  it('the trace travels on the check result message and passes its guard; an oversized one is left off', async () => {
    const sim = createSimulation({ seed: 3 });
    for (const l of ['kubectl create service clusterip empty --tcp=80:80', 'kubectl run frontend --image=busybox --labels=app=frontend -- sleep 3600']) expect((await sim.exec(l)).exitCode).toBe(0);
    settle(sim);
    const check = ReachabilityCheckSchema.parse({ id: 'c', title: 'C', kind: 'reachability', from: { selector: 'app=frontend' }, to: { service: 'empty', port: 80 }, expect: 'allowed' });
    const result = await gradeCheck(check, sim);
    expect(result.trace?.outcome).toEqual({ kind: 'refused', by: 'reject-rule' });
    const message = toCheckResultMessage(result);
    expect(message.trace).toEqual(result.trace);
    const wire = JSON.parse(JSON.stringify(message)) as unknown;
    expect(isCheckResultMessage(wire)).toBe(true);
    expect(isCheckResultMessage({ ...message, trace: { ...message.trace, hops: 'none' } })).toBe(false);
    expect(isCheckResultMessage({ ...message, trace: { ...message.trace, decidedAt: 99 } })).toBe(false);
    const huge = { ...result, trace: { ...result.trace!, hops: result.trace!.hops.map((h) => ({ ...h, netns: h.netns.padEnd(20_000, '.') })) } };
    expect(toCheckResultMessage(huge).trace).toBeUndefined();
  });
});
