// Which steps of a lab are done, which one the learner is on, and whether the whole lab is done.
// A step with checks is done when they all pass; a step without checks (reading, looking around)
// is done once the learner says so, or once they have moved on and passed a later step's check.
// The current step is the first one not done; the panel highlights it.

import type { StepView } from './lab-types';

export type StepState = 'done' | 'current' | 'upcoming';

export function stepStates(steps: readonly StepView[], passed: (checkId: string) => boolean, readSteps: ReadonlySet<string>, labComplete: boolean): StepState[] {
  const done = steps.map((step, index) => {
    if (labComplete) return true;
    if (step.checkIds.length > 0) return step.checkIds.every(passed);
    return readSteps.has(step.id) || steps.slice(index + 1).some((later) => later.checkIds.some(passed));
  });
  const current = done.indexOf(false);
  return done.map((isDone, index) => (isDone ? 'done' : index === current ? 'current' : 'upcoming'));
}

/** A lab is complete when it has checks and every one passes (or the server recorded it complete). */
export function isLabComplete(checkIds: readonly string[], passed: (checkId: string) => boolean, recordedComplete: boolean): boolean {
  return recordedComplete || (checkIds.length > 0 && checkIds.every(passed));
}
