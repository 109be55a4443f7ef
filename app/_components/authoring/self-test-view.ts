// The self-test report (the engine's SelfTestReport as `labctl test --json` prints it, stored by
// POST /api/authoring/labs/:id/self-test) as the editor lists it: each phase in order with its
// outcome, the seed it ran with and its checks' messages, then the failures labctl names. The
// report crosses a process and a database column, so it is parsed here, not trusted.

import { z } from 'zod';

const Check = z.object({ id: z.string(), passed: z.boolean(), message: z.string().optional().default('') });
const Phase = z.object({
  phase: z.string(),
  seed: z.number().optional(),
  mutation: z.string().optional(),
  ok: z.boolean(),
  /** Why a phase failed, in one sentence. */
  message: z.string().optional(),
  checks: z.array(Check).optional().default([]),
});
const Failure = z.object({
  phase: z.string(),
  mutation: z.string().optional(),
  checkId: z.string().optional(),
  line: z.number().optional(),
  command: z.string().optional(),
  message: z.string(),
  output: z.string().optional(),
});
const Report = z.object({
  passed: z.boolean(),
  phases: z.array(Phase).optional().default([]),
  failures: z.array(Failure).optional().default([]),
});
const Wrapped = z.object({ labs: z.array(z.unknown()).min(1) });
const RunError = z.object({ error: z.string() });

export interface PhaseView {
  key: string;
  label: string;
  ok: boolean;
  seed?: number;
  message?: string;
  checks: { id: string; passed: boolean; message: string }[];
}

export interface SelfTestView {
  passed: boolean;
  phases: PhaseView[];
  failures: string[];
  /** The run itself failed (timeout, crash): no phases to show. */
  error?: string;
}

/** What each phase proves, in the author's words. */
export function phaseLabel(phase: string, mutation?: string): string {
  switch (phase) {
    case 'load':
      return 'The lab loads';
    case 'setup':
      return 'Setup runs';
    case 'initial':
      return 'Every check fails before the solution';
    case 'solution':
      return 'The solution runs';
    case 'solved':
      return 'Every check passes after the solution';
    case 'mutation':
      return `Mutation ${mutation ? `“${mutation}” ` : ''}fails the checks it names`;
    default:
      return phase;
  }
}

export function selfTestView(report: unknown): SelfTestView {
  const error = RunError.safeParse(report);
  if (error.success) return { passed: false, phases: [], failures: [], error: error.data.error };
  const wrapped = Wrapped.safeParse(report);
  const parsed = Report.safeParse(wrapped.success ? wrapped.data.labs[0] : report);
  if (!parsed.success) return { passed: false, phases: [], failures: [], error: 'The self-test report could not be read.' };
  const { passed, phases, failures } = parsed.data;
  return {
    passed,
    phases: phases.map((phase, index) => ({
      key: `${index}-${phase.phase}-${phase.mutation ?? ''}-${phase.seed ?? ''}`,
      label: phaseLabel(phase.phase, phase.mutation),
      ok: phase.ok,
      seed: phase.seed,
      message: phase.message,
      checks: phase.checks,
    })),
    failures: failures.map((failure) => {
      const where = failure.line !== undefined ? ` (line ${failure.line}${failure.command ? `: ${failure.command}` : ''})` : '';
      const check = failure.checkId ? ` [${failure.checkId}]` : '';
      return `${phaseLabel(failure.phase, failure.mutation)}${check}: ${failure.message}${where}`;
    }),
  };
}
