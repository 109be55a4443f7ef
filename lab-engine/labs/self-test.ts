// Proves a lab solvable and its checks meaningful (DESIGN.md "Labs as data"): in a fresh seeded
// simulation, setup → settle → every check fails (or passes where marked `initially: pass`) →
// solution → settle → every check passes; then each mutation, in its own fresh simulation,
// setup → mutation → settle → each named check fails. A sandbox lab (`sandbox: true`) stops
// after setup: its checks are all `initially: pass`, so this proves the lesson's cluster healthy.
// A lab with variables runs it all once per learner's draw (several attempt seeds; the cluster's
// seed stays the lab's). The report lists every failure and, for the authoring editor, each
// phase with its checks' verdicts and feedback. Never throws for a broken lab, because CI wants
// every lab's verdict, not the first stack trace.

import type { Simulation, SimulationOptions } from '../simulation/contract';
import type { Lab } from './loader';
import { allChecks } from './loader';
import { labQuestions } from './lab-questions';
import { gradeChecks, type CheckResult } from './grader';
import { renderFeedback } from './feedback';
import { splitScript } from './script-commands';
import { DEFAULT_LAB_SEED, distinctSeeds } from './lab-variables';
import { describeValues, instantiateLab } from './lab-instance';

export { DEFAULT_LAB_SEED };

/** How many learners' draws the self-test tries on a lab with variables, unless told which seeds. */
export const DEFAULT_SELF_TEST_DRAWS = 3;

/** Characters of a failing command's output kept in a report. */
const MAX_REPORTED_OUTPUT = 2_000;

/** How the self-test gets a world: passed in so tests can use a fake and labctl the real one. */
export interface SelfTestDeps {
  createSimulation(options: SimulationOptions): Simulation;
  /** Lets lifecycle rules finish (pods pulled and started, or stuck in back-off). */
  settle(sim: Simulation): void;
}

export interface SelfTestOptions {
  /** The attempt seeds whose variable draws to test; default: DEFAULT_SELF_TEST_DRAWS distinct draws for a lab with variables, else DEFAULT_LAB_SEED. */
  seeds?: number[];
}

/** `load` is labctl's: a lab.yaml that does not validate is reported in the same shape. */
export type SelfTestPhase = 'load' | 'setup' | 'initial' | 'solution' | 'solved' | 'mutation';

export interface SelfTestFailure {
  phase: SelfTestPhase;
  /** The attempt seed whose draw of the lab's variables failed (a lab with variables). */
  seed?: number;
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

/** One check's verdict in a phase, with the feedback a learner would read. */
export interface SelfTestCheckOutcome {
  id: string;
  passed: boolean;
  message: string;
}

/** One phase of one seed's run, in order, as the authoring editor shows it. */
export interface SelfTestPhaseReport {
  phase: SelfTestPhase;
  seed: number;
  mutation?: string;
  /** Did the phase go as a sound lab's must (setup and scripts ran, checks failed or passed as they should)? */
  ok: boolean;
  /** What went wrong, when it did: the first failure's sentence. */
  message?: string;
  checks: SelfTestCheckOutcome[];
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
  /** The attempt seeds the lab ran with (one per learner's draw of its variables). */
  seeds: number[];
  phases: SelfTestPhaseReport[];
}

export async function selfTestLab(lab: Lab, deps: SelfTestDeps, options: SelfTestOptions = {}): Promise<SelfTestReport> {
  const varied = lab.template !== undefined && lab.variables !== undefined;
  const seeds = options.seeds?.length ? options.seeds : varied ? distinctSeeds(lab, DEFAULT_SELF_TEST_DRAWS) : [lab.instance?.seed ?? DEFAULT_LAB_SEED];
  const failures: SelfTestFailure[] = [];
  const phases: SelfTestPhaseReport[] = [];
  for (const seed of seeds) {
    let instance: Lab;
    try {
      instance = instantiateLab(lab, seed);
    } catch (error) {
      const message = errorText(error);
      failures.push({ phase: 'load', seed, message });
      phases.push({ phase: 'load', seed, ok: false, message, checks: [] });
      continue;
    }
    const run = new SeedRun(instance, deps, seed, varied ? `seed ${seed} (${describeValues(instance.instance?.values ?? {})}): ` : '');
    await run.all();
    failures.push(...run.failures);
    phases.push(...run.phases);
  }
  return { id: lab.id, module: lab.module, passed: failures.length === 0, checks: allChecks(lab).length, mutations: lab.mutations.length, failures, seeds, phases };
}

/** One learner's instance of the lab through every phase; failures and phase reports collect here. */
class SeedRun {
  readonly failures: SelfTestFailure[] = [];
  readonly phases: SelfTestPhaseReport[] = [];

  constructor(
    private readonly lab: Lab,
    private readonly deps: SelfTestDeps,
    private readonly seed: number,
    /** Prefixes each message for a lab with variables, so a failure names the draw it happened with. */
    private readonly label: string,
  ) {}

  async all(): Promise<void> {
    const { lab, deps } = this;
    const sim = await this.freshSimulation(this.failures, true);
    if (!sim) return;

    const expected = new Map(allChecks(lab).map(({ check }) => [check.id, check.initially === 'pass']));
    const initial = this.failures.length;
    const initialResults = await grade(lab, sim, 'initial', this.failures);
    for (const result of initialResults) {
      const shouldPass = expected.get(result.checkId) ?? false;
      if (result.passed === shouldPass) continue;
      this.failures.push({
        phase: 'initial',
        checkId: result.checkId,
        feedbackId: result.feedbackId,
        message: shouldPass
          ? `right after setup, check ${result.checkId} should pass (initially: pass) but fails: ${renderFeedback(result)}`
          : `right after setup, check ${result.checkId} already passes; the learner would have nothing to do (mark it initially: pass if that is intended)`,
        output: result.reason,
      });
    }
    this.record('initial', this.failures.slice(initial), initialResults);

    // A sandbox lab (schema.ts) ends here: its checks, all `initially: pass`, say setup left it healthy.
    if (lab.solution !== undefined) {
      const before = this.failures.length;
      const solved = await runScript(sim, lab.solution, 'solution', this.failures);
      this.record('solution', this.failures.slice(before), []);
      if (solved) {
        deps.settle(sim);
        const graded = this.failures.length;
        const results = await grade(lab, sim, 'solved', this.failures);
        for (const result of results) {
          if (result.passed) continue;
          this.failures.push({
            phase: 'solved',
            checkId: result.checkId,
            feedbackId: result.feedbackId,
            message: `after the solution, check ${result.checkId} fails: ${renderFeedback(result)}`,
            output: result.reason,
          });
        }
        this.record('solved', this.failures.slice(graded), results);
      }
    }

    for (const mutation of lab.mutations) {
      // Setup already succeeded once above, and the simulation is deterministic, so it will again.
      const own: SelfTestFailure[] = [];
      const mutated = await this.freshSimulation(own, false);
      let results: CheckResult[] = [];
      if (mutated && (await runScript(mutated, mutation.script, 'mutation', own, mutation.name))) {
        deps.settle(mutated);
        results = await grade(lab, mutated, 'mutation', own, mutation.name);
        const byId = new Map(results.map((r) => [r.checkId, r]));
        for (const checkId of mutation.mustFail) {
          const result = byId.get(checkId);
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
      this.failures.push(...own);
      this.record('mutation', own, results, mutation.name);
    }
    if (this.label) for (const failure of this.failures) Object.assign(failure, { seed: this.seed, message: this.label + failure.message });
  }

  private record(phase: SelfTestPhase, failures: SelfTestFailure[], results: CheckResult[], mutation?: string): void {
    this.phases.push({
      phase,
      seed: this.seed,
      ...(mutation ? { mutation } : {}),
      ok: failures.length === 0,
      ...(failures.length ? { message: failures[0].message } : {}),
      checks: results.map((result) => ({ id: result.checkId, passed: result.passed, message: renderFeedback(result) })),
    });
  }

  private async freshSimulation(failures: SelfTestFailure[], recordSetup: boolean): Promise<Simulation | undefined> {
    const { lab, deps } = this;
    const before = failures.length;
    let sim: Simulation | undefined;
    try {
      sim = deps.createSimulation({ seed: lab.seed ?? DEFAULT_LAB_SEED, topology: lab.topology, files: lab.files, questions: labQuestions(lab) });
    } catch (error) {
      failures.push({ phase: 'setup', message: `the simulation could not start: ${errorText(error)}` });
    }
    if (sim && (await runScript(sim, lab.setup, 'setup', failures))) deps.settle(sim);
    else sim = undefined;
    if (recordSetup) this.record('setup', failures.slice(before), []);
    return sim;
  }
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
