// awk's builtin functions: length, substr, index, split, sub, gsub, match, toupper, tolower,
// sprintf and the arithmetic ones. rand() is fixed at 0.5 so lab output is repeatable; system()
// and close() have no files or processes to act on here and say they are not supported.

import { learnerRegex } from '../learner-regex';
import { formatPrintf } from '../printf/printf';
import type { Expr } from './awk-ast';
import { AwkRuntimeError, toNum, toStr, type AwkMachine, type Value } from './awk-values';

export function callBuiltin(run: AwkMachine, name: string, args: Expr[]): Value {
  const arg = (i: number) => (args[i] ? run.eval(args[i]) : '');
  switch (name) {
    case 'length':
      if (args[0]?.k === 'var' && run.arrays.has(args[0].name)) return run.arrays.get(args[0].name)!.size;
      return args.length ? toStr(arg(0)).length : run.fields[0].length;
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
      const sep = args[2] ? (args[2].k === 'regex' ? run.regex(args[2]) : toStr(arg(2))) : toStr(run.vars.get('FS') ?? ' ');
      const parts = sep === ' ' ? (s.trim() ? s.trim().split(/\s+/) : []) : s === '' ? [] : s.split(sep);
      const a = new Map<string, Value>();
      parts.forEach((p, i) => a.set(String(i + 1), p));
      run.arrays.set(target.name, a);
      return parts.length;
    }
    case 'sub':
    case 'gsub': {
      const re = run.regex(args[0]);
      const target = args[2] ?? { k: 'field', index: { k: 'num', v: 0 } };
      const text = toStr(run.eval(target));
      const repl = toStr(arg(1));
      let count = 0;
      const flags = name === 'gsub' ? 'g' : '';
      const result = text.replace(flags ? learnerRegex(re.source, flags) : re, (m) => {
        count++;
        return repl.replace(/\\&|&/g, (x) => (x === '&' ? m : '&'));
      });
      if (count) run.assignTo(target, result);
      return count;
    }
    case 'match': {
      const m = run.regex(args[1]).exec(toStr(arg(0)));
      run.vars.set('RSTART', m ? m.index + 1 : 0);
      run.vars.set('RLENGTH', m ? m[0].length : -1);
      return m ? m.index + 1 : 0;
    }
    case 'toupper': return toStr(arg(0)).toUpperCase();
    case 'tolower': return toStr(arg(0)).toLowerCase();
    case 'sprintf': return formatPrintf(toStr(arg(0)), args.slice(1).map((a) => toStr(run.eval(a)))).text;
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
