// Grades a `resource` check: fetch one object from the model through the simulation's view, evaluate
// the check's JSONPath on it, and compare the text kubectl would print with equals / matches /
// exists. The reason is always the model's own description of the object.

import type { AnyObject, Simulation } from '../../simulation/contract';
import type { ResourceCheck } from '../schema';
import { feedback, type Feedback } from '../feedback';
import type { PacketTrace } from '../../dataplane/packet/packet-trace';
import { evaluateJsonPath, parseJsonPath, renderJsonPathResults, type PathSegment } from '../json-path';
import { CLUSTER_SCOPED_RESOURCES, describeMissing, describeObject } from '../describe-object';
import { editDistance } from '../edit-distance';

export type CheckOutcome = Feedback & { passed: boolean; reason: string; /** A failed reachability check's walk, for a picture of it. */ trace?: PacketTrace };

/** Parsed once per expression: the grader runs after every command the learner types. */
const parsedPaths = new Map<string, PathSegment[]>();

/** Cluster-scoped resources have no namespace; namespaced ones default to `default`, as kubectl does. */
export function checkNamespace(check: Pick<ResourceCheck, 'resource' | 'namespace'>): string | undefined {
  return CLUSTER_SCOPED_RESOURCES.has(check.resource) ? undefined : (check.namespace ?? 'default');
}

export function gradeResourceCheck(check: ResourceCheck, sim: Simulation): CheckOutcome {
  const namespace = checkNamespace(check);
  const target = { resource: check.resource, ...(namespace ? { namespace } : {}), name: check.name };
  const segments = segmentsOf(check.jsonPath);
  if (!segments.ok) {
    return { passed: false, reason: segments.message, ...feedback('check.error', { message: segments.message }) };
  }

  const view = sim.view();
  const object = view.get(check.resource, namespace, check.name);
  if (!object) {
    const similar = similarNames(view.list(check.resource, namespace), check.name);
    return {
      passed: false,
      reason: describeMissing(check.resource, namespace, check.name, similar),
      ...feedback('resource.not_found', { ...target, similar }),
    };
  }

  const reason = describeObject(check.resource, namespace, check.name, object);
  const values = evaluateJsonPath(segments.segments, object);
  const actual = renderJsonPathResults(values);
  const jsonPath = check.jsonPath;

  if (check.exists !== undefined) {
    if (check.exists) {
      return values.length > 0
        ? { passed: true, reason, ...feedback('resource.ok', { ...target, jsonPath, actual }) }
        : { passed: false, reason, ...feedback('resource.field_missing', { ...target, jsonPath }) };
    }
    return values.length === 0
      ? { passed: true, reason, ...feedback('resource.absent_ok', { ...target, jsonPath }) }
      : { passed: false, reason, ...feedback('resource.field_present', { ...target, jsonPath, actual }) };
  }

  if (values.length === 0) return { passed: false, reason, ...feedback('resource.field_missing', { ...target, jsonPath }) };

  if (check.matches !== undefined) {
    return new RegExp(check.matches).test(actual)
      ? { passed: true, reason, ...feedback('resource.ok', { ...target, jsonPath, actual }) }
      : { passed: false, reason, ...feedback('resource.pattern_mismatch', { ...target, jsonPath, pattern: check.matches, actual }) };
  }

  // The schema guarantees exactly one of equals / matches / exists; equals is what is left.
  const expected = String(check.equals);
  return actual === expected
    ? { passed: true, reason, ...feedback('resource.ok', { ...target, jsonPath, actual }) }
    : { passed: false, reason, ...feedback('resource.value_mismatch', { ...target, jsonPath, expected, actual }) };
}

function segmentsOf(jsonPath: string): { ok: true; segments: PathSegment[] } | { ok: false; message: string } {
  const cached = parsedPaths.get(jsonPath);
  if (cached) return { ok: true, segments: cached };
  const parsed = parseJsonPath(jsonPath);
  if (parsed.ok) parsedPaths.set(jsonPath, parsed.segments);
  return parsed;
}

/** Names a learner may have meant: a typo away, or one containing the other (web / webserver). */
function similarNames(objects: readonly AnyObject[], name: string): string[] {
  const names: string[] = [];
  for (const object of objects) {
    const candidate = object.metadata.name;
    if (candidate.includes(name) || name.includes(candidate) || editDistance(candidate, name) <= Math.max(1, Math.floor(name.length / 3))) names.push(candidate);
  }
  return names.sort().slice(0, 5);
}
