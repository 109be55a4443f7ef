// Turns zod's issues about a lab.yaml into errors an author can act on: each names the field
// (`steps[0].checks[1].kind`), says what is wrong in plain words and, where it can, the fix
// ("did you mean equals?", the kinds that exist, the fields allowed there).

import { z } from 'zod';
import { CHECK_KINDS, LabSchema, PLANNED_CHECK_KINDS } from './schema';
import { closest } from './edit-distance';

/** Words authors reach for that are not typos of the field they mean. */
const SYNONYMS: Record<string, string> = {
  expect: 'equals',
  expected: 'equals',
  value: 'equals',
  is: 'equals',
  regex: 'matches',
  pattern: 'matches',
  path: 'jsonPath',
  jsonpath: 'jsonPath',
  ns: 'namespace',
  type: 'kind',
  description: 'title',
  name: 'id',
  hint: 'hints',
  mutation: 'mutations',
  script: 'solution',
  must_fail: 'mustFail',
};

export type FieldPath = (string | number)[];

export interface FieldIssue {
  path: FieldPath;
  message: string;
}

export { formatPath } from './field-path';

export function describeIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): FieldIssue[] {
  return issues.flatMap((issue) => describeIssue(issue, raw));
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): FieldIssue[] {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  const value = valueAt(raw, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(path, raw);
      return issue.keys.map((key) => {
        const guess = suggestField(key, allowed);
        const fix = guess ? `Did you mean "${guess}"?` : `Remove it, or use one of: ${allowed.join(', ')}.`;
        return { path: [...path, key], message: `unknown field "${key}". ${fix}` };
      });
    }
    case 'invalid_union':
      if (issue.discriminator === 'kind') return [{ path, message: unknownKind(value) }];
      return [{ path, message: issue.message }];
    case 'invalid_type':
      if (value === undefined) return [{ path, message: `required field is missing (expected ${article(issue.expected)})` }];
      return [{ path, message: `expected ${article(issue.expected)}, got ${describeValue(value)}` }];
    case 'invalid_value': {
      const options = issue.values.map(String);
      const guess = typeof value === 'string' ? closest(value, options) : undefined;
      return [{ path, message: `${describeValue(value)} is not one of: ${options.join(', ')}${guess ? `. Did you mean "${guess}"?` : ''}` }];
    }
    case 'invalid_key':
      // zod already puts the offending key at the end of the path; the inner issues say what is wrong with it.
      return issue.issues.map((inner) => ({ path, message: inner.message }));
    default:
      return [{ path, message: issue.message }];
  }
}

function suggestField(key: string, allowed: readonly string[]): string | undefined {
  const synonym = Object.hasOwn(SYNONYMS, key.toLowerCase()) ? SYNONYMS[key.toLowerCase()] : undefined;
  return synonym && allowed.includes(synonym) ? synonym : closest(key, allowed);
}

function unknownKind(value: unknown): string {
  const existing = CHECK_KINDS.join(', ');
  if (value === undefined) return `required field is missing: every check needs a kind (one of: ${existing})`;
  const kind = String(value);
  if ((PLANNED_CHECK_KINDS as readonly string[]).includes(kind)) {
    return `check kind "${kind}" is not available yet; the kinds that exist are: ${existing}`;
  }
  const guess = closest(kind, CHECK_KINDS);
  return `unknown check kind "${kind}"; the kinds that exist are: ${existing}${guess ? `. Did you mean "${guess}"?` : ''}`;
}

/** The field names the schema accepts at `path`, following the document's own `kind` through unions. */
export function allowedKeys(path: readonly (string | number)[], raw: unknown): string[] {
  let schema: z.core.$ZodType = LabSchema;
  let value = raw;
  for (let depth = 0; depth <= path.length; depth++) {
    schema = unwrap(schema, value);
    if (depth === path.length) break;
    const key = path[depth];
    if (schema instanceof z.ZodObject && typeof key === 'string') schema = schema.shape[key];
    else if (schema instanceof z.ZodArray) schema = schema.element;
    else return [];
    if (!schema) return [];
    value = valueAt(value, [key]);
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.core.$ZodType, value: unknown): z.core.$ZodType {
  for (;;) {
    if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) {
      schema = schema.unwrap();
    } else if (schema instanceof z.ZodDiscriminatedUnion) {
      const kind = valueAt(value, ['kind']);
      const options = schema.options as z.core.$ZodType[];
      const match = options.find((option) => option instanceof z.ZodObject && option.shape.kind instanceof z.ZodLiteral && [...option.shape.kind.values].some((v) => v === kind));
      if (!match) return schema;
      schema = match;
    } else {
      return schema;
    }
  }
}

export function valueAt(raw: unknown, path: readonly (string | number)[]): unknown {
  let current = raw;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = Reflect.get(current, key);
  }
  return current;
}

function article(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object') return 'a mapping of fields';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value}"`;
  return `${typeof value} ${String(value)}`;
}
