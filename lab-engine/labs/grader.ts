// Grades a lab's checks against the live model. Each check kind has one small function; the
// switch covers every kind in the schema's union, so adding a kind without a grader fails to
// compile. A check never throws into the session: a fault becomes a `check.error` result.
// Grading is asynchronous because `command` checks (and `answer` checks whose truth is a
// command) run a shell line; checks run one after another, in the lab's order.

import type { Simulation } from '../simulation/contract';
import type { Check } from './schema';
import type { Lab } from './loader';
import { feedback, type Feedback } from './feedback';
import type { PacketTrace } from '../dataplane/packet/packet-trace';
import { gradeResourceCheck, type CheckOutcome } from './checks/resource-check';
import { gradeReachabilityCheck } from './checks/reachability-check';
import { gradeDnsCheck } from './checks/dns-check';
import { gradeHttpCheck } from './checks/http-check';
import { gradeCommandCheck } from './checks/command-check';
import { gradeAnswerCheck } from './checks/answer-check';
import { gradeLoadCheck } from './checks/load-check';

export type CheckResult = Feedback & {
  checkId: string;
  passed: boolean;
  /** The model's own explanation, e.g. `pod default/web is Pending (ContainerCreating) on node-1`. */
  reason: string;
  /** A failed reachability check's packet walk as plain JSON (bounded), for a picture of it. */
  trace?: PacketTrace;
};

/** Grades the checks of one step, or of the whole lab when `stepId` is omitted. */
export async function gradeChecks(lab: Pick<Lab, 'id' | 'steps'>, sim: Simulation, stepId?: string): Promise<CheckResult[]> {
  const steps = stepId === undefined ? lab.steps : lab.steps.filter((step) => step.id === stepId);
  if (stepId !== undefined && steps.length === 0) throw new RangeError(`lab ${lab.id} has no step "${stepId}"`);
  const results: CheckResult[] = [];
  for (const check of steps.flatMap((step) => step.checks)) results.push(await gradeCheck(check, sim));
  return results;
}

export async function gradeCheck(check: Check, sim: Simulation): Promise<CheckResult> {
  let outcome: CheckOutcome;
  try {
    outcome = await evaluate(check, sim);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    outcome = { passed: false, reason: message, ...feedback('check.error', { message }) };
  }
  return { checkId: check.id, ...outcome };
}

function evaluate(check: Check, sim: Simulation): CheckOutcome | Promise<CheckOutcome> {
  switch (check.kind) {
    case 'resource':
      return gradeResourceCheck(check, sim);
    case 'reachability':
      return gradeReachabilityCheck(check, sim);
    case 'dns':
      return gradeDnsCheck(check, sim);
    case 'http':
      return gradeHttpCheck(check, sim);
    case 'command':
      return gradeCommandCheck(check, sim);
    case 'answer':
      return gradeAnswerCheck(check, sim);
    case 'load':
      return gradeLoadCheck(check, sim);
    default:
      return assertNever(check);
  }
}

function assertNever(check: never): never {
  throw new Error(`no grader for check ${JSON.stringify(check)}`);
}
