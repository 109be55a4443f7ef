// Runs a parsed jq filter: every node yields a stream (an array) of outputs, fanned out as jq
// does (`.[] | .a`, `{a: (1,2)}`), with jq 1.7's error texts. A step limit ends a filter that
// runs too long; the builtins are in jq-builtins.ts.

import { callBuiltin } from './jq-builtins';
import { JqCompileError, JqError, type JqNode, type Json } from './jq-filter';
import { compare, describe, truthy, typeOf, type JqMachine } from './jq-values';

export class Evaluator implements JqMachine {
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
    return callBuiltin(this, name, args, input);
  }
}
