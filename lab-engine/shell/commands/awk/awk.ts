// awk: `-F SEP`, `-v NAME=VALUE`, a program from the command line (or `-f FILE` in the virtual
// filesystem) over stdin or files. The subset is parsed in awk-parser.ts; here it runs, with
// awk's value rules (numbers print as integers or %.6g, strings that look numeric compare as
// numbers), fields that rebuild $0 when assigned, and a step limit so `while (1)` ends.

import type { ShellCommand } from '../../command-types';
import { OutputBuilder } from '../../command-types';
import { MAX_OUTPUT_BYTES } from '../../../core/limits';
import { readSources } from '../text-input';
import { formatPrintf } from '../printf/printf';
import { AwkSyntaxError, parseAwk, type Expr, type Rule, type Stmt } from './awk-parser';

const USAGE = 'Usage: awk [POSIX or GNU style options] -f progfile [--] file ...\nUsage: awk [POSIX or GNU style options] [--] \'program\' file ...\n';
/** Statements one awk run may execute: generous for real data, a wall for `while (1)`. */
const MAX_AWK_STEPS = 2_000_000;

type Value = string | number;

class Next extends Error {}
class Exit extends Error { constructor(readonly code: number) { super('exit'); } }
class LoopJump extends Error { constructor(readonly kind: 'break' | 'continue') { super(kind); } }
class AwkRuntimeError extends Error {}

const looksNumeric = (s: string) => /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(s);
const toNum = (v: Value): number => (typeof v === 'number' ? v : Number.parseFloat(v) || 0);
const toStr = (v: Value): string => (typeof v === 'string' ? v : Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6))));
const toBool = (v: Value): boolean => (typeof v === 'number' ? v !== 0 : v !== '');

class AwkRun {
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
    else parts = line === '' ? [] : line.split(new RegExp(fs === '\\t' ? '\t' : fs));
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
      return new RegExp(source);
    } catch {
      throw new AwkRuntimeError(`awk: cmd. line:1: fatal: invalid regexp: /${source}/`);
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
    const arg = (i: number) => (args[i] ? this.eval(args[i]) : '');
    switch (name) {
      case 'length':
        if (args[0]?.k === 'var' && this.arrays.has(args[0].name)) return this.arrays.get(args[0].name)!.size;
        return args.length ? toStr(arg(0)).length : this.fields[0].length;
      case 'substr': {
        const s = toStr(arg(0));
        const start = Math.round(toNum(arg(1)));
        const len = args[2] ? Math.round(toNum(arg(2))) : Infinity;
        const from = Math.max(start, 1);
        const to = start + len;
        return to <= from ? '' : s.slice(from - 1, to === Infinity ? undefined : to - 1);
      }
      case 'index': return toStr(arg(0)).indexOf(toStr(arg(1))) + 1;
      case 'split': {
        const target = args[1];
        if (target?.k !== 'var') throw new AwkRuntimeError('awk: cmd. line:1: split: second argument is not an array');
        const s = toStr(arg(0));
        const sep = args[2] ? (args[2].k === 'regex' ? new RegExp(args[2].v) : toStr(arg(2))) : toStr(this.vars.get('FS') ?? ' ');
        const parts = sep === ' ' ? (s.trim() ? s.trim().split(/\s+/) : []) : s === '' ? [] : s.split(sep);
        const a = new Map<string, Value>();
        parts.forEach((p, i) => a.set(String(i + 1), p));
        this.arrays.set(target.name, a);
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = this.regex(args[0]);
        const target = args[2] ?? { k: 'field', index: { k: 'num', v: 0 } };
        const text = toStr(this.eval(target));
        const repl = toStr(arg(1));
        let count = 0;
        const flags = name === 'gsub' ? 'g' : '';
        const result = text.replace(new RegExp(re.source, flags), (m) => {
          count++;
          return repl.replace(/\\&|&/g, (x) => (x === '&' ? m : '&'));
        });
        if (count) this.assignTo(target, result);
        return count;
      }
      case 'match': {
        const m = this.regex(args[1]).exec(toStr(arg(0)));
        this.vars.set('RSTART', m ? m.index + 1 : 0);
        this.vars.set('RLENGTH', m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
      case 'toupper': return toStr(arg(0)).toUpperCase();
      case 'tolower': return toStr(arg(0)).toLowerCase();
      case 'sprintf': return formatPrintf(toStr(arg(0)), args.slice(1).map((a) => toStr(this.eval(a)))).text;
      case 'int': return Math.trunc(toNum(arg(0)));
      case 'sqrt': return Math.sqrt(toNum(arg(0)));
      case 'exp': return Math.exp(toNum(arg(0)));
      case 'log': return Math.log(toNum(arg(0)));
      case 'sin': return Math.sin(toNum(arg(0)));
      case 'cos': return Math.cos(toNum(arg(0)));
      case 'atan2': return Math.atan2(toNum(arg(0)), toNum(arg(1)));
      case 'rand': return 0.5;
      case 'srand': return 0;
      default:
        throw new AwkRuntimeError(`awk: cmd. line:1: ${name}() is not supported in this terminal`);
    }
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

function unescapeSep(sep: string): string {
  return sep === 't' ? '\t' : sep.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
}

export const awk: ShellCommand = {
  name: 'awk',
  run(ctx) {
    const out = new OutputBuilder();
    const args = ctx.args;
    let fs: string | undefined;
    const assigns: [string, string][] = [];
    let program: string | undefined;
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '--') { i++; break; }
      if (a === '--help') return out.out(USAGE).done(0);
      if (a === '--version') return out.out('GNU Awk 5.2.1 (Flatnet subset)\n').done(0);
      if (a.startsWith('-F')) { fs = a.length > 2 ? a.slice(2) : args[++i]; if (fs === undefined) return out.err(`awk: option requires an argument -- F\n${USAGE}`).done(2); continue; }
      if (a.startsWith('-v') || a.startsWith('-f')) {
        const value = a.length > 2 ? a.slice(2) : args[++i];
        if (value === undefined) return out.err(`awk: option requires an argument -- ${a[1]}\n${USAGE}`).done(2);
        if (a[1] === 'f') {
          const text = ctx.fs.read(value);
          if (text === undefined) return out.err(`awk: fatal: can't open source file \`${value}' for reading: No such file or directory\n`).done(2);
          program = text;
          continue;
        }
        const eq = value.indexOf('=');
        if (eq <= 0) return out.err(`awk: \`${value}' argument to \`-v' not in \`var=value' form\n\n${USAGE}`).done(2);
        assigns.push([value.slice(0, eq), value.slice(eq + 1)]);
        continue;
      }
      if (a.startsWith('--')) return out.err(`awk: unrecognized option '${a}'\n${USAGE}`).done(2);
      if (a.startsWith('-') && a.length > 1) return out.err(`awk: invalid option -- '${a[1]}'\n${USAGE}`).done(2);
      break;
    }
    if (program === undefined) {
      if (i >= args.length) return out.err(USAGE).done(2);
      program = args[i++];
    }
    const files = args.slice(i);
    let rules: Rule[];
    try {
      rules = parseAwk(program);
    } catch (error) {
      if (error instanceof AwkSyntaxError) return out.err(`${error.message}\n`).done(2);
      throw error;
    }
    const run = new AwkRun(rules);
    run.vars.set('FS', fs === undefined ? ' ' : unescapeSep(fs));
    run.vars.set('OFS', ' ');
    run.vars.set('ORS', '\n');
    run.vars.set('NR', 0);
    run.vars.set('SUBSEP', '\x1c');
    for (const [k, v] of assigns) run.vars.set(k, v.replace(/\\t/g, '\t').replace(/\\n/g, '\n'));
    let code = 0;
    try {
      try {
        run.runRules('begin');
        const hasMain = rules.some((r) => r.pattern.kind !== 'begin');
        if (hasMain) {
          const errors: string[] = [];
          const sources = readSources(ctx, 'awk', files.filter((f) => !/^[A-Za-z_]\w*=/.test(f)), errors);
          for (const e of errors) out.err(e.replace(/^awk: (.*): No such file or directory/, "awk: fatal: cannot open file `$1' for reading: No such file or directory"));
          if (errors.length) code = 2;
          let nr = 0;
          for (const source of sources) {
            const lines = source.text.split('\n');
            if (lines[lines.length - 1] === '') lines.pop();
            run.vars.set('FILENAME', source.name === '(standard input)' ? '' : source.name);
            for (const line of lines) {
              run.vars.set('NR', ++nr);
              run.vars.set('FNR', nr);
              run.setRecord(line);
              try {
                run.runRecord();
              } catch (error) {
                if (!(error instanceof Next)) throw error;
              }
            }
          }
        }
      } catch (error) {
        if (!(error instanceof Exit)) throw error;
        code = error.code;
      }
      try {
        run.runRules('end');
      } catch (error) {
        if (!(error instanceof Exit)) throw error;
        code = error.code;
      }
    } catch (error) {
      if (error instanceof AwkRuntimeError) return out.out(run.out).err(`${error.message}\n`).done(2);
      if (error instanceof LoopJump) return out.out(run.out).err(`awk: cmd. line:1: error: \`${error.kind}' is not allowed outside a loop\n`).done(2);
      throw error;
    }
    return out.out(run.out).done(code);
  },
};
