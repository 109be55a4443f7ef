// POSIX regular expressions (GNU flavour) as JavaScript ones, for grep and sed: basic syntax,
// where `\( \) \{ \} \| \+ \?` are the operators and the bare characters literal; extended syntax;
// bracket expressions with POSIX classes (`[[:digit:]]`, where a backslash is literal); GNU's
// `\<` / `\>` word edges.

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v', blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: '\\x20-\\x7e', graph: '\\x21-\\x7e',
};

/** Thrown for a malformed expression; grep and sed turn it into their own trouble message. */
export class RegexSyntaxError extends Error {}

/** A bracket expression starting at `start` (the `[`): its JavaScript class and where it ends. */
function bracket(pattern: string, start: number): { js: string; end: number } {
  let i = start + 1;
  let js = '[';
  if (pattern[i] === '^') { js += '^'; i++; }
  if (pattern[i] === ']') { js += '\\]'; i++; }
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === ']') return { js: `${js}]`, end: i };
    if (c === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close < 0) throw new RegexSyntaxError('Unmatched [, [^, [:, [., or [=');
      const name = pattern.slice(i + 2, close);
      const cls = POSIX_CLASSES[name];
      if (cls === undefined) throw new RegexSyntaxError('Invalid character class name');
      js += cls;
      i = close + 1;
      continue;
    }
    js += c === '\\' || c === '[' ? `\\${c}` : c;
  }
  throw new RegexSyntaxError('Unmatched [, [^, [:, [., or [=');
}

function gnuEscape(n: string): string | undefined {
  // RE2 (learner-regex.ts) has lookbehind but no lookahead: a word edge is told from the side behind it.
  if (n === '<') return '(?<!\\w)\\b';
  if (n === '>') return '\\b(?<=\\w)';
  return undefined;
}

/** POSIX basic regular expression → JavaScript source. */
export function breToJs(pattern: string): string {
  let out = '';
  // Where a `*` is literal: at the start, after `\(`, `\|` or a leading `^`.
  let atStart = true;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const wasStart = atStart;
    atStart = false;
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[++i];
      if ('(|'.includes(n)) atStart = true;
      out += '(){}|+?'.includes(n) ? n : gnuEscape(n) ?? `\\${n}`;
      continue;
    }
    if (c === '[') {
      const b = bracket(pattern, i);
      out += b.js;
      i = b.end;
      continue;
    }
    if (c === '*' && wasStart) { out += '\\*'; continue; }
    if (c === '^' && i === 0) { out += c; atStart = true; continue; }
    // In a BRE `^` anchors only at the start and `$` only at the end (of the pattern or of a
    // \( \) group or \| branch); anywhere else they are ordinary characters.
    if (c === '^' && !wasStart) { out += '\\^'; continue; }
    if (c === '$' && !(i === pattern.length - 1 || pattern.startsWith('\\)', i + 1) || pattern.startsWith('\\|', i + 1))) { out += '\\$'; continue; }
    out += '(){}|+?'.includes(c) ? `\\${c}` : c;
  }
  return out;
}

/** POSIX extended regular expression → JavaScript source. */
export function ereToJs(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[++i];
      out += gnuEscape(n) ?? `\\${n}`;
      continue;
    }
    if (c === '[') {
      const b = bracket(pattern, i);
      out += b.js;
      i = b.end;
      continue;
    }
    out += c;
  }
  return out;
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
