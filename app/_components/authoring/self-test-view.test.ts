import { describe, expect, it } from 'vitest';
import { phaseLabel, selfTestView } from './self-test-view';

const REPORT = {
  id: 'demo',
  module: 'pod-network',
  passed: false,
  checks: 1,
  mutations: 1,
  phases: [
    { phase: 'setup', seed: 1, ok: true, checks: [] },
    { phase: 'initial', seed: 1, ok: true, checks: [{ id: 'web-running', passed: false, message: 'No pod named web.' }] },
    { phase: 'mutation', seed: 1, mutation: 'wrong-name', ok: false, message: 'web-running passed under the mutation', checks: [{ id: 'web-running', passed: true, message: 'web is Running.' }] },
  ],
  failures: [{ phase: 'mutation', mutation: 'wrong-name', checkId: 'web-running', message: 'the check passed' }],
};

describe('selfTestView', () => {
  it('lists each phase with its outcome and its checks’ messages', () => {
    const view = selfTestView(REPORT);
    expect(view.passed).toBe(false);
    expect(view.phases.map((p) => [p.label, p.ok])).toEqual([
      ['Setup runs', true],
      ['Every check fails before the solution', true],
      ['Mutation “wrong-name” fails the checks it names', false],
    ]);
    expect(view.phases[2].message).toBe('web-running passed under the mutation');
    expect(view.phases[1].checks).toEqual([{ id: 'web-running', passed: false, message: 'No pod named web.' }]);
    expect(view.failures).toEqual(['Mutation “wrong-name” fails the checks it names [web-running]: the check passed']);
  });

  it('reads labctl’s {labs: [...]} wrapper too', () => {
    expect(selfTestView({ labs: [REPORT] }).phases).toHaveLength(3);
  });

  it('shows a run that failed as an error, and a report it cannot read as one too', () => {
    expect(selfTestView({ error: 'The self-test took longer than 90 s.' })).toMatchObject({ passed: false, error: 'The self-test took longer than 90 s.' });
    expect(selfTestView({ passed: 'yes' }).error).toMatch(/could not be read/);
  });

  it('names a failing script line', () => {
    const view = selfTestView({ passed: false, failures: [{ phase: 'setup', line: 2, command: 'kubectl aply -f x', message: 'exit 1' }] });
    expect(view.failures).toEqual(['Setup runs: exit 1 (line 2: kubectl aply -f x)']);
  });
});

describe('phaseLabel', () => {
  it('passes an unknown phase through', () => {
    expect(phaseLabel('warmup')).toBe('warmup');
  });
});
