// awk's values and the signals that unwind a run. A value is a string or a number; numbers print
// as integers or with %.6g, and strings that look numeric compare as numbers. `next`, `exit`,
// `break`/`continue` and runtime errors travel as exceptions to the level that handles them.

import type { Expr } from './awk-ast';

export type Value = string | number;

export class Next extends Error {}
export class Exit extends Error { constructor(readonly code: number) { super('exit'); } }
export class LoopJump extends Error { constructor(readonly kind: 'break' | 'continue') { super(kind); } }
export class AwkRuntimeError extends Error {}

export const looksNumeric = (s: string) => /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(s);
export const toNum = (v: Value): number => (typeof v === 'number' ? v : Number.parseFloat(v) || 0);
export const toStr = (v: Value): string => (typeof v === 'string' ? v : Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6))));
export const toBool = (v: Value): boolean => (typeof v === 'number' ? v !== 0 : v !== '');

/** What the builtin functions (awk-builtins.ts) need of a running program. */
export interface AwkMachine {
  readonly vars: Map<string, Value>;
  readonly arrays: Map<string, Map<string, Value>>;
  readonly fields: string[];
  eval(e: Expr): Value;
  regex(e: Expr): RegExp;
  assignTo(target: Expr, v: Value): Value;
}
