// tr: translate, delete (-d) or squeeze (-s) characters, with ranges (a-z), escapes (\n \t) and
// the classes learners reach for ([:upper:] [:lower:] [:digit:] [:space:] [:alpha:] [:alnum:]).

import type { ShellCommand } from '../../command-types';
import { fail, ok } from '../../command-types';
import { parseOptions, tryHelp } from '../gnu-options';

const CLASSES: Record<string, string> = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
  space: ' \t\n\r\f\v',
  blank: ' \t',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};
CLASSES.alpha = CLASSES.upper + CLASSES.lower;
CLASSES.alnum = CLASSES.alpha + CLASSES.digit;

/** Expands a SET operand into its characters, or an error message. */
export function expandSet(set: string): string[] | string {
  const chars: string[] = [];
  // eslint-disable-next-line no-control-regex -- NUL marks an escaped backslash while the set is read
  const s = set.replace(/\\([ntr\\])/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\u0000BS' })[c]!).replace(/\u0000BS/g, '\\');
  for (let i = 0; i < s.length; i++) {
    const cls = /^\[:([a-z]+):\]/.exec(s.slice(i));
    if (cls) {
      if (!CLASSES[cls[1]]) return `tr: invalid character class ‘${cls[1]}’`;
      chars.push(...CLASSES[cls[1]]);
      i += cls[0].length - 1;
      continue;
    }
    if (s[i + 1] === '-' && i + 2 < s.length) {
      const from = s.charCodeAt(i);
      const to = s.charCodeAt(i + 2);
      if (to < from) return `tr: range-endpoints of ‘${s.slice(i, i + 3)}’ are in reverse collating sequence order`;
      for (let c = from; c <= to; c++) chars.push(String.fromCharCode(c));
      i += 2;
      continue;
    }
    chars.push(s[i]);
  }
  return chars;
}

export const tr: ShellCommand = {
  name: 'tr',
  run({ args, stdin }) {
    const parsed = parseOptions('tr', args, { flags: 'dscC', long: { delete: 'd', 'squeeze-repeats': 's', complement: 'c' } });
    if (!parsed.ok) return fail(parsed.error);
    const { flags, operands } = parsed;
    const del = flags.has('d');
    const squeeze = flags.has('s');
    if (operands.length === 0) return fail(`tr: missing operand\n${tryHelp('tr')}`);
    if (!del && !squeeze && operands.length < 2) return fail(`tr: missing operand after ‘${operands[0]}’\nTwo strings must be given when translating.\n${tryHelp('tr')}`);
    const max = del && squeeze ? 2 : del || (squeeze && operands.length === 1) ? 1 : 2;
    if (operands.length > max) return fail(`tr: extra operand ‘${operands[max]}’\n${tryHelp('tr')}`);
    const set1 = expandSet(operands[0]);
    const set2 = operands[1] === undefined ? [] : expandSet(operands[1]);
    if (typeof set1 === 'string') return fail(`${set1}\n`);
    if (typeof set2 === 'string') return fail(`${set2}\n`);
    const complement = flags.has('c') || flags.has('C');
    const inSet1 = (c: string) => set1.includes(c) !== complement;
    let text = '';
    for (const c of stdin) {
      if (del) {
        if (!inSet1(c)) text += c;
        continue;
      }
      if (!squeeze || operands.length === 2) {
        const idx = set1.indexOf(c);
        text += (complement ? (inSet1(c) ? set2[set2.length - 1] ?? c : c) : idx >= 0 ? set2[Math.min(idx, set2.length - 1)] ?? c : c);
        continue;
      }
      text += c;
    }
    if (squeeze) {
      const squeezeSet = del || operands.length === 2 ? (set2 as string[]) : set1;
      let squeezed = '';
      for (const c of text) if (!(squeezed.endsWith(c) && squeezeSet.includes(c))) squeezed += c;
      text = squeezed;
    }
    return ok(text);
  },
};
