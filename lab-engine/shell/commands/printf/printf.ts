// printf as bash's builtin: %s %b %d %i %u %x %X %o %f %e %g %c %%, flags/width/precision
// (`%-10s`, `%05.1f`), backslash escapes in the format, and the format reused until every
// argument is consumed. A non-number for %d warns like bash and prints 0.

import type { ShellCommand } from '../../command-types';
import { OutputBuilder } from '../../command-types';

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v', '"': '"', "'": "'", e: '\x1b' };

function unescape(text: string): string {
  return text.replace(/\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|.)/g, (m, c: string) => {
    if (c[0] === '0') return String.fromCharCode(parseInt(c, 8) || 0);
    if (c[0] === 'x') return String.fromCharCode(parseInt(c.slice(1), 16));
    return ESCAPES[c] ?? m;
  });
}

function pad(text: string, flags: string, width: number): string {
  if (text.length >= width) return text;
  if (flags.includes('-')) return text.padEnd(width);
  if (flags.includes('0') && /^[-+]?\d/.test(text)) {
    const sign = /^[-+]/.test(text) ? text[0] : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width);
}

/** Formats like printf(1), reusing the format until the arguments run out; `errors` are bash's warnings. */
export function formatPrintf(format: string, rest: readonly string[]): { text: string; errors: string[] } {
  const errors: string[] = [];
  let index = 0;
  const next = () => (index < rest.length ? rest[index++] : undefined);
  const number = (arg: string | undefined): number => {
    if (arg === undefined || arg === '') return 0;
    const c = /^['"](.)/.exec(arg);
    if (c) return c[1].codePointAt(0)!;
    const n = Number(arg);
    if (Number.isNaN(n)) {
      errors.push(`bash: printf: ${arg}: invalid number\n`);
      return 0;
    }
    return n;
  };
  let text = '';
  for (let round = 0; round < 10_000; round++) {
    let usedArg = false;
    text += format.replace(/%([-+ #0]*)(\d+|\*)?(?:\.(\d+|\*))?([sbdiuxXofeEgGc%])|\\(?:0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|.)/g, (m, flags: string, w?: string, p?: string, conv?: string) => {
      if (!conv) return unescape(m);
      if (conv === '%') return '%';
      const width = w === '*' ? number(next()) : Number(w ?? 0);
      const precision = p === '*' ? number(next()) : p === undefined ? undefined : Number(p);
      const arg = next();
      if (arg !== undefined) usedArg = true;
      let s: string;
      switch (conv) {
        case 's': s = arg ?? ''; if (precision !== undefined) s = s.slice(0, precision); break;
        case 'b': s = unescape(arg ?? ''); break;
        case 'c': s = (arg ?? '').slice(0, 1); break;
        case 'd': case 'i': case 'u': { const n = Math.trunc(number(arg)); s = (flags.includes('+') && n >= 0 ? '+' : '') + String(n); break; }
        case 'x': s = Math.trunc(number(arg)).toString(16); break;
        case 'X': s = Math.trunc(number(arg)).toString(16).toUpperCase(); break;
        case 'o': s = Math.trunc(number(arg)).toString(8); break;
        case 'e': case 'E': s = number(arg).toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2'); if (conv === 'E') s = s.toUpperCase(); break;
        case 'g': case 'G': s = String(Number(number(arg).toPrecision(precision || 6))); break;
        default: s = number(arg).toFixed(precision ?? 6);
      }
      return pad(s, flags, width);
    });
    if (!usedArg || index >= rest.length) break;
  }
  return { text, errors };
}

export const printf: ShellCommand = {
  name: 'printf',
  run({ args }) {
    const out = new OutputBuilder();
    if (args.length === 0) return out.err('bash: printf: usage: printf [-v var] format [arguments]\n').done(2);
    if (args[0].startsWith('-') && args[0] !== '--' && args[0].length > 1) {
      return out.err(`bash: printf: ${args[0].slice(0, 2)}: invalid option\nprintf: usage: printf [-v var] format [arguments]\n`).done(2);
    }
    const [format, ...rest] = args[0] === '--' ? args.slice(1) : args;
    const { text, errors } = formatPrintf(format ?? '', rest);
    for (const e of errors) out.err(e);
    return out.out(text).done(errors.length ? 1 : 0);
  },
};
