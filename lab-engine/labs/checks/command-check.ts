// Grades a `command` check: the grader runs the check's line in a fresh shell on a copy of the
// world (at the workstation, on a node, or in a pod) and compares what it printed, stdout and
// stderr together as a terminal shows them, and its exit status with the check's expectations.
// The regular expressions take the `m` flag, so ^ and $ anchor at line ends, as grep's do.

import type { Simulation } from '../../simulation/contract';
import type { CommandCheck } from '../schema';
import { feedback } from '../feedback';
import type { CheckOutcome } from './resource-check';
import { excerptOf, runAt } from './shell-place';

export async function gradeCommandCheck(check: CommandCheck, sim: Simulation): Promise<CheckOutcome> {
  const placed = await runAt(sim, check.on, check.run);
  if ('error' in placed) return placed.error;
  const { where, result } = placed;
  const who = check.shows !== undefined ? { where, shows: check.shows } : { where, run: check.run };
  const output = result.combined;
  const reason = `exit status ${result.exitCode}; ${output ? `printed ${excerptOf(output)}` : 'printed nothing'}`;
  const { matches, notMatches, exitCode } = check.expect;
  if (exitCode !== undefined && result.exitCode !== exitCode) {
    return { passed: false, reason, ...feedback('command.wrong_exit_code', { ...who, exitCode: result.exitCode, expected: exitCode, excerpt: excerptOf(output) }) };
  }
  if (matches !== undefined && !new RegExp(matches, 'm').test(output)) {
    return { passed: false, reason, ...feedback('command.no_match', { ...who, pattern: matches, excerpt: excerptOf(output) }) };
  }
  if (notMatches !== undefined) {
    const found = new RegExp(notMatches, 'm').exec(output);
    if (found) return { passed: false, reason, ...feedback('command.unexpected_match', { ...who, pattern: notMatches, line: lineAround(output, found.index) }) };
  }
  return { passed: true, reason, ...feedback('command.ok', { ...who, exitCode: result.exitCode }) };
}

/** The whole line a match starts on, so feedback shows it in context. */
function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  return excerptOf(text.slice(start, end === -1 ? undefined : end));
}
