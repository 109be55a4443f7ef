// The rules a lab.yaml must keep that span fields, so a per-field schema cannot state them:
// unique ids, mutations naming checks that exist, the id matching its folder, namespaces only
// where the resource has them, and hints that help before they tell: only a step's last hint may
// hold a command of the solution.

import type { LabDefinition } from './schema';
import type { FieldIssue } from './schema-issues';
import { CLUSTER_SCOPED_RESOURCES } from './describe-object';
import { closest } from './edit-distance';

export function crossCheck(def: LabDefinition, folderName: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (def.id !== folderName) {
    issues.push({ path: ['id'], message: `"${def.id}" does not match the lab's folder "${folderName}"; rename one so they agree` });
  }

  const stepIds = new Set<string>();
  const checkIds = new Set<string>();
  for (const [s, step] of def.steps.entries()) {
    if (stepIds.has(step.id)) issues.push({ path: ['steps', s, 'id'], message: `duplicate step id "${step.id}"; step ids must be unique` });
    stepIds.add(step.id);
    for (const [c, check] of step.checks.entries()) {
      if (checkIds.has(check.id)) {
        issues.push({ path: ['steps', s, 'checks', c, 'id'], message: `duplicate check id "${check.id}"; check ids must be unique across the lab` });
      }
      checkIds.add(check.id);
      if (check.kind === 'resource' && check.namespace !== undefined && CLUSTER_SCOPED_RESOURCES.has(check.resource)) {
        issues.push({ path: ['steps', s, 'checks', c, 'namespace'], message: `${check.resource} are not namespaced; remove namespace` });
      }
    }
  }
  issues.push(...hintLeaks(def));
  if (checkIds.size === 0) {
    issues.push({ path: ['steps'], message: 'the lab has no checks; add at least one so progress can be graded and the lab can prove itself solvable' });
  }

  const mutationNames = new Set<string>();
  for (const [m, mutation] of def.mutations.entries()) {
    if (mutationNames.has(mutation.name)) issues.push({ path: ['mutations', m, 'name'], message: `duplicate mutation name "${mutation.name}"` });
    mutationNames.add(mutation.name);
    for (const [i, id] of mutation.mustFail.entries()) {
      if (checkIds.has(id)) continue;
      const guess = closest(id, checkIds);
      issues.push({
        path: ['mutations', m, 'mustFail', i],
        message: `no check has id "${id}"${guess ? `; did you mean "${guess}"?` : `; the checks are: ${[...checkIds].join(', ')}`}`,
      });
    }
  }
  return issues;
}

/** Shorter solution lines (`done`, `EOF`, `fi`) say nothing on their own; longer ones are the answer. */
const MIN_TELLING_LINE = 16;

/** The solution's command lines, without here-document bodies (manifest lines such as `port: 80` are not the answer by themselves). */
export function solutionCommands(solution: string): string[] {
  const commands: string[] = [];
  let until: string | undefined;
  for (const line of solution.split('\n')) {
    const text = line.trim();
    if (until !== undefined) {
      if (text === until) until = undefined;
      continue;
    }
    until = /<<-?\s*['"]?([A-Za-z_]\w*)/.exec(line)?.[1];
    if (text.length >= MIN_TELLING_LINE) commands.push(text);
  }
  return commands;
}

/** A hint before a step's last that quotes a solution command gives the answer away too soon. */
function hintLeaks(def: LabDefinition): FieldIssue[] {
  const commands = solutionCommands(def.solution ?? '');
  const issues: FieldIssue[] = [];
  for (const [s, step] of def.steps.entries()) {
    for (const [h, hint] of step.hints.slice(0, -1).entries()) {
      const told = commands.find((c) => hint.includes(c));
      if (told) issues.push({ path: ['steps', s, 'hints', h], message: `this hint gives the solution's command "${told}" before the step's last hint; let the earlier hints point the way and keep the answer for the last` });
    }
  }
  return issues;
}
