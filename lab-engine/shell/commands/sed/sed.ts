// sed: the stream edits learners make to manifests and kubectl output — `s/RE/REPL/[gpiN]` (any
// delimiter, `&` and `\1`..`\9`), `p`, `d`, `q`, `=`, `y/abc/xyz/`, addresses (N, `$`, /RE/,
// ranges, `!`), `-n`, `-e`, `-E`/`-r`, and `-i` on files in the virtual filesystem. Regular
// expressions are POSIX basic by default, as in GNU sed. Errors use GNU sed's wording.

import type { CommandContext, ShellCommand } from '../../command-types';
import { OutputBuilder } from '../../command-types';
import { breToJs } from '../grep/grep-regex';
import { LearnerRegexError, learnerRegex } from '../learner-regex';
import { readSources } from '../text-input';

const USAGE = 'Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n';

type Address = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 'regex'; re: RegExp };

type SedCommand =
  | { op: 's'; re: RegExp; replacement: string; global: boolean; print: boolean; nth: number }
  | { op: 'y'; from: string; to: string }
  | { op: 'p' | 'd' | 'q' | '=' | 'P' };

interface Instruction {
  from?: Address;
  to?: Address;
  negate: boolean;
  command: SedCommand;
  inRange: boolean;
}

class SedError extends Error {}

function compileRegex(source: string, extended: boolean, flags: string, expr: number): RegExp {
  try {
    return learnerRegex(extended ? source : breToJs(source), flags);
  } catch (error) {
    const what = error instanceof LearnerRegexError ? error.message : 'Invalid regular expression';
    throw new SedError(`sed: -e expression #${expr}, char ${source.length}: ${what}`);
  }
}

/** Parses a whole sed script (commands separated by `;` or newlines). */
function parseScript(script: string, extended: boolean, expr: number): Instruction[] {
  const out: Instruction[] = [];
  let i = 0;
  const error = (what: string) => new SedError(`sed: -e expression #${expr}, char ${i}: ${what}`);
  const readDelimited = (delim: string): string => {
    let s = '';
    while (i < script.length && script[i] !== delim) {
      if (script[i] === '\\' && i + 1 < script.length) {
        if (script[i + 1] === delim) { s += delim; i += 2; continue; }
        if (script[i + 1] === 'n') { s += '\n'; i += 2; continue; }
        s += script.slice(i, i + 2);
        i += 2;
        continue;
      }
      s += script[i++];
    }
    if (script[i] !== delim) throw error(`unterminated \`s' command`);
    i++;
    return s;
  };
  const readAddress = (): Address | undefined => {
    const m = /^\d+/.exec(script.slice(i));
    if (m) { i += m[0].length; return { kind: 'line', n: Number(m[0]) }; }
    if (script[i] === '$') { i++; return { kind: 'last' }; }
    if (script[i] === '/' || script[i] === '\\') {
      const delim = script[i] === '\\' ? script[++i] : '/';
      i++;
      const source = readDelimited(delim);
      let flags = '';
      if (script[i] === 'I') { flags = 'i'; i++; }
      return { kind: 'regex', re: compileRegex(source, extended, flags, expr) };
    }
    return undefined;
  };
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i])) i++;
    if (i >= script.length) break;
    const from = readAddress();
    let to: Address | undefined;
    if (from && script[i] === ',') {
      i++;
      to = readAddress();
      if (!to) throw error('unexpected `,\'');
    }
    while (script[i] === ' ') i++;
    let negate = false;
    if (script[i] === '!') { negate = true; i++; while (script[i] === ' ') i++; }
    const op = script[i++];
    let command: SedCommand;
    switch (op) {
      case 's': {
        const delim = script[i++];
        if (!delim || delim === '\n' || delim === '\\') throw error('unterminated `s\' command');
        const source = readDelimited(delim);
        const replacement = readDelimited(delim);
        let global = false;
        let print = false;
        let nth = 1;
        let flags = '';
        for (;;) {
          const f = script[i];
          if (f === 'g') global = true;
          else if (f === 'p') print = true;
          else if (f === 'i' || f === 'I') flags += 'i';
          else if (f !== undefined && /\d/.test(f)) {
            const m = /^\d+/.exec(script.slice(i))!;
            nth = Number(m[0]);
            i += m[0].length - 1;
          } else break;
          i++;
        }
        if (i < script.length && !/[\s;}]/.test(script[i])) throw error('unknown option to `s\'');
        command = { op: 's', re: compileRegex(source, extended, `${flags}g`, expr), replacement, global, print, nth };
        break;
      }
      case 'y': {
        const delim = script[i++];
        const a = readDelimited(delim);
        const b = readDelimited(delim);
        if ([...a].length !== [...b].length) throw error('strings for `y\' command are different lengths');
        command = { op: 'y', from: a, to: b };
        break;
      }
      case 'p': case 'd': case 'q': case '=': case 'P':
        command = { op };
        break;
      case undefined:
        throw error('missing command');
      default:
        throw error(`unknown command: \`${op}'`);
    }
    out.push({ from, to, negate, command, inRange: false });
    while (script[i] === ' ') i++;
    if (i < script.length && !/[;\n]/.test(script[i])) throw error('extra characters after command');
  }
  return out;
}

function replaceOnce(line: string, cmd: Extract<SedCommand, { op: 's' }>): { text: string; changed: boolean } {
  let count = 0;
  let changed = false;
  cmd.re.lastIndex = 0;
  const text = line.replace(cmd.re, (...m: unknown[]) => {
    const groups = m.slice(0, -2).filter((x) => typeof x === 'string' || x === undefined) as (string | undefined)[];
    count++;
    if (cmd.global ? count < cmd.nth : count !== cmd.nth) return groups[0]!;
    changed = true;
    return cmd.replacement.replace(/\\(\d)|\\&|&|\\\\/g, (tok, d?: string) => {
      if (d !== undefined) return groups[Number(d)] ?? '';
      if (tok === '&') return groups[0]!;
      return tok === '\\&' ? '&' : '\\';
    });
  });
  return { text, changed };
}

function matches(addr: Address, line: string, n: number, last: boolean): boolean {
  switch (addr.kind) {
    case 'line': return n === addr.n;
    case 'last': return last;
    case 'regex': addr.re.lastIndex = 0; return addr.re.test(line);
    default: { const never: never = addr; return never; }
  }
}

function selected(ins: Instruction, line: string, n: number, last: boolean): boolean {
  let hit: boolean;
  if (!ins.from) hit = true;
  else if (!ins.to) hit = matches(ins.from, line, n, last);
  else if (ins.inRange) {
    hit = true;
    if (ins.to.kind === 'line' ? n >= ins.to.n : matches(ins.to, line, n, last)) ins.inRange = false;
  } else if (matches(ins.from, line, n, last)) {
    hit = true;
    ins.inRange = !(ins.to.kind === 'line' && ins.to.n <= n);
  } else hit = false;
  return hit !== ins.negate;
}

function runSed(instructions: Instruction[], text: string, quiet: boolean): string {
  const lines = text.split('\n');
  const trailingNewline = lines[lines.length - 1] === '';
  if (trailingNewline) lines.pop();
  let out = '';
  for (let n = 1; n <= lines.length; n++) {
    let line = lines[n - 1];
    const last = n === lines.length;
    let deleted = false;
    let quit = false;
    for (const ins of instructions) {
      if (!selected(ins, line, n, last)) continue;
      const c = ins.command;
      if (c.op === 's') {
        const r = replaceOnce(line, c);
        line = r.text;
        if (r.changed && c.print) out += `${line}\n`;
      } else if (c.op === 'y') {
        line = [...line].map((ch) => { const k = c.from.indexOf(ch); return k >= 0 ? [...c.to][k] : ch; }).join('');
      } else if (c.op === 'p' || c.op === 'P') out += `${c.op === 'P' ? line.split('\n')[0] : line}\n`;
      else if (c.op === '=') out += `${n}\n`;
      else if (c.op === 'd') { deleted = true; break; }
      else if (c.op === 'q') { quit = true; break; }
    }
    if (!deleted && !quiet) out += line + (last && !trailingNewline ? '' : '\n');
    if (quit) break;
  }
  return out;
}

function sed(ctx: CommandContext) {
  const out = new OutputBuilder();
  const scripts: string[] = [];
  const files: string[] = [];
  let quiet = false;
  let extended = false;
  let inPlace = false;
  const args = ctx.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help') return out.out(USAGE).done(0);
    if (a === '-e' || a === '--expression') { if (args[i + 1] === undefined) return out.err(`sed: option requires an argument -- 'e'\n${USAGE}`).done(1); scripts.push(args[++i]); continue; }
    if (a.startsWith('--expression=')) { scripts.push(a.slice(13)); continue; }
    if (a === '--quiet' || a === '--silent') { quiet = true; continue; }
    if (a === '--regexp-extended') { extended = true; continue; }
    if (a === '--in-place') { inPlace = true; continue; }
    if (a.startsWith('--')) return out.err(`sed: unrecognized option '${a}'\n${USAGE}`).done(1);
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (f === 'n') quiet = true;
        else if (f === 'E' || f === 'r') extended = true;
        else if (f === 'i') { inPlace = true; break; }
        else if (f === 'e') {
          const rest = a.slice(j + 1) || args[++i];
          if (rest === undefined) return out.err(`sed: option requires an argument -- 'e'\n${USAGE}`).done(1);
          scripts.push(rest);
          break;
        } else return out.err(`sed: invalid option -- '${f}'\n${USAGE}`).done(1);
      }
      continue;
    }
    files.push(a);
  }
  if (!scripts.length) {
    if (!files.length) return out.err(USAGE).done(1);
    scripts.push(files.shift()!);
  }
  let instructions: Instruction[];
  try {
    instructions = scripts.flatMap((s, k) => parseScript(s, extended, k + 1));
  } catch (error) {
    if (error instanceof SedError) return out.err(`${error.message}\n`).done(1);
    throw error;
  }
  if (inPlace) {
    if (!files.length) return out.err('sed: no input files\n').done(1);
    let status = 0;
    for (const f of files) {
      const text = ctx.fs.read(f);
      if (text === undefined) { out.err(`sed: can't read ${f}: No such file or directory\n`); status = 2; continue; }
      instructions.forEach((ins) => (ins.inRange = false));
      ctx.fs.write(f, runSed(instructions, text, quiet));
    }
    return out.done(status);
  }
  const errors: string[] = [];
  const sources = readSources(ctx, 'sed', files, errors);
  out.out(runSed(instructions, sources.map((s) => s.text).join(''), quiet));
  for (const e of errors) out.err(e.replace(/^sed: (.*): No such file or directory/, "sed: can't read $1: No such file or directory"));
  return out.done(errors.length ? 2 : 0);
}

export const sedCommand: ShellCommand = { name: 'sed', run: sed };
