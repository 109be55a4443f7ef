// The jq filter language, the part used on `kubectl get -o json`: `.`, `.a.b`, `."k"`, `.[]`,
// `.[N]`, `.[N:M]`, `?`, pipes, `,`, `//`, comparisons, `and`/`or`/`not`, literals, `[...]` and
// `{...}` construction (with `{name}` shorthand and `"\(.x)"` interpolation), and the builtins
// select, map, keys, length, has, type, to_entries, from_entries, add, sort, sort_by, unique,
// first, last, join, split, tostring, tonumber, ascii_downcase/upcase, test, startswith,
// endswith, empty, values, reverse, min, max, any, all. Every filter yields a stream (an array).
// No library: none was installed, and this subset is ~300 lines with jq's own error texts.

export type { Node as JqNode };

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export class JqError extends Error {}
export class JqCompileError extends Error {}

type Node =
  | { k: 'identity' }
  | { k: 'recurse' }
  | { k: 'field'; target: Node; name: string; optional: boolean }
  | { k: 'index'; target: Node; index: Node; optional: boolean }
  | { k: 'slice'; target: Node; from: Node | null; to: Node | null }
  | { k: 'iterate'; target: Node; optional: boolean }
  | { k: 'literal'; value: Json }
  | { k: 'string'; parts: (string | Node)[] }
  | { k: 'pipe'; left: Node; right: Node }
  | { k: 'comma'; left: Node; right: Node }
  | { k: 'binary'; op: string; left: Node; right: Node }
  | { k: 'neg'; arg: Node }
  | { k: 'array'; body: Node | null }
  | { k: 'object'; entries: { key: Node; value: Node }[] }
  | { k: 'call'; name: string; args: Node[] }
  | { k: 'var'; name: string };

type Tok = { t: 'num'; v: number } | { t: 'str'; parts: (string | Node)[] } | { t: 'id'; v: string } | { t: 'field'; v: string } | { t: 'var'; v: string } | { t: 'op'; v: string } | { t: 'eof' };

const OPS = [';', '|=', '//', '==', '!=', '<=', '>=', '..', '|', ',', '.', '[', ']', '(', ')', '{', '}', ':', '?', '<', '>', '+', '-', '*', '/', '%'];

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    const num = /^\d+(\.\d+)?([eE][-+]?\d+)?/.exec(src.slice(i));
    if (num) { toks.push({ t: 'num', v: Number(num[0]) }); i += num[0].length; continue; }
    if (c === '"') {
      const parts: (string | Node)[] = [];
      let s = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\') {
          const n = src[i + 1];
          if (n === '(') {
            let depth = 1;
            let j = i + 2;
            for (; j < src.length && depth; j++) {
              if (src[j] === '(') depth++;
              if (src[j] === ')') depth--;
            }
            if (s) parts.push(s);
            s = '';
            parts.push(parseFilter(src.slice(i + 2, j - 1)));
            i = j;
            continue;
          }
          s += ({ n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '/': '/' } as Record<string, string>)[n] ?? n;
          i += 2;
          continue;
        }
        s += src[i++];
      }
      if (src[i] !== '"') throw new JqCompileError('jq: error: unterminated string literal');
      i++;
      if (s || parts.length === 0) parts.push(s);
      toks.push({ t: 'str', parts });
      continue;
    }
    if (c === '.' && /[A-Za-z_]/.test(src[i + 1] ?? '')) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i + 1))!;
      toks.push({ t: 'field', v: m[0] });
      i += 1 + m[0].length;
      continue;
    }
    if (c === '$') {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i + 1));
      if (!m) throw new JqCompileError('jq: error: syntax error, unexpected $');
      toks.push({ t: 'var', v: m[0] });
      i += 1 + m[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) { toks.push({ t: 'id', v: id[0] }); i += id[0].length; continue; }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new JqCompileError(`jq: error: syntax error, unexpected INVALID_CHARACTER (Unix shell quoting issues?) at <top-level>, line 1:\n${src}`);
    toks.push({ t: 'op', v: op });
    i += op.length;
  }
  toks.push({ t: 'eof' });
  return toks;
}

export function parseFilter(src: string): Node {
  const toks = lex(src);
  let pos = 0;
  const peek = () => toks[pos];
  const isOp = (v: string) => peek().t === 'op' && (peek() as { v: string }).v === v;
  const fail = (): JqCompileError => {
    const t = peek();
    const what = t.t === 'eof' ? '$end' : t.t === 'op' ? t.v : t.t === 'id' || t.t === 'field' || t.t === 'var' ? t.v : t.t;
    return new JqCompileError(`jq: error: syntax error, unexpected ${what} (Unix shell quoting issues?) at <top-level>, line 1:\n${src}`);
  };
  const expect = (v: string) => { if (!isOp(v)) throw fail(); pos++; };

  const postfix = (base: Node): Node => {
    let node = base;
    for (;;) {
      const t = peek();
      if (t.t === 'field') { pos++; node = { k: 'field', target: node, name: t.v, optional: false }; }
      else if (t.t === 'op' && t.v === '.' && toks[pos + 1].t === 'str') {
        pos++;
        const s = peek() as Extract<Tok, { t: 'str' }>;
        pos++;
        node = { k: 'field', target: node, name: s.parts.map(String).join(''), optional: false };
      } else if (t.t === 'op' && (t.v === '[' || (t.v === '.' && toks[pos + 1].t === 'op' && (toks[pos + 1] as { v: string }).v === '['))) {
        if (t.v === '.') pos++;
        pos++;
        if (isOp(']')) { pos++; node = { k: 'iterate', target: node, optional: false }; continue; }
        if (isOp(':')) { pos++; const to = pipe(); expect(']'); node = { k: 'slice', target: node, from: null, to }; continue; }
        const index = pipe();
        if (isOp(':')) {
          pos++;
          const to = isOp(']') ? null : pipe();
          expect(']');
          node = { k: 'slice', target: node, from: index, to };
          continue;
        }
        expect(']');
        node = { k: 'index', target: node, index, optional: false };
      } else if (t.t === 'op' && t.v === '?') {
        pos++;
        if (node.k === 'field' || node.k === 'index' || node.k === 'iterate') node = { ...node, optional: true };
      } else return node;
    }
  };

  const term = (): Node => {
    const t = peek();
    switch (t.t) {
      case 'num': pos++; return postfix({ k: 'literal', value: t.v });
      case 'str': pos++; return postfix(t.parts.length === 1 && typeof t.parts[0] === 'string' ? { k: 'literal', value: t.parts[0] } : { k: 'string', parts: t.parts });
      case 'field': return postfix({ k: 'identity' });
      case 'var': pos++; return postfix({ k: 'var', name: t.v });
      case 'id': {
        pos++;
        if (t.v === 'true' || t.v === 'false') return postfix({ k: 'literal', value: t.v === 'true' });
        if (t.v === 'null') return postfix({ k: 'literal', value: null });
        if (t.v === 'not' || t.v === 'if' || t.v === 'then' || t.v === 'elif' || t.v === 'else' || t.v === 'end' || t.v === 'as' || t.v === 'def' || t.v === 'reduce') {
          if (t.v === 'not') return postfix({ k: 'call', name: 'not', args: [] });
          throw new JqCompileError(`jq: error: '${t.v}' is not supported in this terminal`);
        }
        const args: Node[] = [];
        if (isOp('(')) {
          pos++;
          args.push(pipe());
          while (isOp(';')) { pos++; args.push(pipe()); }
          expect(')');
        }
        return postfix({ k: 'call', name: t.v, args });
      }
      case 'op':
        if (t.v === '.') {
          pos++;
          if (peek().t === 'str') {
            const s = peek() as Extract<Tok, { t: 'str' }>;
            pos++;
            return postfix({ k: 'field', target: { k: 'identity' }, name: s.parts.map(String).join(''), optional: false });
          }
          return postfix({ k: 'identity' });
        }
        if (t.v === '..') { pos++; return postfix({ k: 'recurse' }); }
        if (t.v === '(') { pos++; const e = pipe(); expect(')'); return postfix(e); }
        if (t.v === '[') { pos++; if (isOp(']')) { pos++; return postfix({ k: 'array', body: null }); } const body = pipe(); expect(']'); return postfix({ k: 'array', body }); }
        if (t.v === '-') { pos++; return { k: 'neg', arg: term() }; }
        if (t.v === '{') {
          pos++;
          const entries: { key: Node; value: Node }[] = [];
          while (!isOp('}')) {
            const kt = peek();
            let key: Node;
            let shorthand: Node | null = null;
            if (kt.t === 'id') { pos++; key = { k: 'literal', value: kt.v }; shorthand = { k: 'field', target: { k: 'identity' }, name: kt.v, optional: false }; }
            else if (kt.t === 'str') { pos++; key = kt.parts.length === 1 && typeof kt.parts[0] === 'string' ? { k: 'literal', value: kt.parts[0] } : { k: 'string', parts: kt.parts }; shorthand = { k: 'field', target: { k: 'identity' }, name: kt.parts.map(String).join(''), optional: false }; }
            else if (kt.t === 'var') { pos++; key = { k: 'literal', value: kt.v }; shorthand = { k: 'var', name: kt.v }; }
            else if (kt.t === 'op' && kt.v === '(') { pos++; key = pipe(); expect(')'); }
            else throw fail();
            let value: Node;
            if (isOp(':')) { pos++; value = alternative(); }
            else if (shorthand) value = shorthand;
            else throw fail();
            entries.push({ key, value });
            if (isOp(',')) pos++;
            else if (!isOp('}')) throw fail();
          }
          pos++;
          return postfix({ k: 'object', entries });
        }
        throw fail();
      default:
        throw fail();
    }
  };
  const level = (ops: string[], next: () => Node, idOps: string[] = []) => (): Node => {
    let left = next();
    for (;;) {
      const t = peek();
      const op = t.t === 'op' && ops.includes(t.v) ? t.v : t.t === 'id' && idOps.includes(t.v) ? t.v : null;
      if (!op) return left;
      pos++;
      left = { k: 'binary', op, left, right: next() };
    }
  };
  const mult = level(['*', '/', '%'], term);
  const add = level(['+', '-'], mult);
  const compare = level(['==', '!=', '<', '<=', '>', '>='], add);
  const and = level([], compare, ['and']);
  const or = level([], and, ['or']);
  const alternative = level(['//'], or);
  const comma = (): Node => {
    let left = alternative();
    while (isOp(',')) { pos++; left = { k: 'comma', left, right: alternative() }; }
    return left;
  };
  const pipe = (): Node => {
    const left = comma();
    if (isOp('|')) { pos++; return { k: 'pipe', left, right: pipe() }; }
    return left;
  };
  const root = pipe();
  if (peek().t !== 'eof') throw fail();
  return root;
}
