// bash's `${...}` operators beyond plain `${NAME}`: `${#V}`, `${V:-w}` `${V-w}` (default),
// `${V:=w}` (assign), `${V:+w}` (alternative), `${V:?w}` (error), `${V#p}` `${V##p}` `${V%p}`
// `${V%%p}` (remove a glob-matched prefix or suffix, shortest or longest), `${V/p/r}` `${V//p/r}`
// `${V/#p/r}` `${V/%p/r}` (replace), and `${V:offset[:length]}`. Learners meet them in scripts
// that cut an IP or a name apart (`${IP%.*}`); anything else is bash's "bad substitution".

import type { ParameterOp, WordPart } from './syntax';

export type ParameterParse = { ok: true; name: string; op: ParameterOp } | { ok: false };

const NAME = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$])/;

/** Reads the text between `${` and `}`; `parts` parses an operator's word (expansions inside it included). */
export function parseParameter(inner: string, parts: (text: string) => WordPart[]): ParameterParse {
  const length = /^#([A-Za-z_][A-Za-z0-9_]*|[0-9?])$/.exec(inner);
  if (length) return { ok: true, name: length[1], op: { kind: 'length' } };
  const m = NAME.exec(inner);
  if (!m) return { ok: false };
  const name = m[1];
  const tail = inner.slice(name.length);
  const word = (skip: number) => parts(tail.slice(skip));
  const colonOp = /^:([-=+?])/.exec(tail);
  const plainOp = /^([-=+?])/.exec(tail);
  const test = colonOp ?? plainOp;
  if (test) {
    const kind = ({ '-': 'default', '=': 'assign', '+': 'alternative', '?': 'error' } as const)[test[1] as '-' | '=' | '+' | '?'];
    return { ok: true, name, op: { kind, colon: Boolean(colonOp), word: word(test[0].length) } };
  }
  if (tail.startsWith('##') || tail.startsWith('#')) return { ok: true, name, op: { kind: 'remove-prefix', longest: tail.startsWith('##'), pattern: word(tail.startsWith('##') ? 2 : 1) } };
  if (tail.startsWith('%%') || tail.startsWith('%')) return { ok: true, name, op: { kind: 'remove-suffix', longest: tail.startsWith('%%'), pattern: word(tail.startsWith('%%') ? 2 : 1) } };
  if (tail.startsWith('/')) {
    const mode = tail[1] === '/' ? 'all' : tail[1] === '#' ? 'start' : tail[1] === '%' ? 'end' : 'first';
    const body = tail.slice(mode === 'first' ? 1 : 2);
    const slash = unescapedSlash(body);
    const pattern = slash < 0 ? body : body.slice(0, slash);
    const replacement = slash < 0 ? '' : body.slice(slash + 1);
    return { ok: true, name, op: { kind: 'replace', mode, pattern: parts(pattern), replacement: parts(replacement) } };
  }
  const substring = /^:(-?\s*[0-9A-Za-z_ ()+*-]*?)(?::(-?[0-9A-Za-z_ ()+*-]*))?$/.exec(tail);
  if (substring && tail.length > 1) return { ok: true, name, op: { kind: 'substring', offset: substring[1], ...(substring[2] !== undefined ? { length: substring[2] } : {}) } };
  if (tail === '') return { ok: true, name, op: { kind: 'plain' } };
  return { ok: false };
}

function unescapedSlash(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '/') return i;
  }
  return -1;
}

/** A shell glob (`*`, `?`, `[...]`, `\x`) as a regular expression source. */
export function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '\\' && i + 1 < glob.length) out += escapeRegex(glob[++i]);
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = close;
      }
    } else out += escapeRegex(c);
  }
  return out;
}

function escapeRegex(c: string): string {
  return /[\\^$.|?*+()[\]{}]/.test(c) ? `\\${c}` : c;
}

/** `${V#p}` and friends: the value with the shortest or longest prefix (or suffix) matching the glob removed. */
export function removeAffix(value: string, glob: string, side: 'prefix' | 'suffix', longest: boolean): string {
  const re = new RegExp(`^(?:${globToRegex(glob)})$`);
  const lengths = [...Array(value.length + 1).keys()];
  if (longest) lengths.reverse();
  for (const n of lengths) {
    const piece = side === 'prefix' ? value.slice(0, n) : value.slice(value.length - n);
    if (re.test(piece)) return side === 'prefix' ? value.slice(n) : value.slice(0, value.length - n);
  }
  return value;
}

/** `${V/p/r}`: the longest match of the glob, first (or every, or anchored) occurrence replaced. */
export function replaceGlob(value: string, glob: string, replacement: string, mode: 'first' | 'all' | 'start' | 'end'): string {
  if (glob === '') return value;
  const source = globToRegex(glob);
  switch (mode) {
    case 'start':
      return value.replace(new RegExp(`^(?:${source})`), () => replacement);
    case 'end':
      return value.replace(new RegExp(`(?:${source})$`), () => replacement);
    case 'all':
      return value.replace(new RegExp(`(?:${source})`, 'g'), () => replacement);
    case 'first':
      return value.replace(new RegExp(`(?:${source})`), () => replacement);
    default: {
      const never: never = mode;
      return never;
    }
  }
}

/** `${V:offset:length}` with bash's negative offsets (from the end) and lengths (stop that far from the end). */
export function substring(value: string, offset: number, length: number | undefined): string {
  const start = offset < 0 ? Math.max(0, value.length + offset) : Math.min(offset, value.length);
  if (length === undefined) return value.slice(start);
  const end = length < 0 ? value.length + length : start + length;
  return end < start ? '' : value.slice(start, end);
}
