// awk expressions by precedence, loosest last: grouping, `$`, `++`/`--`, `^` (right-assoc),
// unary `! - +`, `* / %`, `+ -`, concatenation (juxtaposition), comparisons, `~ !~`, `in`, `&&`,
// `||`, `?:` and assignment (right-assoc). Inside print's arguments a bare `>` would be output
// redirection, so it only compares within parentheses or a call's arguments.

import type { Expr } from './awk-ast';
import { KEYWORDS, type AwkCursor } from './awk-lexer';

function primary(c: AwkCursor): Expr {
  const t = c.peek();
  if (t.t === 'num') { c.pos++; return { k: 'num', v: t.v }; }
  if (t.t === 'str') { c.pos++; return { k: 'str', v: t.v }; }
  if (t.t === 'regex') { c.pos++; return { k: 'regex', v: t.v }; }
  if (t.t === 'op' && t.v === '$') { c.pos++; return { k: 'field', index: incdec(c) }; }
  if (t.t === 'op' && (t.v === '!' || t.v === '-' || t.v === '+')) { c.pos++; return { k: 'unary', op: t.v, arg: unaryOperand(c, t.v) }; }
  if (t.t === 'op' && (t.v === '++' || t.v === '--')) { c.pos++; return { k: 'incdec', op: t.v, prefix: true, target: primary(c) }; }
  if (t.t === 'op' && t.v === '(') {
    c.pos++;
    c.noGt++;
    const saveIn = c.noIn;
    c.noIn = 0;
    const first = expr(c);
    if (c.isOp(',')) {
      const key = [first];
      while (c.isOp(',')) { c.pos++; key.push(expr(c)); }
      c.expectOp(')');
      c.noGt--;
      c.noIn = saveIn;
      if (!c.isName('in')) throw c.err();
      c.pos++;
      const name = c.peek();
      if (name.t !== 'name') throw c.err();
      c.pos++;
      return { k: 'in', key, name: name.v };
    }
    c.expectOp(')');
    c.noGt--;
    c.noIn = saveIn;
    return { k: 'group', e: first };
  }
  if (t.t === 'func') {
    c.pos++;
    if (!c.isOp('(')) {
      if (t.v === 'length') return { k: 'call', name: 'length', args: [] };
      throw c.err();
    }
    c.pos++;
    c.noGt++;
    const args: Expr[] = [];
    if (!c.isOp(')')) {
      args.push(expr(c));
      while (c.isOp(',')) { c.pos++; c.optNl(); args.push(expr(c)); }
    }
    c.expectOp(')');
    c.noGt--;
    return { k: 'call', name: t.v, args };
  }
  if (t.t === 'name' && !KEYWORDS.has(t.v)) {
    c.pos++;
    if (c.isOp('[')) {
      c.pos++;
      const key = [expr(c)];
      while (c.isOp(',')) { c.pos++; key.push(expr(c)); }
      c.expectOp(']');
      return { k: 'index', name: t.v, key };
    }
    return { k: 'var', name: t.v };
  }
  throw c.err();
}

const unaryOperand = (c: AwkCursor, op: string): Expr => (op === '!' ? comparisonLevel(c) : power(c));

function incdec(c: AwkCursor): Expr {
  const e = primary(c);
  if ((c.isOp('++') || c.isOp('--')) && (e.k === 'var' || e.k === 'field' || e.k === 'index')) {
    const op = (c.peek() as { v: '++' | '--' }).v;
    c.pos++;
    return { k: 'incdec', op, prefix: false, target: e };
  }
  return e;
}

function power(c: AwkCursor): Expr {
  const base = incdec(c);
  if (c.isOp('^')) { c.pos++; return { k: 'binary', op: '^', left: base, right: power(c) }; }
  return base;
}

const binaryLevel = (ops: string[], next: (c: AwkCursor) => Expr) => (c: AwkCursor): Expr => {
  let left = next(c);
  while (c.peek().t === 'op' && ops.includes((c.peek() as { v: string }).v)) {
    const op = (c.peek() as { v: string }).v;
    c.pos++;
    left = { k: 'binary', op, left, right: next(c) };
  }
  return left;
};

const multiplicative = binaryLevel(['*', '/', '%'], power);
const additive = binaryLevel(['+', '-'], multiplicative);

function startsOperand(c: AwkCursor): boolean {
  const t = c.peek();
  if (t.t === 'num' || t.t === 'str' || t.t === 'regex' || t.t === 'func') return true;
  if (t.t === 'name') return !KEYWORDS.has(t.v);
  return t.t === 'op' && (t.v === '$' || t.v === '(' || t.v === '++' || t.v === '--');
}

function concat(c: AwkCursor): Expr {
  let left = additive(c);
  while (startsOperand(c)) left = { k: 'binary', op: 'concat', left, right: additive(c) };
  return left;
}

function comparison(c: AwkCursor): Expr {
  const left = concat(c);
  const t = c.peek();
  // Inside print's arguments a bare `>` is output redirection, not a comparison.
  if (t.t === 'op' && ['<', '<=', '==', '!=', '>=', '>'].includes(t.v) && (t.v !== '>' || c.printArgs === 0 || c.noGt > 0)) {
    c.pos++;
    return { k: 'binary', op: t.v, left, right: concat(c) };
  }
  return left;
}

function matchLevel(c: AwkCursor): Expr {
  let left = comparison(c);
  while (c.isOp('~') || c.isOp('!~')) {
    const negate = (c.peek() as { v: string }).v === '!~';
    c.pos++;
    left = { k: 'match', negate, left, re: comparison(c) };
  }
  return left;
}

function inLevel(c: AwkCursor): Expr {
  let left = matchLevel(c);
  while (c.isName('in') && c.noIn === 0) {
    c.pos++;
    const name = c.peek();
    if (name.t !== 'name') throw c.err();
    c.pos++;
    left = { k: 'in', key: [left], name: name.v };
  }
  return left;
}

const comparisonLevel = inLevel;
const and = binaryLevel(['&&'], inLevel);
const or = binaryLevel(['||'], and);

function ternary(c: AwkCursor): Expr {
  const test = or(c);
  if (!c.isOp('?')) return test;
  c.pos++;
  const then = ternary(c);
  c.expectOp(':');
  return { k: 'cond', test, then, else: ternary(c) };
}

/** One expression, assignment included. */
export function expr(c: AwkCursor): Expr {
  const left = ternary(c);
  const t = c.peek();
  if (t.t === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(t.v)) {
    if (left.k !== 'var' && left.k !== 'field' && left.k !== 'index') throw c.err();
    c.pos++;
    return { k: 'assign', op: t.v, target: left, value: expr(c) };
  }
  return left;
}
