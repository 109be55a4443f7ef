// Executing a parsed JSONPath template over an object as client-go does for kubectl: each action
// starts from the current object, `range` repeats what follows up to `end` for every result,
// missing keys select nothing (kubectl allows them), arrays out of bounds and type mismatches are
// errors with client-go's wording. Values print the way JSONPath.PrintResults prints them:
// maps and lists as compact JSON, everything else as Go's fmt prints it, space-separated.

import { goJson, goSprint, goTypeName, isGoMap } from './go-values';
import type { PathNode, SliceParam, TemplateNode } from './parse';

export class JsonPathExecError extends Error {}

/** Cap on values one step may produce, so `{..}` over a large list cannot run away. */
const MAX_RESULTS = 200_000;

export interface ExecuteOptions {
  /** kubectl's printers allow missing keys; a strict evaluation reports "x is not found". */
  allowMissingKeys?: boolean;
}

/** The result groups of a template (one per text or action, repeated per range item). */
export function findResults(template: readonly TemplateNode[], data: unknown, options: ExecuteOptions = {}): unknown[][] {
  return new Executor(options.allowMissingKeys ?? true).run(template, 0, data, 0).groups;
}

/** What kubectl prints for `-o jsonpath=TEMPLATE` on this object. */
export function executeTemplate(template: readonly TemplateNode[], data: unknown, options: ExecuteOptions = {}): string {
  return findResults(template, data, options).map(printGroup).join('');
}

export function printGroup(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'object' && v !== null ? goJson(v) : goSprint(v))).join(' ');
}

interface RunResult {
  groups: unknown[][];
  /** Index just past the `{end}` that closed this block, or the template's length. */
  next: number;
}

class Executor {
  constructor(private readonly allowMissing: boolean) {}

  run(template: readonly TemplateNode[], start: number, data: unknown, depth: number): RunResult {
    const groups: unknown[][] = [];
    for (let i = start; i < template.length; i++) {
      const node = template[i];
      if (node.kind === 'text') {
        groups.push([node.text]);
        continue;
      }
      const head = node.nodes[0];
      if (head?.kind === 'identifier' && head.name === 'end') {
        if (depth === 0) throw new JsonPathExecError('not in range, nothing to end');
        return { groups, next: i + 1 };
      }
      if (head?.kind === 'identifier' && head.name === 'range') {
        const items = this.list([data], node.nodes.slice(1));
        let next = template.length;
        if (items.length === 0) next = this.run(template, i + 1, undefined, depth + 1).next;
        for (const item of items) {
          const body = this.run(template, i + 1, item, depth + 1);
          groups.push(...body.groups);
          next = body.next;
        }
        i = next - 1;
        continue;
      }
      groups.push(this.list([data], node.nodes));
    }
    return { groups, next: template.length };
  }

  list(input: unknown[], nodes: readonly PathNode[]): unknown[] {
    let current = input;
    for (const node of nodes) {
      current = this.step(current, node);
      if (current.length > MAX_RESULTS) throw new JsonPathExecError(`more than ${MAX_RESULTS} results`);
    }
    return current;
  }

  private step(input: unknown[], node: PathNode): unknown[] {
    switch (node.kind) {
      case 'text':
        return [node.text];
      case 'int':
      case 'float':
      case 'bool':
        return [node.value];
      case 'identifier':
        if (node.name === 'end') throw new JsonPathExecError('not in range, nothing to end');
        if (node.name === 'range') return input;
        throw new JsonPathExecError(`unrecognized identifier ${node.name}`);
      case 'field':
        return this.field(input, node.name);
      case 'wildcard':
        return input.flatMap((v) => (isGoMap(v) ? sortedKeys(v).map((k) => v[k]) : []));
      case 'recursive':
        return input.flatMap(descendants);
      case 'array':
        return input.flatMap((v) => slice(v, node.params));
      case 'union':
        return node.branches.flatMap((branch) => this.list(input, branch));
      case 'filter':
        return input.flatMap((v) => this.filter(v, node));
      default: {
        const never: never = node;
        return never;
      }
    }
  }

  private field(input: unknown[], name: string): unknown[] {
    if (name === '') return input;
    const out: unknown[] = [];
    for (const value of input) {
      if (isGoMap(value) && Object.hasOwn(value, name) && value[name] !== undefined) out.push(value[name]);
    }
    if (out.length === 0 && input.length > 0 && !this.allowMissing) throw new JsonPathExecError(`${name} is not found`);
    return out;
  }

  private filter(value: unknown, node: Extract<PathNode, { kind: 'filter' }>): unknown[] {
    if (!Array.isArray(value)) throw new JsonPathExecError(`${goSprint(value)} is not array or slice and cannot be filtered`);
    return value.filter((item) => {
      const lefts = this.list([item], node.left);
      if (node.op === 'exists') return lefts.length > 0;
      if (lefts.length === 0) return false;
      if (lefts.length > 1) throw new JsonPathExecError('can only compare one element at a time');
      const rights = this.list([item], node.right);
      if (rights.length === 0) return false;
      if (rights.length > 1) throw new JsonPathExecError('can only compare one element at a time');
      return compare(node.op, lefts[0], rights[0]);
    });
  }
}

/** The value itself and, depth first, everything under it (client-go's evalRecursive; a string's children are its bytes, as reflect indexes them). */
function descendants(value: unknown): unknown[] {
  const children = Array.isArray(value) ? value : isGoMap(value) ? sortedKeys(value).map((k) => value[k]) : typeof value === 'string' ? [...Buffer.from(value)] : [];
  if (children.length === 0) return [];
  return [value, ...children.flatMap(descendants)];
}

function slice(value: unknown, template: readonly SliceParam[]): unknown[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new JsonPathExecError(`${goTypeName(value)} is not array or slice`);
  const [from, to, step] = template.map((p) => ({ ...p }));
  const length = value.length;
  if (!from.known) from.value = 0;
  if (from.value < 0) from.value += length;
  if (!to.known) to.value = length;
  if (to.value < 0 || (to.value === 0 && to.derived)) to.value += length;
  if (to.value === from.value) return [];
  if (from.value >= length || from.value < 0) throw new JsonPathExecError(`array index out of bounds: index ${from.value}, length ${length}`);
  if (to.value > length || to.value < 0) throw new JsonPathExecError(`array index out of bounds: index ${to.value - 1}, length ${length}`);
  if (from.value > to.value) throw new JsonPathExecError(`starting index ${from.value} is greater than ending index ${to.value}`);
  if (!step.known) return value.slice(from.value, to.value);
  if (step.value <= 0) throw new JsonPathExecError('step must be > 0');
  const out: unknown[] = [];
  for (let i = from.value; i < to.value; i += step.value) out.push(value[i]);
  return out;
}

/** Go text/template's comparisons: numbers with numbers, strings with strings, bools only for (in)equality. */
function compare(op: string, left: unknown, right: unknown): boolean {
  const kind = (v: unknown) => (typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'other');
  if (kind(left) === 'other' || kind(right) === 'other') throw new JsonPathExecError('invalid type for comparison');
  if (kind(left) !== kind(right)) throw new JsonPathExecError('incompatible types for comparison');
  const l = left as number | string | boolean;
  const r = right as number | string | boolean;
  switch (op) {
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '<':
    case '>':
    case '<=':
    case '>=': {
      if (typeof l === 'boolean') throw new JsonPathExecError('invalid type for comparison');
      if (op === '<') return l < r;
      if (op === '>') return l > r;
      return op === '<=' ? l <= r : l >= r;
    }
    default:
      throw new JsonPathExecError(`unrecognized filter operator ${op}`);
  }
}

function sortedKeys(map: Record<string, unknown>): string[] {
  return Object.keys(map).filter((k) => map[k] !== undefined).sort();
}
