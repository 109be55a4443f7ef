// jq's builtins by name/arity: select, map, map_values, keys, length, has, type, to_entries,
// from_entries, with_entries, add, sort(_by), group_by, unique(_by), reverse, min, max, first,
// last, any, all, values, join, split, tostring, tonumber, ascii_downcase/upcase, test,
// startswith, endswith, contains, tojson, fromjson, env. An unknown one is jq's compile error.

import { LearnerRegexError, learnerRegex } from '../learner-regex';
import { JqCompileError, JqError, type JqNode, type Json } from './jq-filter';
import { compare, describe, truthy, typeOf, type JqMachine } from './jq-values';

export function callBuiltin(ev: JqMachine, name: string, args: JqNode[], input: Json): Json[] {
  const arity = `${name}/${args.length}`;
  const one = (f: (v: Json) => Json): Json[] => [f(input)];
  const needArray = (what: string): Json[] => {
    if (!Array.isArray(input)) throw new JqError(`jq: error (at <stdin>:0): Cannot ${what} ${describe(input)}`);
    return input;
  };
  switch (arity) {
    case 'empty/0': return [];
    case 'not/0': return [!truthy(input)];
    case 'select/1': return ev.run(args[0], input).some(truthy) ? [input] : [];
    case 'map/1': return [needArray('iterate over').flatMap((v) => ev.run(args[0], v))];
    case 'map_values/1': {
      if (!input || typeof input !== 'object' || Array.isArray(input)) return [needArray('iterate over').map((v) => ev.run(args[0], v)[0] ?? null)];
      return [Object.fromEntries(Object.entries(input).map(([k, v]) => [k, ev.run(args[0], v)[0] ?? null]))];
    }
    case 'keys/0': case 'keys_unsorted/0':
      if (Array.isArray(input)) return [input.map((_, i) => i)];
      if (input && typeof input === 'object') return [name === 'keys' ? Object.keys(input).sort() : Object.keys(input)];
      throw new JqError(`jq: error (at <stdin>:0): ${describe(input)} has no keys`);
    case 'length/0':
      if (input === null) return [0];
      if (typeof input === 'string' || Array.isArray(input)) return [input.length];
      if (typeof input === 'object') return [Object.keys(input).length];
      if (typeof input === 'number') return [Math.abs(input)];
      throw new JqError(`jq: error (at <stdin>:0): ${describe(input)} has no length`);
    case 'has/1': return ev.run(args[0], input).map((k) => (Array.isArray(input) ? typeof k === 'number' && k < input.length : !!input && typeof input === 'object' && typeof k === 'string' && Object.hasOwn(input, k)));
    case 'type/0': return one(typeOf);
    case 'to_entries/0':
      if (!input || typeof input !== 'object' || Array.isArray(input)) throw new JqError(`jq: error (at <stdin>:0): ${describe(input)} has no keys`);
      return [Object.entries(input).map(([key, value]) => ({ key, value }))];
    case 'from_entries/0':
      return [Object.fromEntries(needArray('iterate over').map((e) => {
        const o = (e ?? {}) as { [k: string]: Json };
        return [String(o.key ?? o.name ?? o.k ?? ''), o.value ?? o.v ?? null];
      }))];
    case 'with_entries/1': {
      const entries = callBuiltin(ev, 'to_entries', [], input)[0] as Json[];
      return callBuiltin(ev, 'from_entries', [], entries.flatMap((e) => ev.run(args[0], e)));
    }
    case 'add/0': return [needArray('iterate over').reduce<Json>((acc, v) => ev.binary({ k: 'binary', op: '+', left: { k: 'literal', value: acc }, right: { k: 'literal', value: v } }, null)[0], null)];
    case 'sort/0': return [[...needArray('sort')].sort(compare)];
    case 'sort_by/1': return [[...needArray('sort')].sort((a, b) => compare(ev.run(args[0], a), ev.run(args[0], b)))];
    case 'group_by/1': {
      const sorted = [...needArray('group')].sort((a, b) => compare(ev.run(args[0], a), ev.run(args[0], b)));
      const groups: Json[][] = [];
      for (const v of sorted) {
        const last = groups[groups.length - 1];
        if (last && compare(ev.run(args[0], last[0]), ev.run(args[0], v)) === 0) last.push(v);
        else groups.push([v]);
      }
      return [groups];
    }
    case 'unique/0': return [[...needArray('sort')].sort(compare).filter((v, i, a) => i === 0 || compare(a[i - 1], v) !== 0)];
    case 'unique_by/1': {
      const seen: Json[] = [];
      return [[...needArray('sort')].sort((a, b) => compare(ev.run(args[0], a), ev.run(args[0], b))).filter((v) => {
        const k = ev.run(args[0], v);
        if (seen.some((s) => compare(s, k) === 0)) return false;
        seen.push(k);
        return true;
      })];
    }
    case 'reverse/0': return [typeof input === 'string' ? [...input].reverse().join('') : [...needArray('reverse')].reverse()];
    case 'min/0': return [[...needArray('iterate over')].sort(compare)[0] ?? null];
    case 'max/0': return [[...needArray('iterate over')].sort(compare).pop() ?? null];
    case 'first/0': return [needArray('index')[0] ?? null];
    case 'last/0': return [needArray('index').at(-1) ?? null];
    case 'first/1': return ev.run(args[0], input).slice(0, 1);
    case 'any/0': return [needArray('iterate over').some(truthy)];
    case 'all/0': return [needArray('iterate over').every(truthy)];
    case 'values/0': return input === null ? [] : [input];
    case 'join/1': return ev.run(args[0], input).map((sep) => needArray('iterate over').map((v) => (v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v))).join(String(sep)));
    case 'split/1': return ev.run(args[0], input).map((sep) => {
      if (typeof input !== 'string') throw new JqError(`jq: error (at <stdin>:0): split input must be a string`);
      return input.split(String(sep));
    });
    case 'tostring/0': return one((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    case 'tonumber/0': return one((v) => {
      const n = typeof v === 'number' ? v : Number(v);
      if (typeof v !== 'number' && (typeof v !== 'string' || v.trim() === '' || Number.isNaN(n))) throw new JqError(`jq: error (at <stdin>:0): Cannot parse '${String(v)}' as JSON`);
      return n;
    });
    case 'ascii_downcase/0': case 'ascii_upcase/0': return one((v) => {
      if (typeof v !== 'string') throw new JqError(`jq: error (at <stdin>:0): ${name} input must be a string`);
      return name === 'ascii_downcase' ? v.toLowerCase() : v.toUpperCase();
    });
    case 'test/1': case 'startswith/1': case 'endswith/1': case 'contains/1':
      return ev.run(args[0], input).map((arg) => {
        if (name === 'contains') return JSON.stringify(input).includes(typeof arg === 'string' ? arg : JSON.stringify(arg));
        if (typeof input !== 'string') throw new JqError(`jq: error (at <stdin>:0): ${describe(input)} cannot be matched, as it is not a string`);
        if (name === 'test') {
          try {
            return learnerRegex(String(arg)).test(input);
          } catch (error) {
            if (!(error instanceof LearnerRegexError)) throw error;
            throw new JqError(`jq: error (at <stdin>:0): ${String(arg)} (at offset 0) is not a valid regex: ${error.message}`);
          }
        }
        return name === 'startswith' ? input.startsWith(String(arg)) : input.endsWith(String(arg));
      });
    case 'tojson/0': return one((v) => JSON.stringify(v));
    case 'fromjson/0': return one((v) => JSON.parse(String(v)) as Json);
    case 'env/0': return [{}];
    default:
      throw new JqCompileError(`jq: error: ${arity} is not defined at <top-level>, line 1:`);
  }
}
