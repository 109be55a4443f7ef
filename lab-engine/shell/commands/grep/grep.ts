// grep with the options people pipe kubectl into: -i -v -c -n -o -q -w -E -F -e, basic regular
// expressions by default (so `a|b` is literal, `a\|b` alternates), GNU grep's messages and exit
// statuses (0 match, 1 none, 2 trouble).

import type { CommandContext, ShellCommand } from '../../command-types';
import { OutputBuilder } from '../../command-types';
import { linesOf, readSources } from '../text-input';

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";
const LONG: Record<string, string> = {
  '--ignore-case': 'i', '--invert-match': 'v', '--count': 'c', '--line-number': 'n', '--only-matching': 'o',
  '--quiet': 'q', '--silent': 'q', '--word-regexp': 'w', '--extended-regexp': 'E', '--fixed-strings': 'F', '--basic-regexp': 'G',
};

export const grep: ShellCommand = {
  name: 'grep',
  run(ctx) {
    return runGrep(ctx);
  },
};

function runGrep(ctx: CommandContext) {
  const out = new OutputBuilder();
  const flags = new Set<string>();
  const patterns: string[] = [];
  const operands: string[] = [];
  const args = ctx.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { operands.push(...args.slice(i + 1)); break; }
    if (a === '--help') return out.out(USAGE.split('\n')[0] + '\nSearch for PATTERNS in each FILE.\n').done(0);
    if (a.startsWith('--')) {
      const [name, value] = a.split('=', 2);
      if (name === '--regexp') { patterns.push(value ?? args[++i] ?? ''); continue; }
      const f = LONG[name];
      if (!f) return out.err(`grep: unrecognized option '${a}'\n${USAGE}`).done(2);
      flags.add(f);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (f === 'e') {
          const rest = a.slice(j + 1);
          if (!rest && i + 1 >= args.length) return out.err(`grep: option requires an argument -- 'e'\n${USAGE}`).done(2);
          patterns.push(rest || args[++i]);
          break;
        }
        if (!'ivcnoqwEFGhH'.includes(f)) return out.err(`grep: invalid option -- '${f}'\n${USAGE}`).done(2);
        flags.add(f);
      }
      continue;
    }
    operands.push(a);
  }
  if (patterns.length === 0) {
    if (operands.length === 0) return out.err(USAGE).done(2);
    patterns.push(operands.shift()!);
  }
  let regex: RegExp;
  try {
    const sources = patterns.flatMap((p) => p.split('\n')).map((p) => (flags.has('F') ? escapeRegex(p) : flags.has('E') ? p : breToJs(p)));
    let body = sources.map((s) => `(?:${s})`).join('|');
    if (flags.has('w')) body = `(?<![\\w])(?:${body})(?![\\w])`;
    regex = new RegExp(body, flags.has('i') ? 'gi' : 'g');
  } catch {
    return out.err('grep: Invalid regular expression\n').done(2);
  }
  const errors: string[] = [];
  const sources = readSources(ctx, 'grep', operands, errors);
  const showName = operands.length > 1 && !flags.has('h');
  let matched = false;
  for (const source of sources) {
    let count = 0;
    linesOf(source.text).forEach((line, index) => {
      regex.lastIndex = 0;
      const hit = regex.test(line) !== flags.has('v');
      if (!hit) return;
      count++;
      matched = true;
      if (flags.has('q') || flags.has('c')) return;
      const prefix = `${showName ? `${source.name}:` : ''}${flags.has('n') ? `${index + 1}:` : ''}`;
      if (flags.has('o') && !flags.has('v')) {
        regex.lastIndex = 0;
        for (const m of line.matchAll(regex)) if (m[0]) out.out(`${prefix}${m[0]}\n`);
      } else {
        out.out(`${prefix}${line}\n`);
      }
    });
    if (flags.has('c') && !flags.has('q')) out.out(`${showName ? `${source.name}:` : ''}${count}\n`);
  }
  for (const e of errors) out.err(flags.has('q') && matched ? '' : e);
  if (flags.has('q') && matched) return out.done(0);
  return out.done(errors.length ? 2 : matched ? 0 : 1);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** POSIX basic regular expression → JavaScript: `\( \) \{ \} \| \+ \?` are the operators, the bare characters literal. */
export function breToJs(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[++i];
      out += '(){}|+?'.includes(n) ? n : `\\${n}`;
      continue;
    }
    if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close > 0) { out += pattern.slice(i, close + 1); i = close; continue; }
    }
    out += '(){}|+?/'.includes(c) ? `\\${c}` : c;
  }
  return out;
}
