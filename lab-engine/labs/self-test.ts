// Proves a lab solvable and its checks meaningful (DESIGN.md "Labs as data"): in a fresh seeded
// simulation, setup → settle → every check fails (or passes where marked `initially: pass`) →
// solution → settle → every check passes; then each mutation, in its own fresh simulation,
// setup → mutation → settle → each named check fails. A sandbox lab (`sandbox: true`) stops
// after setup: its checks are all `initially: pass`, so this proves the lesson's cluster healthy. Returns a report; never throws for a
// broken lab, because CI wants every lab's verdict, not the first stack trace.

import type { Simulation, SimulationOptions } from '../simulation/contract';
import type { Lab } from './loader';
import { allChecks } from './loader';
import { labQuestions } from './lab-questions';
import { gradeChecks, type CheckResult } from './grader';
import { renderFeedback } from './feedback';
import { splitScript } from './script-commands';

/** The seed a lab runs with when it does not choose one (matches the app's default attempt seed). */
export const DEFAULT_LAB_SEED = 1;

/** Characters of a failing command's output kept in a report. */
const MAX_REPORTED_OUTPUT = 2_000;

/** How the self-test gets a world: passed in so tests can use a fake and labctl the real one. */
export interface SelfTestDeps {
  createSimulation(options: SimulationOptions): Simulation;
  /** Lets lifecycle rules finish (pods pulled and started, or stuck in back-off). */
  settle(sim: Simulation): void;
}

/** `load` is labctl's: a lab.yaml that does not validate is reported in the same shape. */
export type SelfTestPhase = 'load' | 'setup' | 'initial' | 'solution' | 'solved' | 'mutation';

export interface SelfTestFailure {
  phase: SelfTestPhase;
  /** The mutation's name, for phase `mutation`. */
  mutation?: string;
  checkId?: string;
  feedbackId?: string;
  /** For a failing script command: its line in the script and its text. */
  line?: number;
  command?: string;
  /** One sentence saying what went wrong. */
  message: string;
  /** What the failing command printed, or the check's reason. */
  output?: string;
}

export interface SelfTestReport {
  id: string;
  module: string | null;
  passed: boolean;
  /** How many checks the lab declares. */
  checks: number;
  /** How many mutations the lab declares. */
  mutations: number;
  failures: SelfTestFailure[];
}

export async function selfTestLab(lab: Lab, deps: SelfTestDeps): Promise<SelfTestReport> {
  const failures: SelfTestFailure[] = [];
  const report = (): SelfTestReport => ({
    id: lab.id,
    module: lab.module,
    passed: failures.length === 0,
    checks: allChecks(lab).length,
    mutations: lab.mutations.length,
    failures,
  });

  const sim = await freshSimulation(lab, deps, failures);
  if (!sim) return report();

  const expected = new Map(allChecks(lab).map(({ check }) => [check.id, check.initially === 'pass']));
  for (const result of await grade(lab, sim, 'initial', failures)) {
    const shouldPass = expected.get(result.checkId) ?? false;
    if (result.passed === shouldPass) continue;
    failures.push({
      phase: 'initial',
      checkId: result.checkId,
      feedbackId: result.feedbackId,
      message: shouldPass
        ? `right after setup, check ${result.checkId} should pass (initially: pass) but fails: ${renderFeedback(result)}`
        : `right after setup, check ${result.checkId} already passes; the learner would have nothing to do (mark it initially: pass if that is intended)`,
      output: result.reason,
    });
  }

  // A sandbox lab (schema.ts) ends here: its checks, all `initially: pass`, say setup left it healthy.
  if (lab.solution !== undefined && (await runScript(sim, lab.solution, 'solution', failures))) {
    deps.settle(sim);
    for (const result of await grade(lab, sim, 'solved', failures)) {
      if (result.passed) continue;
      failures.push({
        phase: 'solved',
        checkId: result.checkId,
        feedbackId: result.feedbackId,
        message: `after the solution, check ${result.checkId} fails: ${renderFeedback(result)}`,
        output: result.reason,
      });
    }
  }

  for (const mutation of lab.mutations) {
    // Setup already succeeded once above, and the simulation is deterministic, so it will again.
    const own: SelfTestFailure[] = [];
    const mutated = await freshSimulation(lab, deps, own);
    if (mutated && (await runScript(mutated, mutation.script, 'mutation', own, mutation.name))) {
      deps.settle(mutated);
      const results = new Map((await grade(lab, mutated, 'mutation', own, mutation.name)).map((r) => [r.checkId, r]));
      for (const checkId of mutation.mustFail) {
        const result = results.get(checkId);
        if (!result?.passed) continue;
        own.push({
          phase: 'mutation',
          mutation: mutation.name,
          checkId,
          feedbackId: result.feedbackId,
          message: `mutation ${mutation.name}: check ${checkId} should fail but passes, so it would accept this near-miss`,
          output: result.reason,
        });
      }
    }
    failures.push(...own);
  }
  return report();
}

async function freshSimulation(lab: Lab, deps: SelfTestDeps, failures: SelfTestFailure[]): Promise<Simulation | undefined> {
  let sim: Simulation;
  try {
    sim = deps.createSimulation({ seed: lab.seed ?? DEFAULT_LAB_SEED, topology: lab.topology, files: lab.files, questions: labQuestions(lab) });
  } catch (error) {
    failures.push({ phase: 'setup', message: `the simulation could not start: ${errorText(error)}` });
    return undefined;
  }
  if (!(await runScript(sim, lab.setup, 'setup', failures))) return undefined;
  deps.settle(sim);
  return sim;
}

/** Runs a script command by command and stops at the first that fails, reporting it. Returns true if all succeeded. */
export async function runScript(
  sim: Simulation,
  script: string,
  phase: 'setup' | 'solution' | 'mutation',
  failures: SelfTestFailure[],
  mutation?: string,
): Promise<boolean> {
  const label = mutation ? `mutation ${mutation}` : phase;
  for (const command of splitScript(script)) {
    let result;
    try {
      result = await sim.exec(command.text);
    } catch (error) {
      failures.push({ phase, mutation, line: command.line, command: command.text, message: `${label}, line ${command.line}: the simulator threw: ${errorText(error)}` });
      return false;
    }
    if (result.exitCode === 0) continue;
    failures.push({
      phase,
      mutation,
      line: command.line,
      command: command.text,
      message: `${label}, line ${command.line}: \`${firstLine(command.text)}\` exited with ${result.exitCode}`,
      output: truncate((result.stderr || result.stdout).trim()),
    });
    return false;
  }
  return true;
}

async function grade(lab: Lab, sim: Simulation, phase: SelfTestPhase, failures: SelfTestFailure[], mutation?: string): Promise<CheckResult[]> {
  try {
    return await gradeChecks(lab, sim);
  } catch (error) {
    failures.push({ phase, mutation, message: `grading failed: ${errorText(error)}` });
    return [];
  }
}

function firstLine(text: string): string {
  const [first, ...rest] = text.split('\n');
  return rest.length ? `${first} …` : first;
}

function truncate(text: string): string {
  return text.length > MAX_REPORTED_OUTPUT ? `${text.slice(0, MAX_REPORTED_OUTPUT)}…` : text;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
