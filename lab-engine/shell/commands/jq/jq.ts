// jq: runs a filter (jq-filter.ts) over the JSON values on stdin or in files, printing each result
// pretty (2-space indent) or compact (-c), strings raw with -r; -n (null input), -s (slurp),
// -e (exit status from the last output), --arg NAME VALUE. Errors and exit codes follow jq 1.7:
// 2 for unreadable input, 3 for a filter that does not compile, 5 for a runtime error.

import type { ShellCommand } from '../../command-types';
import { OutputBuilder } from '../../command-types';
import { MAX_OUTPUT_BYTES } from '../../../core/limits';
import { JqCompileError, JqError, parseFilter, type JqNode, type Json } from './jq-filter';

const USAGE = 'Usage:\tjq [OPTIONS] FILTER [FILES...]\n';
const MAX_JQ_OUTPUTS = 100_000;

const typeOf = (v: Json): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v);
const describe = (v: Json): string => {
  const text = JSON.stringify(v);
  return `${typeOf(v)} (${text.length > 11 ? `${text.slice(0, 10)}...` : text})`;
};
const truthy = (v: Json) => v !== null && v !== false;

const ORDER = ['null', 'boolean', 'number', 'string', 'array', 'object'];
function compare(a: Json, b: Json): number {
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

class Evaluator {
  steps = 0;
  constructor(private readonly vars: Record<string, Json>) {}

  run(node: JqNode, input: Json): Json[] {
    if (++this.steps > 5_000_000) throw new JqError('jq: error: filter ran too long');
    switch (node.k) {
      case 'identity': return [input];
      case 'recurse': {
        const out: Json[] = [];
        const walk = (v: Json) => { out.push(v); if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x); };
        walk(input);
        return out;
      }
      case 'literal': return [node.value];
      case 'var':
        if (!(node.name in this.vars)) throw new JqCompileError(`jq: error: $${node.name} is not defined at <top-level>, line 1:`);
        return [this.vars[node.name]];
      case 'string': {
        let results = [''];
        for (const part of node.parts) {
          if (typeof part === 'string') { results = results.map((r) => r + part); continue; }
          const values = this.run(part, input).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
          results = results.flatMap((r) => values.map((v) => r + v));
        }
        return results;
      }
      case 'field':
        return this.run(node.target, input).flatMap((v) => {
          if (v === null) return [null];
          if (typeof v === 'object' && !Array.isArray(v)) return [Object.hasOwn(v, node.name) ? v[node.name] : null];
          if (node.optional) return [];
          throw new JqError(`jq: error (at <stdin>:0): Cannot index ${typeOf(v)} with "${node.name}"`);
        });
      case 'index':
        return this.run(node.target, input).flatMap((v) => this.run(node.index, input).flatMap((i) => {
          if (v === null) return [null];
          if (Array.isArray(v) && typeof i === 'number') return [v[i < 0 ? v.length + i : Math.trunc(i)] ?? null];
          if (typeof v === 'object' && !Array.isArray(v) && typeof i === 'string') return [Object.hasOwn(v, i) ? v[i] : null];
          if (node.optional) return [];
          throw new JqError(`jq: error (at <stdin>:0): Cannot index ${typeOf(v)} with ${typeOf(i)}`);
        }));
      case 'slice':
        return this.run(node.target, input).map((v) => {
          if (v === null) return null;
          if (!Array.isArray(v) && typeof v !== 'string') throw new JqError(`jq: error (at <stdin>:0): Cannot index ${typeOf(v)} with object`);
          const from = node.from ? Number(this.run(node.from, input)[0] ?? 0) : 0;
          const to = node.to ? Number(this.run(node.to, input)[0] ?? v.length) : v.length;
          return v.slice(from, to) as Json;
        });
      case 'iterate':
        return this.run(node.target, input).flatMap((v) => {
          if (Array.isArray(v)) return v;
          if (v && typeof v === 'object') return Object.values(v);
          if (node.optional) return [];
          throw new JqError(`jq: error (at <stdin>:0): Cannot iterate over ${v === null ? 'null' : describe(v)}`);
        });
      case 'pipe': return this.run(node.left, input).flatMap((v) => this.run(node.right, v));
      case 'comma': return [...this.run(node.left, input), ...this.run(node.right, input)];
      case 'neg': return this.run(node.arg, input).map((v) => {
        if (typeof v !== 'number') throw new JqError(`jq: error (at <stdin>:0): ${describe(v)} cannot be negated`);
        return -v;
      });
      case 'array': return [node.body ? this.run(node.body, input) : []];
      case 'object': {
        let results: { [k: string]: Json }[] = [{}];
        for (const { key, value } of node.entries) {
          const keys = this.run(key, input);
          const values = this.run(value, input);
          results = results.flatMap((r) => keys.flatMap((k) => {
            if (typeof k !== 'string') throw new JqError(`jq: error (at <stdin>:0): Object keys must be strings`);
            return values.map((v) => ({ ...r, [k]: v }));
          }));
        }
        return results;
      }
      case 'binary': return this.binary(node, input);
      case 'call': return this.call(node.name, node.args, input);
      default: {
        const never: never = node;
        return never;
      }
    }
  }

  binary(node: Extract<JqNode, { k: 'binary' }>, input: Json): Json[] {
    if (node.op === '//') {
      const left = (() => { try { return this.run(node.left, input).filter(truthy); } catch (e) { if (e instanceof JqError) return []; throw e; } })();
      return left.length ? left : this.run(node.right, input);
    }
    if (node.op === 'and' || node.op === 'or') {
      return this.run(node.left, input).flatMap((a) => {
        if (node.op === 'and' && !truthy(a)) return [false];
        if (node.op === 'or' && truthy(a)) return [true];
        return this.run(node.right, input).map(truthy);
      });
    }
    const rights = this.run(node.right, input);
    return this.run(node.left, input).flatMap((a) => rights.map((b): Json => {
      switch (node.op) {
        case '==': return compare(a, b) === 0;
        case '!=': return compare(a, b) !== 0;
        case '<': return compare(a, b) < 0;
        case '<=': return compare(a, b) <= 0;
        case '>': return compare(a, b) > 0;
        case '>=': return compare(a, b) >= 0;
        case '+':
          if (a === null) return b;
          if (b === null) return a;
          if (typeof a === 'number' && typeof b === 'number') return a + b;
          if (typeof a === 'string' && typeof b === 'string') return a + b;
          if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
          if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) return { ...a, ...b };
          break;
        case '-':
          if (typeof a === 'number' && typeof b === 'number') return a - b;
          if (Array.isArray(a) && Array.isArray(b)) return a.filter((x) => !b.some((y) => compare(x, y) === 0));
          break;
        case '*': if (typeof a === 'number' && typeof b === 'number') return a * b; break;
        case '/':
          if (typeof a === 'number' && typeof b === 'number') {
            if (b === 0) throw new JqError(`jq: error (at <stdin>:0): ${describe(a)} and ${describe(b)} cannot be divided because the divisor is zero`);
            return a / b;
          }
          if (typeof a === 'string' && typeof b === 'string') return a.split(b);
          break;
        case '%': if (typeof a === 'number' && typeof b === 'number' && Math.trunc(b) !== 0) return Math.trunc(a) % Math.trunc(b); break;
      }
      const verb = { '+': 'added', '-': 'subtracted', '*': 'multiplied', '/': 'divided', '%': 'divided' }[node.op] ?? 'compared';
      throw new JqError(`jq: error (at <stdin>:0): ${describe(a)} and ${describe(b)} cannot be ${verb}`);
    }));
  }

  call(name: string, args: JqNode[], input: Json): Json[] {
    const arity = `${name}/${args.length}`;
    const one = (f: (v: Json) => Json): Json[] => [f(input)];
    const needArray = (what: string): Json[] => {
      if (!Array.isArray(input)) throw new JqError(`jq: error (at <stdin>:0): Cannot ${what} ${describe(input)}`);
      return input;
    };
    switch (arity) {
      case 'empty/0': return [];
      case 'not/0': return [!truthy(input)];
      case 'select/1': return this.run(args[0], input).some(truthy) ? [input] : [];
      case 'map/1': return [needArray('iterate over').flatMap((v) => this.run(args[0], v))];
      case 'map_values/1': {
        if (!input || typeof input !== 'object' || Array.isArray(input)) return [needArray('iterate over').map((v) => this.run(args[0], v)[0] ?? null)];
        return [Object.fromEntries(Object.entries(input).map(([k, v]) => [k, this.run(args[0], v)[0] ?? null]))];
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
      case 'has/1': return this.run(args[0], input).map((k) => (Array.isArray(input) ? typeof k === 'number' && k < input.length : !!input && typeof input === 'object' && typeof k === 'string' && Object.hasOwn(input, k)));
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
        const entries = this.call('to_entries', [], input)[0] as Json[];
        return this.call('from_entries', [], entries.flatMap((e) => this.run(args[0], e)));
      }
      case 'add/0': return [needArray('iterate over').reduce<Json>((acc, v) => this.binary({ k: 'binary', op: '+', left: { k: 'literal', value: acc }, right: { k: 'literal', value: v } }, null)[0], null)];
      case 'sort/0': return [[...needArray('sort')].sort(compare)];
      case 'sort_by/1': return [[...needArray('sort')].sort((a, b) => compare(this.run(args[0], a), this.run(args[0], b)))];
      case 'group_by/1': {
        const sorted = [...needArray('group')].sort((a, b) => compare(this.run(args[0], a), this.run(args[0], b)));
        const groups: Json[][] = [];
        for (const v of sorted) {
          const last = groups[groups.length - 1];
          if (last && compare(this.run(args[0], last[0]), this.run(args[0], v)) === 0) last.push(v);
          else groups.push([v]);
        }
        return [groups];
      }
      case 'unique/0': return [[...needArray('sort')].sort(compare).filter((v, i, a) => i === 0 || compare(a[i - 1], v) !== 0)];
      case 'unique_by/1': {
        const seen: Json[] = [];
        return [[...needArray('sort')].sort((a, b) => compare(this.run(args[0], a), this.run(args[0], b))).filter((v) => {
          const k = this.run(args[0], v);
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
      case 'first/1': return this.run(args[0], input).slice(0, 1);
      case 'any/0': return [needArray('iterate over').some(truthy)];
      case 'all/0': return [needArray('iterate over').every(truthy)];
      case 'values/0': return input === null ? [] : [input];
      case 'join/1': return this.run(args[0], input).map((sep) => needArray('iterate over').map((v) => (v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v))).join(String(sep)));
      case 'split/1': return this.run(args[0], input).map((sep) => {
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
        return this.run(args[0], input).map((arg) => {
          if (name === 'contains') return JSON.stringify(input).includes(typeof arg === 'string' ? arg : JSON.stringify(arg));
          if (typeof input !== 'string') throw new JqError(`jq: error (at <stdin>:0): ${describe(input)} cannot be matched, as it is not a string`);
          if (name === 'test') return new RegExp(String(arg)).test(input);
          return name === 'startswith' ? input.startsWith(String(arg)) : input.endsWith(String(arg));
        });
      case 'tojson/0': return one((v) => JSON.stringify(v));
      case 'fromjson/0': return one((v) => JSON.parse(String(v)) as Json);
      case 'env/0': return [{}];
      default:
        throw new JqCompileError(`jq: error: ${arity} is not defined at <top-level>, line 1:`);
    }
  }
}

/** Splits text holding one or more JSON values (jq accepts a stream); a parse error names the line. */
function parseStream(text: string): Json[] | string {
  const trimmed = text.trim();
  if (!trimmed) return [];
  try {
    return [JSON.parse(trimmed) as Json];
  } catch {
    const values: Json[] = [];
    let depth = 0;
    let start = -1;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inString) { if (c === '\\') i++; else if (c === '"') inString = false; continue; }
      if (c === '"') { inString = true; if (start < 0) start = i; continue; }
      if (c === '{' || c === '[') { if (depth++ === 0) start = i; continue; }
      if (c === '}' || c === ']') {
        if (--depth === 0) {
          try { values.push(JSON.parse(text.slice(start, i + 1)) as Json); } catch { return parseErrorAt(text, i); }
          start = -1;
        }
        continue;
      }
      if (depth === 0 && !/\s/.test(c)) {
        const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)/.exec(text.slice(i));
        if (!m) return parseErrorAt(text, i);
        values.push(JSON.parse(m[0]) as Json);
        i += m[0].length - 1;
      }
    }
    if (depth !== 0 || inString) return 'jq: error (at <stdin>:0): Unfinished JSON term at EOF';
    return values;
  }
}

function parseErrorAt(text: string, index: number): string {
  const before = text.slice(0, index + 1);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return `jq: parse error: Invalid numeric literal at line ${line}, column ${column}`;
}

export const jq: ShellCommand = {
  name: 'jq',
  run(ctx) {
    const out = new OutputBuilder();
    const flags = new Set<string>();
    const vars: Record<string, Json> = {};
    const operands: string[] = [];
    const args = ctx.args;
    const LONG: Record<string, string> = { '--raw-output': 'r', '--compact-output': 'c', '--null-input': 'n', '--slurp': 's', '--exit-status': 'e', '--sort-keys': 'S', '--join-output': 'j', '--tab': 't' };
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--help' || a === '-h') return out.out(`${USAGE}\n\tjq is a tool for processing JSON inputs.\n`).done(0);
      if (a === '--arg' || a === '--argjson') {
        const [name, value] = [args[i + 1], args[i + 2]];
        if (value === undefined) return out.err(`jq: ${a} takes two parameters (e.g. ${a} varname value)\n${USAGE}Use jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n`).done(2);
        try { vars[name] = a === '--arg' ? value : (JSON.parse(value) as Json); } catch { return out.err(`jq: Invalid JSON text passed to --argjson\n`).done(2); }
        i += 2;
        continue;
      }
      if (a.startsWith('--')) {
        if (!LONG[a]) return out.err(`jq: Unknown option: ${a}\n${USAGE}Use jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n`).done(2);
        flags.add(LONG[a]);
        continue;
      }
      if (a.startsWith('-') && a.length > 1) {
        for (const f of a.slice(1)) {
          if (!'rcnsejS'.includes(f)) return out.err(`jq: Unknown option: ${a}\n${USAGE}Use jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n`).done(2);
          flags.add(f);
        }
        continue;
      }
      operands.push(a);
    }
    const filterText = operands.shift() ?? '.';
    let filter: JqNode;
    try {
      filter = parseFilter(filterText);
    } catch (error) {
      if (error instanceof JqCompileError) return out.err(`${error.message}\njq: 1 compile error\n`).done(3);
      throw error;
    }
    let inputs: Json[] = [];
    let status = 0;
    if (!flags.has('n')) {
      const texts: string[] = [];
      if (operands.length === 0) texts.push(ctx.stdin);
      for (const f of operands) {
        const t = ctx.fs.read(f);
        if (t === undefined) { out.err(`jq: error: Could not open ${f}: No such file or directory\n`); status = 2; continue; }
        texts.push(t);
      }
      for (const t of texts) {
        const parsed = parseStream(t);
        if (typeof parsed === 'string') return out.err(`${parsed}\n`).done(2);
        inputs.push(...parsed);
      }
      if (flags.has('s')) inputs = [inputs];
    } else inputs = [null];
    const evaluator = new Evaluator(vars);
    const indent = flags.has('c') ? 0 : flags.has('t') ? '\t' : 2;
    const sortKeys = (v: Json): Json => (Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])])) : v);
    let last: Json | undefined;
    let count = 0;
    let bytes = 0;
    for (const input of inputs) {
      try {
        for (const v of evaluator.run(filter, input)) {
          if (++count > MAX_JQ_OUTPUTS || bytes > MAX_OUTPUT_BYTES) return out.err('jq: error: too many results; stopped\n').done(5);
          last = v;
          const raw = (flags.has('r') || flags.has('j')) && typeof v === 'string';
          const text = (raw ? v : JSON.stringify(flags.has('S') ? sortKeys(v) : v, null, indent)) + (flags.has('j') ? '' : '\n');
          bytes += text.length;
          out.out(text);
        }
      } catch (error) {
        if (error instanceof JqError) { out.err(`${error.message}\n`); status = 5; continue; }
        if (error instanceof JqCompileError) return out.err(`${error.message}\njq: 1 compile error\n`).done(3);
        if (error instanceof RangeError) { out.err('jq: error: filter nested too deeply\n'); status = 5; continue; }
        throw error;
      }
    }
    if (flags.has('e') && status === 0) status = last === undefined ? 4 : truthy(last) ? 0 : 1;
    return out.done(status);
  },
};
