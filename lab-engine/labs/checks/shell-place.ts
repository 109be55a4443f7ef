// Where a grader's command runs (a `command` check, or an `answer` check's truth): the line is
// wrapped the way a learner would reach that place, `ssh node-2 '…'` or
// `kubectl exec -n ns pod -c c -- sh -c '…'`, and run by the simulation in a fresh shell on a
// copy of the world (Simulation.runIsolated), never in the learner's own shell.

import type { IsolatedRunResult, Simulation } from '../../simulation/contract';
import type { ShellPlace } from '../schema';
import { feedback } from '../feedback';
import { findSource } from './source-pod';
import type { CheckOutcome } from './resource-check';

export type PlacedRun = { where: string; result: IsolatedRunResult } | { error: CheckOutcome };

/** Runs `line` at `place` in an isolated shell; a place that does not exist (yet) is a failed outcome, not a throw. */
export async function runAt(sim: Simulation, place: ShellPlace, line: string): Promise<PlacedRun> {
  if (place === 'workstation') return { where: 'the workstation', result: await sim.runIsolated(line) };
  if ('node' in place) {
    if (!sim.view().get('nodes', undefined, place.node)) {
      return { error: { passed: false, reason: `no node ${place.node} in the cluster`, ...feedback('command.no_node', { node: place.node }) } };
    }
    return { where: place.node, result: await sim.runIsolated(`ssh ${place.node} ${shellQuote(line)}`) };
  }
  const namespace = place.namespace ?? 'default';
  const pod = findSource(sim, namespace, place);
  if (!pod) {
    const selector = place.selector ?? `pod ${place.pod}`;
    return { error: { passed: false, reason: `no running pod in ${namespace} matches ${selector}`, ...feedback('reachability.no_source', { namespace, selector }) } };
  }
  const container = place.container ? ` -c ${shellQuote(place.container)}` : '';
  const exec = `kubectl exec -n ${namespace} ${pod.metadata.name}${container} -- sh -c ${shellQuote(line)}`;
  return { where: `pod ${namespace}/${pod.metadata.name}`, result: await sim.runIsolated(exec) };
}

/** One shell word holding `text` literally: single quotes, with each ' written as '\''. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A short, one-line piece of what a command printed, for feedback. */
export function excerptOf(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
