// The awk lexer: numbers, strings (with awk's escapes), /regex/ where an operand may start (after
// an operator, not after a value), names, builtin function names and operators; newlines are
// tokens because they end statements. And the cursor the parser walks the tokens with, holding
// the context flags that change how `>` and `in` read.

import { AwkSyntaxError } from './awk-ast';

export type Tok = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 'regex'; v: string } | { t: 'name'; v: string } | { t: 'func'; v: string } | { t: 'op'; v: string } | { t: 'nl' } | { t: 'eof' };

const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'toupper', 'tolower', 'sprintf', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close']);
export const KEYWORDS = new Set(['BEGIN', 'END', 'print', 'printf', 'if', 'else', 'while', 'for', 'do', 'in', 'next', 'exit', 'break', 'continue', 'delete', 'getline', 'function', 'return']);
const OPS = ['+=', '-=', '*=', '/=', '%=', '^=', '==', '!=', '<=', '>=', '&&', '||', '++', '--', '!~', '>>', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];

export function lex(src: string): Tok[] {
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

/** The parser's position in the tokens, and the context that changes how `>` and `in` read. */
export class AwkCursor {
  pos = 0;
  /** Inside parentheses or a call's arguments, where `>` compares even within print's arguments. */
  noGt = 0;
  noIn = 0;
  /** Inside print's arguments, where a bare `>` is output redirection. */
  printArgs = 0;

  constructor(readonly toks: Tok[]) {}

  peek(): Tok {
    return this.toks[this.pos];
  }

  isOp(v: string): boolean {
    return this.peek().t === 'op' && (this.peek() as { v: string }).v === v;
  }

  isName(v: string): boolean {
    return this.peek().t === 'name' && (this.peek() as { v: string }).v === v;
  }

  private near(): string {
    const t = this.peek();
    return t.t === 'eof' ? 'end of file' : t.t === 'nl' ? 'newline' : String(t.v);
  }

  err(): AwkSyntaxError {
    return new AwkSyntaxError(`awk: cmd. line:1: syntax error at or near ${this.near()}`);
  }

  expectOp(v: string): void {
    if (!this.isOp(v)) throw this.err();
    this.pos++;
  }

  skipNl(): void {
    while (this.peek().t === 'nl' || this.isOp(';')) this.pos++;
  }

  optNl(): void {
    while (this.peek().t === 'nl') this.pos++;
  }
}
