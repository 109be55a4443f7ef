// The awk language subset learners use on kubectl output, parsed into a small tree: pattern-action
// rules (BEGIN, END, expressions, /regex/, ranges), print/printf, assignments, if/while/for/for-in,
// next/exit, arrays, fields ($N, $NF), string concatenation and the usual operators. Errors read
// like gawk's ("awk: cmd. line:1: syntax error").

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'regex'; v: string }
  | { k: 'var'; name: string }
  | { k: 'field'; index: Expr }
  | { k: 'index'; name: string; key: Expr[] }
  | { k: 'assign'; op: string; target: Expr; value: Expr }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; target: Expr }
  | { k: 'unary'; op: '!' | '-' | '+'; arg: Expr }
  | { k: 'binary'; op: string; left: Expr; right: Expr }
  | { k: 'match'; negate: boolean; left: Expr; re: Expr }
  | { k: 'in'; key: Expr[]; name: string }
  | { k: 'cond'; test: Expr; then: Expr; else: Expr }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'group'; e: Expr };

export type Stmt =
  | { k: 'print'; args: Expr[] }
  | { k: 'printf'; args: Expr[] }
  | { k: 'expr'; e: Expr }
  | { k: 'if'; test: Expr; then: Stmt; else: Stmt | null }
  | { k: 'while'; test: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; test: Expr }
  | { k: 'for'; init: Expr | null; test: Expr | null; step: Expr | null; body: Stmt }
  | { k: 'forin'; v: string; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' }
  | { k: 'exit'; code: Expr | null }
  | { k: 'break' }
  | { k: 'continue' }
  | { k: 'delete'; name: string; key: Expr[] | null };

export interface Rule {
  pattern: { kind: 'begin' } | { kind: 'end' } | { kind: 'all' } | { kind: 'expr'; e: Expr } | { kind: 'range'; from: Expr; to: Expr };
  action: Stmt[] | null;
}

export class AwkSyntaxError extends Error {}

type Tok = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 'regex'; v: string } | { t: 'name'; v: string } | { t: 'func'; v: string } | { t: 'op'; v: string } | { t: 'nl' } | { t: 'eof' };

const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'toupper', 'tolower', 'sprintf', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close']);
const KEYWORDS = new Set(['BEGIN', 'END', 'print', 'printf', 'if', 'else', 'while', 'for', 'do', 'in', 'next', 'exit', 'break', 'continue', 'delete', 'getline', 'function', 'return']);
const OPS = ['+=', '-=', '*=', '/=', '%=', '^=', '==', '!=', '<=', '>=', '&&', '||', '++', '--', '!~', '>>', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const regexAllowed = () => {
    const last = toks[toks.length - 1];
    if (!last) return true;
    if (last.t === 'num' || last.t === 'str' || last.t === 'name' || last.t === 'regex') return false;
    if (last.t === 'op') return !(last.v === ')' || last.v === ']' || last.v === '$' || last.v === '++' || last.v === '--');
    return true;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if (c === '\n') { toks.push({ t: 'nl' }); i++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (/[0-9.]/.test(c) && /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.test(src.slice(i))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(src.slice(i))!;
      toks.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) {
          const n = src[++i];
          s += ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/' } as Record<string, string>)[n] ?? `\\${n}`;
        } else s += src[i];
        i++;
      }
      if (src[i] !== '"') throw new AwkSyntaxError('awk: cmd. line:1: unterminated string');
      i++;
      toks.push({ t: 'str', v: s });
      continue;
    }
    if (c === '/' && regexAllowed()) {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '/') {
        if (src[i] === '\\' && src[i + 1] === '/') { s += '/'; i += 2; continue; }
        if (src[i] === '\n') break;
        s += src[i++];
      }
      if (src[i] !== '/') throw new AwkSyntaxError('awk: cmd. line:1: unterminated regexp');
      i++;
      toks.push({ t: 'regex', v: s });
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (word) {
      i += word[0].length;
      toks.push(BUILTINS.has(word[0]) ? { t: 'func', v: word[0] } : { t: 'name', v: word[0] });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new AwkSyntaxError(`awk: cmd. line:1: invalid char '${c}' in expression`);
    toks.push({ t: 'op', v: op });
    i += op.length;
  }
  toks.push({ t: 'eof' });
  return toks;
}

export function parseAwk(src: string): Rule[] {
  const toks = lex(src);
  let pos = 0;
  let noGt = 0;
  let noIn = 0;
  const peek = () => toks[pos];
  const isOp = (v: string) => peek().t === 'op' && (peek() as { v: string }).v === v;
  const isName = (v: string) => peek().t === 'name' && (peek() as { v: string }).v === v;
  const near = () => {
    const t = peek();
    return t.t === 'eof' ? 'end of file' : t.t === 'nl' ? 'newline' : String(t.v);
  };
  const err = () => new AwkSyntaxError(`awk: cmd. line:1: syntax error at or near ${near()}`);
  const expectOp = (v: string) => {
    if (!isOp(v)) throw err();
    pos++;
  };
  const skipNl = () => { while (peek().t === 'nl' || isOp(';')) pos++; };
  const optNl = () => { while (peek().t === 'nl') pos++; };

  const primary = (): Expr => {
    const t = peek();
    if (t.t === 'num') { pos++; return { k: 'num', v: t.v }; }
    if (t.t === 'str') { pos++; return { k: 'str', v: t.v }; }
    if (t.t === 'regex') { pos++; return { k: 'regex', v: t.v }; }
    if (t.t === 'op' && t.v === '$') { pos++; return { k: 'field', index: incdec() }; }
    if (t.t === 'op' && (t.v === '!' || t.v === '-' || t.v === '+')) { pos++; return { k: 'unary', op: t.v, arg: unaryOperand(t.v) }; }
    if (t.t === 'op' && (t.v === '++' || t.v === '--')) { pos++; return { k: 'incdec', op: t.v, prefix: true, target: primary() }; }
    if (t.t === 'op' && t.v === '(') {
      pos++;
      noGt++;
      const saveIn = noIn;
      noIn = 0;
      const first = expr();
      if (isOp(',')) {
        const key = [first];
        while (isOp(',')) { pos++; key.push(expr()); }
        expectOp(')');
        noGt--;
        noIn = saveIn;
        if (!isName('in')) throw err();
        pos++;
        const name = peek();
        if (name.t !== 'name') throw err();
        pos++;
        return { k: 'in', key, name: name.v };
      }
      expectOp(')');
      noGt--;
      noIn = saveIn;
      return { k: 'group', e: first };
    }
    if (t.t === 'func') {
      pos++;
      if (!isOp('(')) {
        if (t.v === 'length') return { k: 'call', name: 'length', args: [] };
        throw err();
      }
      pos++;
      noGt++;
      const args: Expr[] = [];
      if (!isOp(')')) {
        args.push(expr());
        while (isOp(',')) { pos++; optNl(); args.push(expr()); }
      }
      expectOp(')');
      noGt--;
      return { k: 'call', name: t.v, args };
    }
    if (t.t === 'name' && !KEYWORDS.has(t.v)) {
      pos++;
      if (isOp('[')) {
        pos++;
        const key = [expr()];
        while (isOp(',')) { pos++; key.push(expr()); }
        expectOp(']');
        return { k: 'index', name: t.v, key };
      }
      return { k: 'var', name: t.v };
    }
    throw err();
  };
  const unaryOperand = (op: string): Expr => (op === '!' ? comparisonLevel() : power());
  const incdec = (): Expr => {
    const e = primary();
    if ((isOp('++') || isOp('--')) && (e.k === 'var' || e.k === 'field' || e.k === 'index')) {
      const op = (peek() as { v: '++' | '--' }).v;
      pos++;
      return { k: 'incdec', op, prefix: false, target: e };
    }
    return e;
  };
  const power = (): Expr => {
    const base = incdec();
    if (isOp('^')) { pos++; return { k: 'binary', op: '^', left: base, right: power() }; }
    return base;
  };
  const binaryLevel = (ops: string[], next: () => Expr) => (): Expr => {
    let left = next();
    while (peek().t === 'op' && ops.includes((peek() as { v: string }).v)) {
      const op = (peek() as { v: string }).v;
      pos++;
      left = { k: 'binary', op, left, right: next() };
    }
    return left;
  };
  const multiplicative = binaryLevel(['*', '/', '%'], power);
  const additive = binaryLevel(['+', '-'], multiplicative);
  const startsOperand = () => {
    const t = peek();
    if (t.t === 'num' || t.t === 'str' || t.t === 'regex' || t.t === 'func') return true;
    if (t.t === 'name') return !KEYWORDS.has(t.v);
    return t.t === 'op' && (t.v === '$' || t.v === '(' || t.v === '++' || t.v === '--');
  };
  const concat = (): Expr => {
    let left = additive();
    while (startsOperand()) left = { k: 'binary', op: 'concat', left, right: additive() };
    return left;
  };
  const comparison = (): Expr => {
    const left = concat();
    const t = peek();
    // Inside print's arguments a bare `>` is output redirection, not a comparison.
    if (t.t === 'op' && ['<', '<=', '==', '!=', '>=', '>'].includes(t.v) && (t.v !== '>' || printArgs === 0 || noGt > 0)) {
      pos++;
      return { k: 'binary', op: t.v, left, right: concat() };
    }
    return left;
  };
  let printArgs = 0;
  const matchLevel = (): Expr => {
    let left = comparison();
    while (isOp('~') || isOp('!~')) {
      const negate = (peek() as { v: string }).v === '!~';
      pos++;
      left = { k: 'match', negate, left, re: comparison() };
    }
    return left;
  };
  const inLevel = (): Expr => {
    let left = matchLevel();
    while (isName('in') && noIn === 0) {
      pos++;
      const name = peek();
      if (name.t !== 'name') throw err();
      pos++;
      left = { k: 'in', key: [left], name: name.v };
    }
    return left;
  };
  const comparisonLevel = inLevel;
  const and = binaryLevel(['&&'], inLevel);
  const or = binaryLevel(['||'], and);
  const ternary = (): Expr => {
    const test = or();
    if (!isOp('?')) return test;
    pos++;
    const then = ternary();
    expectOp(':');
    return { k: 'cond', test, then, else: ternary() };
  };
  const expr = (): Expr => {
    const left = ternary();
    const t = peek();
    if (t.t === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(t.v)) {
      if (left.k !== 'var' && left.k !== 'field' && left.k !== 'index') throw err();
      pos++;
      return { k: 'assign', op: t.v, target: left, value: expr() };
    }
    return left;
  };

  const simpleEnd = () => {
    if (isOp(';') || peek().t === 'nl') { pos++; return; }
    if (isOp('}') || peek().t === 'eof') return;
    throw err();
  };

  const statement = (): Stmt => {
    optNl();
    const t = peek();
    if (t.t === 'op' && t.v === '{') {
      pos++;
      const body: Stmt[] = [];
      skipNl();
      while (!isOp('}')) {
        if (peek().t === 'eof') throw err();
        body.push(statement());
        skipNl();
      }
      pos++;
      return { k: 'block', body };
    }
    if (t.t === 'op' && t.v === ';') { pos++; return { k: 'block', body: [] }; }
    if (t.t === 'name') {
      switch (t.v) {
        case 'print':
        case 'printf': {
          pos++;
          const args: Expr[] = [];
          printArgs++;
          const grouped = isOp('(');
          if (!isOp(';') && !isOp('}') && peek().t !== 'nl' && peek().t !== 'eof') {
            args.push(expr());
            while (isOp(',')) { pos++; optNl(); args.push(expr()); }
          }
          printArgs--;
          if (isOp('>') || isOp('>>') || isOp('|')) throw new AwkSyntaxError('awk: output redirection from awk is not supported in this terminal');
          // print (a, b) is print a, b
          const flat = grouped && args.length === 1 && args[0].k === 'group' ? [args[0].e] : args;
          simpleEnd();
          return { k: t.v, args: flat };
        }
        case 'if': {
          pos++;
          expectOp('(');
          const test = expr();
          expectOp(')');
          const then = statement();
          const save = pos;
          skipNl();
          if (isName('else')) { pos++; return { k: 'if', test, then, else: statement() }; }
          pos = save;
          return { k: 'if', test, then, else: null };
        }
        case 'while': {
          pos++;
          expectOp('(');
          const test = expr();
          expectOp(')');
          return { k: 'while', test, body: statement() };
        }
        case 'do': {
          pos++;
          const body = statement();
          skipNl();
          if (!isName('while')) throw err();
          pos++;
          expectOp('(');
          const test = expr();
          expectOp(')');
          simpleEnd();
          return { k: 'do', body, test };
        }
        case 'for': {
          pos++;
          expectOp('(');
          const a = toks[pos];
          const b = toks[pos + 1];
          const c = toks[pos + 2];
          if (a.t === 'name' && b.t === 'name' && b.v === 'in' && c.t === 'name' && toks[pos + 3].t === 'op' && (toks[pos + 3] as { v: string }).v === ')') {
            pos += 4;
            return { k: 'forin', v: a.v, arr: c.v, body: statement() };
          }
          const init = isOp(';') ? null : expr();
          expectOp(';');
          optNl();
          const test = isOp(';') ? null : expr();
          expectOp(';');
          optNl();
          const step = isOp(')') ? null : expr();
          expectOp(')');
          return { k: 'for', init, test, step, body: statement() };
        }
        case 'next': pos++; simpleEnd(); return { k: 'next' };
        case 'break': pos++; simpleEnd(); return { k: 'break' };
        case 'continue': pos++; simpleEnd(); return { k: 'continue' };
        case 'exit': {
          pos++;
          const code = isOp(';') || isOp('}') || peek().t === 'nl' || peek().t === 'eof' ? null : expr();
          simpleEnd();
          return { k: 'exit', code };
        }
        case 'delete': {
          pos++;
          const name = peek();
          if (name.t !== 'name') throw err();
          pos++;
          let key: Expr[] | null = null;
          if (isOp('[')) {
            pos++;
            key = [expr()];
            while (isOp(',')) { pos++; key.push(expr()); }
            expectOp(']');
          }
          simpleEnd();
          return { k: 'delete', name: name.v, key };
        }
        case 'getline':
        case 'function':
        case 'return':
          throw new AwkSyntaxError(`awk: cmd. line:1: '${t.v}' is not supported in this terminal`);
      }
    }
    const e = expr();
    simpleEnd();
    return { k: 'expr', e };
  };

  const action = (): Stmt[] => {
    const block = statement();
    return block.k === 'block' ? block.body : [block];
  };

  const rules: Rule[] = [];
  skipNl();
  while (peek().t !== 'eof') {
    if (isName('BEGIN') || isName('END')) {
      const kind = (peek() as { v: string }).v === 'BEGIN' ? 'begin' : 'end';
      pos++;
      optNl();
      if (!isOp('{')) throw err();
      rules.push({ pattern: { kind }, action: action() });
    } else if (isOp('{')) {
      rules.push({ pattern: { kind: 'all' }, action: action() });
    } else {
      const from = expr();
      let pattern: Rule['pattern'] = { kind: 'expr', e: from };
      if (isOp(',')) { pos++; optNl(); pattern = { kind: 'range', from, to: expr() }; }
      rules.push({ pattern, action: isOp('{') ? action() : null });
    }
    skipNl();
  }
  return rules;
}
