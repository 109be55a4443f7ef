// bash's `${...}` operators beyond plain `${NAME}`: `${#V}`, `${V:-w}` `${V-w}` (default),
// `${V:=w}` (assign), `${V:+w}` (alternative), `${V:?w}` (error), `${V#p}` `${V##p}` `${V%p}`
// `${V%%p}` (remove a glob-matched prefix or suffix, shortest or longest), `${V/p/r}` `${V//p/r}`
// `${V/#p/r}` `${V/%p/r}` (replace), and `${V:offset[:length]}`. Learners meet them in scripts
// that cut an IP or a name apart (`${IP%.*}`); anything else is bash's "bad substitution".
//
// This half reads the text between `${` and `}` into a ParameterOp at parse time; the matching
// and slicing the operators do at run time live in interpreter/parameter-expansion.ts.

import type { ParameterOp, WordPart } from './ast';

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
