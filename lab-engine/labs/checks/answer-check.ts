// Grades an `answer` check: the finding the learner stated with `answer <id> <value>` against the
// truth, computed from the model each time the check runs (a JSONPath on an object, or what a
// command prints), so it can never drift from the cluster. Case and runs of whitespace do not
// count. A wrong answer fails, and its feedback never reveals the truth.

import type { Simulation } from '../../simulation/contract';
import type { AnswerCheck } from '../schema';
import { feedback } from '../feedback';
import { evaluateJsonPath, parseJsonPath, renderJsonPathResults } from '../json-path';
import type { CheckOutcome } from './resource-check';
import { checkNamespace } from './resource-check';
import { excerptOf, runAt } from './shell-place';

type Truth = { ok: true; accepted: string[]; source: string } | { ok: false; reason: string };

export async function gradeAnswerCheck(check: AnswerCheck, sim: Simulation): Promise<CheckOutcome> {
  const asked = { questionId: check.id, question: check.question };
  const given = sim.answerTo(check.id);
  if (given === undefined) return { passed: false, reason: `no answer to ${check.id} yet`, ...feedback('answer.missing', asked) };
  const truth = await truthOf(check.expected, sim);
  if (!truth.ok) return { passed: false, reason: truth.reason, ...feedback('answer.no_truth', { ...asked, reason: truth.reason }) };
  const answer = normalize(given);
  if (truth.accepted.some((value) => normalize(value) === answer)) {
    return { passed: true, reason: `${truth.source} says ${truth.accepted.join(', ')}`, ...feedback('answer.correct', { ...asked, answer: given }) };
  }
  // The reason names only where the truth comes from: the page shows it beside a failed check.
  return { passed: false, reason: `${given} is not what ${truth.source} says`, ...feedback('answer.wrong', { ...asked, answer: given }) };
}

export function normalize(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

async function truthOf(expected: AnswerCheck['expected'], sim: Simulation): Promise<Truth> {
  if (expected.value !== undefined) return { ok: true, accepted: [String(expected.value)], source: 'the lab' };
  if (expected.resource !== undefined) return resourceTruth(expected, sim);
  return commandTruth(expected, sim);
}

function resourceTruth(expected: AnswerCheck['expected'], sim: Simulation): Truth {
  const resource = expected.resource!;
  const namespace = checkNamespace({ resource, namespace: expected.namespace });
  const view = sim.view();
  const object = expected.name !== undefined ? view.get(resource, namespace, expected.name) : view.list(resource, namespace, expected.selector).at(0);
  const what = `${resource} ${expected.name ?? `matching ${expected.selector}`}${namespace ? ` in ${namespace}` : ''}`;
  if (!object) return { ok: false, reason: `there is no ${what}` };
  const parsed = parseJsonPath(expected.jsonPath!);
  if (!parsed.ok) return { ok: false, reason: parsed.message };
  const accepted = evaluateJsonPath(parsed.segments, object).map((value) => renderJsonPathResults([value])).filter((text) => text.trim() !== '');
  if (accepted.length === 0) return { ok: false, reason: `${what} has no ${expected.jsonPath}` };
  return { ok: true, accepted, source: `${expected.jsonPath} of ${what}` };
}

async function commandTruth(expected: AnswerCheck['expected'], sim: Simulation): Promise<Truth> {
  const placed = await runAt(sim, expected.on ?? 'workstation', expected.run!);
  if ('error' in placed) return { ok: false, reason: placed.error.reason };
  const output = placed.result.stdout;
  const accepted = expected.pick !== undefined ? picks(output, expected.pick) : output.split('\n').map((line) => line.trim()).filter(Boolean);
  if (accepted.length === 0) {
    const printed = excerptOf(placed.result.combined);
    return { ok: false, reason: `\`${expected.run}\` on ${placed.where} gave no answer (exit status ${placed.result.exitCode}${printed ? `: ${printed}` : ''})` };
  }
  return { ok: true, accepted, source: `\`${expected.run}\` on ${placed.where}` };
}

/** Each match's first group, or the whole match when the pattern has no group. */
function picks(output: string, pattern: string): string[] {
  const found: string[] = [];
  for (const match of output.matchAll(new RegExp(pattern, 'gm'))) {
    const value = (match[1] ?? match[0]).trim();
    if (value) found.push(value);
    if (found.length >= 100) break;
  }
  return found;
}
