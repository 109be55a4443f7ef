// One awk run: variables, arrays and the current record's fields (assigning a field rebuilds $0,
// assigning NF truncates), expression evaluation with awk's value rules, statements, and the
// rules applied to each record (patterns, ranges). A step limit ends `while (1)`; output is
// bounded by MAX_OUTPUT_BYTES.

import { MAX_OUTPUT_BYTES } from '../../../core/limits';
import { LearnerRegexError, learnerRegex } from '../learner-regex';
import { formatPrintf } from '../printf/printf';
import type { Expr, Rule, Stmt } from './awk-ast';
import { callBuiltin } from './awk-builtins';
import { AwkRuntimeError, Exit, LoopJump, looksNumeric, Next, toBool, toNum, toStr, type AwkMachine, type Value } from './awk-values';

/** Statements one awk run may execute: generous for real data, a wall for `while (1)`. */
const MAX_AWK_STEPS = 2_000_000;

export class AwkRun implements AwkMachine {
  vars = new Map<string, Value>();
  arrays = new Map<string, Map<string, Value>>();
  fields: string[] = [''];
  out = '';
  steps = 0;
  ranges = new Set<number>();

  constructor(private readonly rules: Rule[]) {}

  setRecord(line: string) {
    const fs = toStr(this.vars.get('FS') ?? ' ');
    let parts: string[];
    if (fs === ' ') parts = line.trim() ? line.trim().split(/[ \t\n]+/) : [];
    else if (fs.length === 1 && fs !== '\\') parts = line === '' ? [] : line.split(fs);
    else parts = line === '' ? [] : line.split(this.regex({ k: 'regex', v: fs === '\\t' ? '\t' : fs }));
    this.fields = [line, ...parts];
    this.vars.set('NF', parts.length);
  }

  getField(i: number): string {
    if (i < 0) throw new AwkRuntimeError(`awk: cmd. line:1: (FILENAME=- FNR=${toStr(this.vars.get('NR') ?? 0)}) fatal: attempt to access field ${i}`);
    return this.fields[i] ?? '';
  }

  setField(i: number, v: string) {
    if (i === 0) { this.setRecord(v); return; }
    while (this.fields.length <= i) this.fields.push('');
    this.fields[i] = v;
    this.vars.set('NF', this.fields.length - 1);
    this.fields[0] = this.fields.slice(1).join(toStr(this.vars.get('OFS') ?? ' '));
  }

  array(name: string): Map<string, Value> {
    let a = this.arrays.get(name);
    if (!a) { a = new Map(); this.arrays.set(name, a); }
    return a;
  }

  print(text: string) {
    if (this.out.length > MAX_OUTPUT_BYTES) throw new AwkRuntimeError(`awk: output stopped after ${MAX_OUTPUT_BYTES} bytes`);
    this.out += text;
  }

  key(parts: Expr[]): string {
    return parts.map((p) => toStr(this.eval(p))).join(toStr(this.vars.get('SUBSEP') ?? '\x1c'));
  }

  regex(e: Expr): RegExp {
    const source = e.k === 'regex' ? e.v : toStr(this.eval(e));
    try {
      return learnerRegex(source);
    } catch (error) {
      const why = error instanceof LearnerRegexError && error.message !== 'Invalid regular expression' ? `${error.message}: ` : 'invalid regexp: ';
      throw new AwkRuntimeError(`awk: cmd. line:1: fatal: ${why}/${source}/`);
    }
  }

  assignTo(target: Expr, v: Value): Value {
    switch (target.k) {
      case 'var':
        this.vars.set(target.name, v);
        if (target.name === 'NF') this.fields = this.fields.slice(0, toNum(v) + 1);
        return v;
      case 'field':
        this.setField(toNum(this.eval(target.index)), toStr(v));
        return v;
      case 'index':
        this.array(target.name).set(this.key(target.key), v);
        return v;
      default:
        throw new AwkRuntimeError('awk: cmd. line:1: assignment to a non-variable');
    }
  }

  eval(e: Expr): Value {
    switch (e.k) {
      case 'num': return e.v;
      case 'str': return e.v;
      case 'regex': return this.regex(e).test(this.fields[0]) ? 1 : 0;
      case 'group': return this.eval(e.e);
      case 'var': {
        const v = this.vars.get(e.name);
        if (e.name === 'NF') return this.fields.length - 1;
        return v ?? '';
      }
      case 'field': {
        const f = this.getField(toNum(this.eval(e.index)));
        return f;
      }
      case 'index': return this.array(e.name).get(this.key(e.key)) ?? '';
      case 'in': return this.array(e.name).has(this.key(e.key)) ? 1 : 0;
      case 'assign': {
        const value = this.eval(e.value);
        if (e.op === '=') return this.assignTo(e.target, typeof value === 'string' && e.value.k !== 'str' && looksNumeric(value) ? value : value);
        const current = toNum(this.eval(e.target));
        const n = toNum(value);
        const result = e.op === '+=' ? current + n : e.op === '-=' ? current - n : e.op === '*=' ? current * n : e.op === '/=' ? this.divide(current, n) : e.op === '%=' ? current % n : current ** n;
        return this.assignTo(e.target, result);
      }
      case 'incdec': {
        const old = toNum(this.eval(e.target));
        const next = e.op === '++' ? old + 1 : old - 1;
        this.assignTo(e.target, next);
        return e.prefix ? next : old;
      }
      case 'unary': {
        const v = this.eval(e.arg);
        return e.op === '!' ? (toBool(v) ? 0 : 1) : e.op === '-' ? -toNum(v) : toNum(v);
      }
      case 'cond': return toBool(this.eval(e.test)) ? this.eval(e.then) : this.eval(e.else);
      case 'match': {
        const hit = this.regex(e.re).test(toStr(this.eval(e.left)));
        return hit !== e.negate ? 1 : 0;
      }
      case 'binary': return this.binary(e);
      case 'call': return this.call(e.name, e.args);
      default: {
        const never: never = e;
        return never;
      }
    }
  }

  divide(a: number, b: number): number {
    if (b === 0) throw new AwkRuntimeError('awk: cmd. line:1: fatal: division by zero attempted');
    return a / b;
  }

  binary(e: Extract<Expr, { k: 'binary' }>): Value {
    if (e.op === '&&') return toBool(this.eval(e.left)) && toBool(this.eval(e.right)) ? 1 : 0;
    if (e.op === '||') return toBool(this.eval(e.left)) || toBool(this.eval(e.right)) ? 1 : 0;
    const a = this.eval(e.left);
    const b = this.eval(e.right);
    switch (e.op) {
      case 'concat': return toStr(a) + toStr(b);
      case '+': return toNum(a) + toNum(b);
      case '-': return toNum(a) - toNum(b);
      case '*': return toNum(a) * toNum(b);
      case '/': return this.divide(toNum(a), toNum(b));
      case '%': return toNum(a) % toNum(b);
      case '^': return toNum(a) ** toNum(b);
      default: {
        const numeric = e.left.k !== 'str' && e.right.k !== 'str' && (typeof a === 'number' || looksNumeric(a)) && (typeof b === 'number' || looksNumeric(b));
        const c = numeric ? toNum(a) - toNum(b) : toStr(a) < toStr(b) ? -1 : toStr(a) > toStr(b) ? 1 : 0;
        const r = e.op === '<' ? c < 0 : e.op === '<=' ? c <= 0 : e.op === '>' ? c > 0 : e.op === '>=' ? c >= 0 : e.op === '==' ? c === 0 : c !== 0;
        return r ? 1 : 0;
      }
    }
  }

  call(name: string, args: Expr[]): Value {
    return callBuiltin(this, name, args);
  }

  exec(s: Stmt): void {
    if (++this.steps > MAX_AWK_STEPS) throw new AwkRuntimeError(`awk: stopped after ${MAX_AWK_STEPS} steps (an endless loop?)`);
    switch (s.k) {
      case 'print': {
        const ofs = toStr(this.vars.get('OFS') ?? ' ');
        const ors = toStr(this.vars.get('ORS') ?? '\n');
        const text = s.args.length ? s.args.map((a) => toStr(this.eval(a))).join(ofs) : this.fields[0];
        this.print(text + ors);
        return;
      }
      case 'printf': {
        if (!s.args.length) throw new AwkRuntimeError('awk: cmd. line:1: printf: no format');
        this.print(formatPrintf(toStr(this.eval(s.args[0])), s.args.slice(1).map((a) => toStr(this.eval(a)))).text);
        return;
      }
      case 'expr': this.eval(s.e); return;
      case 'block': for (const x of s.body) this.exec(x); return;
      case 'if':
        if (toBool(this.eval(s.test))) this.exec(s.then);
        else if (s.else) this.exec(s.else);
        return;
      case 'while':
        while (toBool(this.eval(s.test))) if (this.loopBody(s.body)) break;
        return;
      case 'do':
        do { if (this.loopBody(s.body)) break; } while (toBool(this.eval(s.test)));
        return;
      case 'for':
        for (s.init && this.eval(s.init); !s.test || toBool(this.eval(s.test)); s.step && this.eval(s.step)) if (this.loopBody(s.body)) break;
        return;
      case 'forin':
        for (const k of [...this.array(s.arr).keys()]) {
          this.vars.set(s.v, k);
          if (this.loopBody(s.body)) break;
        }
        return;
      case 'next': throw new Next();
      case 'exit': throw new Exit(s.code ? toNum(this.eval(s.code)) : 0);
      case 'break': throw new LoopJump('break');
      case 'continue': throw new LoopJump('continue');
      case 'delete':
        if (s.key) this.array(s.name).delete(this.key(s.key));
        else this.arrays.set(s.name, new Map());
        return;
      default: {
        const never: never = s;
        return never;
      }
    }
  }

  /** Runs one loop iteration; true when the loop must end (break). */
  loopBody(body: Stmt): boolean {
    if (++this.steps > MAX_AWK_STEPS) throw new AwkRuntimeError(`awk: stopped after ${MAX_AWK_STEPS} steps (an endless loop?)`);
    try {
      this.exec(body);
      return false;
    } catch (error) {
      if (error instanceof LoopJump) return error.kind === 'break';
      throw error;
    }
  }

  runRules(kind: 'begin' | 'end') {
    for (const r of this.rules) if (r.pattern.kind === kind && r.action) for (const s of r.action) this.exec(s);
  }

  runRecord() {
    this.rules.forEach((r, i) => {
      const p = r.pattern;
      let hit: boolean;
      switch (p.kind) {
        case 'begin': case 'end': return;
        case 'all': hit = true; break;
        case 'expr': hit = toBool(this.eval(p.e)); break;
        case 'range':
          if (this.ranges.has(i)) {
            hit = true;
            if (toBool(this.eval(p.to))) this.ranges.delete(i);
          } else if (toBool(this.eval(p.from))) {
            hit = true;
            if (!toBool(this.eval(p.to))) this.ranges.add(i);
          } else hit = false;
          break;
        default: { const never: never = p; return never; }
      }
      if (!hit) return;
      if (!r.action) this.print(this.fields[0] + toStr(this.vars.get('ORS') ?? '\n'));
      else for (const s of r.action) this.exec(s);
    });
  }
}
