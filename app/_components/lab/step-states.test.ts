import { describe, expect, it } from 'vitest';
import { isLabComplete, stepStates } from './step-states';

const steps = [
  { id: 'nodes', title: 'Meet the nodes', checkIds: [], hints: [] },
  { id: 'run-web', title: 'Run web', checkIds: ['web-running', 'web-ready'], hints: [] },
  { id: 'pod-ip', title: 'Pod IP', checkIds: ['web-has-pod-ip'], hints: [] },
];
const passing = (...ids: string[]) => (id: string) => ids.includes(id);

describe('step states', () => {
  it('starts on the first step, the rest upcoming', () => {
    expect(stepStates(steps, passing(), new Set(), false)).toEqual(['current', 'upcoming', 'upcoming']);
  });

  it('moves on from a step without checks once it is marked read', () => {
    expect(stepStates(steps, passing(), new Set(['nodes']), false)).toEqual(['done', 'current', 'upcoming']);
  });

  it('counts a step done when all its checks pass; a later pass also settles a reading step', () => {
    expect(stepStates(steps, passing('web-running'), new Set(), false)).toEqual(['done', 'current', 'upcoming']);
    expect(stepStates(steps, passing('web-running', 'web-ready'), new Set(), false)).toEqual(['done', 'done', 'current']);
    expect(stepStates(steps, passing('web-has-pod-ip'), new Set(['nodes']), false)).toEqual(['done', 'current', 'done']);
  });

  it('marks every step done once the lab is complete', () => {
    expect(stepStates(steps, passing(), new Set(), true)).toEqual(['done', 'done', 'done']);
  });

  it('calls a lab complete when every check passes, never one without checks', () => {
    const all = ['web-running', 'web-ready', 'web-has-pod-ip'];
    expect(isLabComplete(all, passing(...all), false)).toBe(true);
    expect(isLabComplete(all, passing('web-running'), false)).toBe(false);
    expect(isLabComplete(all, passing(), true)).toBe(true);
    expect(isLabComplete([], passing(), false)).toBe(false);
  });
});
