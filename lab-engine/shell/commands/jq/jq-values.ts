// jq's view of JSON values: type names, the short form errors quote a value in ("object
// ({"a":1}...)"), truthiness (only null and false are false) and jq's total order across types
// (null < false < true < numbers < strings < arrays < objects), which sort, min, max and
// comparisons use.

import type { Json, JqNode } from './jq-filter';

export const typeOf = (v: Json): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v);
export const describe = (v: Json): string => {
  const text = JSON.stringify(v);
  return `${typeOf(v)} (${text.length > 11 ? `${text.slice(0, 10)}...` : text})`;
};
export const truthy = (v: Json) => v !== null && v !== false;

const ORDER = ['null', 'boolean', 'number', 'string', 'array', 'object'];
export function compare(a: Json, b: Json): number {
  const ta = ORDER.indexOf(typeOf(a));
  const tb = ORDER.indexOf(typeOf(b));
  if (ta !== tb) return ta - tb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) { const c = compare(a[i], b[i]); if (c) return c; }
    return a.length - b.length;
  }
  return JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0;
}

/** What the builtins (jq-builtins.ts) need of the evaluator. */
export interface JqMachine {
  run(node: JqNode, input: Json): Json[];
  binary(node: Extract<JqNode, { k: 'binary' }>, input: Json): Json[];
}
