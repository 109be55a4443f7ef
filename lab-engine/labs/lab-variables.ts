// Per-learner variables (lab.yaml `variables:`): each learner's attempt draws its own values from
// its seed — a namespace among `oneOf`, a port in a `range` — and the lab uses them as `{{name}}`
// in its strings, files and step texts, so two learners side by side solve different instances
// of one exercise. Drawing and substituting live here, free of zod and YAML, so the app (step MDX)
// and labsh can use them cheaply; lab-instance.ts re-validates a lab with the values in place.

import { createRng } from '../core/random';
import type { VariableSpec } from './schema';
import type { FieldPath } from './schema-issues';

/** The seed a lab runs with when it does not choose one (matches the app's default attempt seed). */
export const DEFAULT_LAB_SEED = 1;

/** `{{ns}}` or `{{ ns }}`; `{{.metadata.name}}` (a Go template) is not a variable. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

export type LabVariables = Record<string, VariableSpec>;

/** Each variable's value for `seed`: deterministic, and a variable's draw does not move when another is added. */
export function labVariables(lab: { variables?: LabVariables }, seed: number): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, spec] of Object.entries(lab.variables ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const rng = createRng((seed ^ nameHash(name)) >>> 0);
    if ('oneOf' in spec) values[name] = spec.oneOf[rng.int(spec.oneOf.length)];
    else values[name] = String(spec.range[0] + rng.int(spec.range[1] - spec.range[0] + 1));
  }
  return values;
}

/** Replaces every `{{name}}` whose name has a value; an unknown one stays as written (the loader reports it). */
export function substituteVariables(text: string, values: Record<string, string>): string {
  if (!text.includes('{{')) return text;
  return text.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(values, name) ? values[name] : whole));
}

/** Every variable name `text` refers to, with the line (from 1) it is on. */
export function placeholdersIn(text: string): { name: string; line: number; column: number }[] {
  const found: { name: string; line: number; column: number }[] = [];
  if (!text.includes('{{')) return found;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const before = text.slice(0, match.index);
    const line = before.split('\n').length;
    found.push({ name: match[1], line, column: match.index - before.lastIndexOf('\n') });
  }
  return found;
}

/**
 * lab.yaml's data with values substituted in every string and mapping key, `variables:` itself
 * left alone. A string that is only `{{port}}` for a `range` variable becomes the number, so
 * numeric fields (a check's port) can vary too.
 */
export function substituteData(data: unknown, values: Record<string, string>, numeric: ReadonlySet<string>): unknown {
  const walk = (value: unknown, top: boolean): unknown => {
    if (typeof value === 'string') {
      const whole = WHOLE_PLACEHOLDER.exec(value.trim());
      if (whole && numeric.has(whole[1]) && Object.hasOwn(values, whole[1])) return Number(values[whole[1]]);
      return substituteVariables(value, values);
    }
    if (Array.isArray(value)) return value.map((item) => walk(item, false));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [substituteVariables(key, values), top && key === 'variables' ? item : walk(item, false)]));
    }
    return value;
  };
  return walk(data, true);
}

/** The names of the `range` variables: the ones whose whole-string use is a number. */
export function numericVariables(variables: LabVariables | undefined): Set<string> {
  return new Set(Object.entries(variables ?? {}).flatMap(([name, spec]) => ('range' in spec ? [name] : [])));
}

/** Where lab.yaml's data refers to a variable it does not declare, or writes `{{x}}` unquoted (YAML reads that as a mapping). */
export function unknownVariablesInData(data: unknown, declared: ReadonlySet<string>): { path: FieldPath; message: string }[] {
  const issues: { path: FieldPath; message: string }[] = [];
  const walk = (value: unknown, path: FieldPath) => {
    if (typeof value === 'string') {
      for (const { name } of placeholdersIn(value)) if (!declared.has(name)) issues.push({ path, message: unknownMessage(name, declared) });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, i]));
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value);
      const unquoted = entries.length === 1 && entries[0][1] === null ? /^\{ ?([A-Za-z_][A-Za-z0-9_]*) ?\}$/.exec(entries[0][0]) : null;
      if (unquoted) {
        issues.push({ path, message: `write "{{${unquoted[1]}}}" in quotes: unquoted, YAML reads {{${unquoted[1]}}} as a mapping` });
        return;
      }
      for (const [key, item] of entries) {
        if (path.length === 0 && key === 'variables') continue;
        for (const { name } of placeholdersIn(key)) if (!declared.has(name)) issues.push({ path: [...path, key], message: unknownMessage(name, declared) });
        walk(item, [...path, key]);
      }
    }
  };
  walk(data, []);
  return issues;
}

export function unknownMessage(name: string, declared: ReadonlySet<string>): string {
  const known = declared.size ? `the lab declares ${[...declared].sort().join(', ')}` : 'the lab declares none';
  return `unknown variable "{{${name}}}" (${known}); declare it under variables:, e.g. ${name}: { oneOf: [a, b] }`;
}

/**
 * Seeds whose draws differ, for the self-test to run the lab under several learners' values: the
 * first `count` seeds from 1 up with a combination not seen before (fewer if the lab has fewer).
 */
export function distinctSeeds(lab: { variables?: LabVariables }, count: number): number[] {
  const seeds: number[] = [];
  const seen = new Set<string>();
  for (let seed = DEFAULT_LAB_SEED; seeds.length < count && seed < DEFAULT_LAB_SEED + 64 * count; seed++) {
    const key = JSON.stringify(labVariables(lab, seed));
    if (seen.has(key)) continue;
    seen.add(key);
    seeds.push(seed);
  }
  return seeds;
}

/** FNV-1a over the name: mixes the variable into the seed. */
function nameHash(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}
