// jq: runs a filter (parsed by jq-filter.ts, run by jq-evaluator.ts) over the JSON values on
// stdin or in files, printing each result pretty (2-space indent) or compact (-c), strings raw
// with -r; -n (null input), -s (slurp), -e (exit status from the last output), --arg NAME VALUE.
// Errors and exit codes follow jq 1.7: 2 for unreadable input, 3 for a filter that does not
// compile, 5 for a runtime error.

import type { ShellCommand } from '../../command-types';
import { OutputBuilder } from '../../command-types';
import { MAX_OUTPUT_BYTES } from '../../../core/limits';
import { JqCompileError, JqError, parseFilter, type JqNode, type Json } from './jq-filter';
import { Evaluator } from './jq-evaluator';
import { parseStream } from './jq-input';
import { truthy } from './jq-values';

const USAGE = 'Usage:\tjq [OPTIONS] FILTER [FILES...]\n';
const MAX_JQ_OUTPUTS = 100_000;

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
