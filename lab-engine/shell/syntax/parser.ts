// Turns what the learner typed (one line or a whole lab script) into a syntax tree: quoting
// (single, double, backslash), `$VAR` / `${VAR}` / `$?`, `$(...)` and backquote command
// substitution, `$((...))` arithmetic, comments, `;` `&&` `||` `|` `!`, newlines, redirections
// (`<` `>` `>>` `2>` `2>&1` `<<<`), here-documents (`<<EOF`, `<<'EOF'`, `<<-EOF`) and the
// compound commands `for`, `while`, `until`, `if` and `{ ...; }`. Errors carry bash's own wording;
// an input that only lacks its end (an open quote, `do` without `done`) is marked `incomplete` so
// the REPL can ask for more with `> `. `CMD &` marks a background job (the interpreter decides
// which commands may run so; see jobs.ts). Not supported, with a clear message: subshells and
// functions.

import { MAX_PIPELINE_STAGES, MAX_SHELL_NESTING, MAX_TOKENS } from '../core/limits';
import { parseParameter } from './parameter-expansion';
import type { AndOrList, Command, ParseResult, Pipeline, Redirect, Script, SimpleCommand, Word, WordPart } from './syntax';

type Token =
  | { type: 'word'; word: Word; raw: string; quoted: boolean }
  | { type: 'op'; op: ';' | '&&' | '||' | '|' | '!' | '\n' | '&' | '(' | ')' }
  | { type: 'redir'; redirect: Redirect | { kind: 'heredoc-pending'; strip: boolean; delimiter: string; expand: boolean } };

class SyntaxError extends Error {
  constructor(message: string, readonly incomplete = false) {
    super(message);
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(['for', 'while', 'until', 'if', 'then', 'elif', 'else', 'fi', 'do', 'done', 'in', '{', '}']);

export function parseScript(input: string, depth = 0): ParseResult & { incomplete?: boolean } {
  try {
    return { ok: true, script: parseSource(input, depth) };
  } catch (error) {
    if (error instanceof SyntaxError) return error.incomplete ? { ok: false, message: error.message, incomplete: true } : { ok: false, message: error.message };
    throw error;
  }
}

function parseSource(input: string, depth: number): Script {
  if (depth > MAX_SHELL_NESTING) throw new SyntaxError(`bash: nesting deeper than ${MAX_SHELL_NESTING} levels`);
  return new Parser(tokenize(input, depth), depth).parseAll();
}

function unexpected(token: string): SyntaxError {
  return new SyntaxError(`bash: syntax error near unexpected token \`${token === '\n' ? 'newline' : token}'`);
}

const endOfFile = () => new SyntaxError('bash: syntax error: unexpected end of file', true);

function tokenize(src: string, depth: number): Token[] {
  const tokens: Token[] = [];
  const pendingHeredocs: { strip: boolean; delimiter: string; expand: boolean; slot: Token }[] = [];
  let i = 0;
  const push = (t: Token) => {
    if (tokens.length >= MAX_TOKENS) throw new SyntaxError(`bash: input has more than ${MAX_TOKENS} words`);
    tokens.push(t);
  };

  const readHeredocBodies = () => {
    for (const doc of pendingHeredocs.splice(0)) {
      const lines: string[] = [];
      let closed = false;
      while (i < src.length) {
        const end = src.indexOf('\n', i);
        let line = end < 0 ? src.slice(i) : src.slice(i, end);
        i = end < 0 ? src.length : end + 1;
        if (doc.strip) line = line.replace(/^\t+/, '');
        if (line === doc.delimiter) { closed = true; break; }
        lines.push(line);
      }
      if (!closed) throw new SyntaxError(`bash: warning: here-document delimited by end-of-file (wanted \`${doc.delimiter}')`, true);
      const text = lines.length ? lines.join('\n') + '\n' : '';
      const body: Word = doc.expand ? { parts: expandableParts(text, depth) } : { parts: [{ kind: 'literal', text }] };
      (doc.slot as { redirect: Redirect }).redirect = { kind: 'heredoc', body };
    }
  };

  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if (c === '\n') { push({ type: 'op', op: '\n' }); i++; readHeredocBodies(); continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    const two = src.slice(i, i + 2);
    if (two === '&&' || two === '||') { push({ type: 'op', op: two }); i += 2; continue; }
    if (c === ';' || c === '|' || c === '&' || c === '(' || c === ')') {
      if (two === ';;') throw unexpected(';;');
      push({ type: 'op', op: c }); i++; continue;
    }
    // Redirections, with an optional leading fd digit.
    const redir = /^(?:([012])?(>>|>&|>|<<<|<<-|<<|<))/.exec(src.slice(i, i + 4));
    if (redir && (redir[1] === undefined || /[<>]/.test(src[i + 1] ?? ''))) {
      const fd = redir[1] === undefined ? undefined : (Number(redir[1]) as 0 | 1 | 2);
      const op = redir[2];
      i += redir[0].length;
      if (op === '<<' || op === '<<-') {
        while (src[i] === ' ' || src[i] === '\t') i++;
        const { word, raw, quoted, end } = readWord(src, i, depth);
        if (!raw) throw unexpected(src[end] === undefined ? '\n' : src[end]);
        i = end;
        const delimiter = word.parts.map((p) => (p.kind === 'literal' ? p.text : p.kind === 'variable' ? `$${p.name}` : '')).join('');
        const slot: Token = { type: 'redir', redirect: { kind: 'heredoc-pending', strip: op === '<<-', delimiter, expand: !quoted } };
        pendingHeredocs.push({ strip: op === '<<-', delimiter, expand: !quoted, slot });
        push(slot);
        continue;
      }
      if (op === '>&') {
        const m = /^\s*([12])/.exec(src.slice(i));
        if (!m) throw new SyntaxError('bash: only 2>&1 and 1>&2 are supported here');
        i += m[0].length;
        push({ type: 'redir', redirect: { kind: 'dup', fd: (fd ?? 1) === 2 ? 2 : 1, to: Number(m[1]) as 1 | 2 } });
        continue;
      }
      while (src[i] === ' ' || src[i] === '\t') i++;
      const { word, raw, end } = readWord(src, i, depth);
      if (!raw) throw unexpected(src[end] === undefined || src[end] === '\n' ? '\n' : src[end]);
      i = end;
      if (op === '<<<') { push({ type: 'redir', redirect: { kind: 'herestring', body: word } }); continue; }
      const mode = op === '<' ? 'read' : op === '>>' ? 'append' : 'write';
      push({ type: 'redir', redirect: { kind: 'file', fd: fd ?? (op === '<' ? 0 : 1), mode, target: word } });
      continue;
    }
    const { word, raw, quoted, end } = readWord(src, i, depth);
    if (!raw) throw unexpected(c);
    i = end;
    if (raw === '!' && !quoted) push({ type: 'op', op: '!' });
    else push({ type: 'word', word, raw, quoted });
  }
  if (pendingHeredocs.length) readHeredocBodies();
  return tokens;
}

/**
 * The index of the `)` that closes a `$(` whose body starts at `start`, skipping quotes, escapes
 * and nested parentheses. Throws an incomplete-input error when there is none.
 */
function closingParen(src: string, start: number): number {
  let depth = 1;
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') { i++; continue; }
    if (c === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) break;
      i = close;
      continue;
    }
    if (c === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) {
        if (src[i] === '\\') i++;
        else if (src[i] === '$' && src[i + 1] === '(') i = closingParen(src, i + 2);
      }
      continue;
    }
    if (c === '(') depth++;
    if (c === ')' && --depth === 0) return i;
  }
  throw new SyntaxError("bash: unexpected EOF while looking for matching `)'", true);
}

/** The index of the backquote closing one opened just before `start`. */
function closingBackquote(src: string, start: number): number {
  for (let i = start; i < src.length; i++) {
    if (src[i] === '\\') { i++; continue; }
    if (src[i] === '`') return i;
  }
  throw new SyntaxError('bash: unexpected EOF while looking for matching ``\'', true);
}

/**
 * Reads `$...` at `at` (the `$` itself): a variable, `$(...)`, `$((...))` or `` `...` `` at a
 * backquote. Returns the part and where reading goes on, or null when the `$` is a literal.
 */
function readExpansion(src: string, at: number, quoted: boolean, depth: number): { part: WordPart; end: number } | null {
  if (src[at] === '`') {
    const close = closingBackquote(src, at + 1);
    const inner = src.slice(at + 1, close).replace(/\\([`\\$])/g, '$1');
    return { part: { kind: 'command-sub', script: parseSource(inner, depth + 1), quoted }, end: close + 1 };
  }
  const rest = src.slice(at + 1);
  if (rest.startsWith('((')) {
    const close = closingParen(src, at + 3);
    if (src[close + 1] === ')') return { part: { kind: 'arith', expression: src.slice(at + 3, close), quoted }, end: close + 2 };
  }
  if (rest.startsWith('(')) {
    const close = closingParen(src, at + 2);
    return { part: { kind: 'command-sub', script: parseSource(src.slice(at + 2, close), depth + 1), quoted }, end: close + 1 };
  }
  const braced = /^\{([A-Za-z_][A-Za-z0-9_]*|\?)\}/.exec(rest);
  if (!braced && rest.startsWith('{')) {
    const close = closingBrace(src, at + 2);
    const inner = src.slice(at + 2, close);
    const parsed = parseParameter(inner, (text) => expandableParts(text, depth + 1));
    if (!parsed.ok) throw new SyntaxError(`bash: \${${inner}}: bad substitution`);
    return { part: { kind: 'parameter', name: parsed.name, op: parsed.op, quoted }, end: close + 1 };
  }
  const plain = /^([A-Za-z_][A-Za-z0-9_]*|\?|[0-9#$])/.exec(rest);
  const m = braced ?? plain;
  if (!m) return null;
  return { part: { kind: 'variable', name: m[1], quoted }, end: at + 1 + m[0].length };
}

/** The `}` closing a `${` whose body starts at `from`, counting nested braces. */
function closingBrace(src: string, from: number): number {
  let depth = 1;
  for (let i = from; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === '{') depth++;
    else if (src[i] === '}' && --depth === 0) return i;
  }
  throw new SyntaxError("bash: unexpected EOF while looking for matching `}'", true);
}

/** Reads one word starting at `start`; stops at whitespace or an operator character. */
function readWord(src: string, start: number, depth: number): { word: Word; raw: string; quoted: boolean; end: number } {
  const parts: WordPart[] = [];
  let literal = '';
  let quoted = false;
  let i = start;
  const flush = () => {
    if (literal) parts.push({ kind: 'literal', text: literal });
    literal = '';
  };
  const expansion = (inDouble: boolean): boolean => {
    const found = readExpansion(src, i, inDouble, depth);
    if (!found) return false;
    flush();
    parts.push(found.part);
    i = found.end;
    return true;
  };
  while (i < src.length) {
    const c = src[i];
    if (' \t\r\n;&|()<>'.includes(c)) break;
    if (c === '\\') {
      if (src[i + 1] === '\n') { i += 2; continue; }
      literal += src[i + 1] ?? '';
      quoted = true;
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) throw new SyntaxError("bash: unexpected EOF while looking for matching `''", true);
      literal += src.slice(i + 1, close);
      quoted = true;
      i = close + 1;
      if (!literal && parts.length === 0) parts.push({ kind: 'literal', text: '' });
      continue;
    }
    if (c === '"') {
      quoted = true;
      i++;
      const before = parts.length;
      for (;;) {
        if (i >= src.length) throw new SyntaxError('bash: unexpected EOF while looking for matching `"\'', true);
        const d = src[i];
        if (d === '"') { i++; break; }
        if (d === '\\' && '"\\$`\n'.includes(src[i + 1] ?? '')) {
          if (src[i + 1] !== '\n') literal += src[i + 1];
          i += 2;
          continue;
        }
        if ((d === '$' || d === '`') && expansion(true)) continue;
        literal += d;
        i++;
      }
      // "" is an empty word, not nothing.
      if (!literal && parts.length === before) parts.push({ kind: 'literal', text: '' });
      continue;
    }
    if ((c === '$' || c === '`') && expansion(false)) continue;
    if (c === '~' && i === start && (i + 1 >= src.length || /[\s/;&|]/.test(src[i + 1]))) {
      flush();
      parts.push({ kind: 'variable', name: 'HOME', quoted: true });
      i++;
      continue;
    }
    literal += c;
    i++;
  }
  flush();
  return { word: { parts }, raw: src.slice(start, i), quoted, end: i };
}

/** Here-document text with `$VAR`, `$(...)` expansion (an unquoted delimiter) and `\$` escapes. */
function expandableParts(text: string, depth: number): WordPart[] {
  const parts: WordPart[] = [];
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === '$' || text[i + 1] === '\\' || text[i + 1] === '`')) { literal += text[++i]; continue; }
    if (c === '$' || c === '`') {
      const found = readExpansion(text, i, true, depth);
      if (found) {
        if (literal) parts.push({ kind: 'literal', text: literal });
        literal = '';
        parts.push(found.part);
        i = found.end - 1;
        continue;
      }
    }
    literal += c;
  }
  if (literal) parts.push({ kind: 'literal', text: literal });
  return parts;
}

/** Recursive descent over the tokens: lists, and-or lists, pipelines, simple and compound commands. */
class Parser {
  private pos = 0;
  private nesting = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly depth: number,
  ) {}

  parseAll(): Script {
    const script = this.parseList(new Set());
    const t = this.peek();
    if (t) throw unexpected(t.type === 'word' ? t.raw : t.type === 'op' ? t.op : 'word');
    return script;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private isOp(t: Token | undefined, op: string): boolean {
    return t?.type === 'op' && t.op === op;
  }

  private isReserved(t: Token | undefined, word: string): boolean {
    return t?.type === 'word' && !t.quoted && t.raw === word;
  }

  private reservedAt(): string | undefined {
    const t = this.peek();
    return t?.type === 'word' && !t.quoted && RESERVED.has(t.raw) ? t.raw : undefined;
  }

  private skipNewlines(): void {
    while (this.isOp(this.peek(), '\n')) this.pos++;
  }

  private expectReserved(word: string): void {
    this.skipNewlines();
    const t = this.peek();
    if (!t) throw endOfFile();
    if (!this.isReserved(t, word)) throw unexpected(t.type === 'word' ? t.raw : t.type === 'op' ? t.op : 'word');
    this.pos++;
  }

  /** Statements until one of `terminators` (a reserved word at command position) or the end. */
  private parseList(terminators: Set<string>): Script {
    const statements: AndOrList[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (!t) {
        if (terminators.size) throw endOfFile();
        break;
      }
      const word = this.reservedAt();
      if (word && terminators.has(word)) break;
      if (this.isOp(t, ';')) throw unexpected(';');
      const list: AndOrList = { kind: 'and-or', first: this.parsePipeline(), rest: [] };
      while (this.isOp(this.peek(), '&&') || this.isOp(this.peek(), '||')) {
        const op = (this.peek() as { op: '&&' | '||' }).op;
        this.pos++;
        this.skipNewlines();
        if (!this.peek()) throw endOfFile();
        list.rest.push({ op, pipeline: this.parsePipeline() });
      }
      statements.push(list);
      const next = this.peek();
      if (!next) continue;
      if (this.isOp(next, '&')) {
        list.background = true;
        this.pos++;
        if (this.isOp(this.peek(), ';')) throw unexpected(';');
        continue;
      }
      if (this.isOp(next, ';') || this.isOp(next, '\n')) { this.pos++; continue; }
      const after = this.reservedAt();
      if (after && terminators.has(after)) continue;
      throw unexpected(next.type === 'word' ? next.raw : next.type === 'op' ? next.op : 'word');
    }
    if (terminators.size && statements.length === 0) {
      const t = this.peek();
      throw unexpected(t?.type === 'word' ? t.raw : '\n');
    }
    return { kind: 'script', statements };
  }

  private parsePipeline(): Pipeline {
    let negated = false;
    if (this.isOp(this.peek(), '!')) { negated = true; this.pos++; }
    const commands: Command[] = [this.parseCommand()];
    while (this.isOp(this.peek(), '|')) {
      this.pos++;
      this.skipNewlines();
      if (!this.peek()) throw endOfFile();
      if (commands.length >= MAX_PIPELINE_STAGES) throw new SyntaxError(`bash: a pipeline may have at most ${MAX_PIPELINE_STAGES} commands`);
      commands.push(this.parseCommand());
    }
    return { kind: 'pipeline', negated, commands };
  }

  private parseCommand(): Command {
    const word = this.reservedAt();
    if (word === 'for' || word === 'while' || word === 'until' || word === 'if' || word === '{') {
      if (++this.nesting + this.depth > MAX_SHELL_NESTING) throw new SyntaxError(`bash: nesting deeper than ${MAX_SHELL_NESTING} levels`);
      this.pos++;
      const command = this.parseCompound(word);
      this.nesting--;
      command.redirects.push(...this.parseRedirects());
      return command;
    }
    if (word) throw unexpected(word);
    return this.parseSimple();
  }

  private parseCompound(word: 'for' | 'while' | 'until' | 'if' | '{'): Exclude<Command, SimpleCommand> {
    switch (word) {
      case 'for': {
        const t = this.peek();
        if (!t) throw endOfFile();
        if (t.type !== 'word' || !NAME.test(t.raw)) throw new SyntaxError(`bash: \`${t.type === 'word' ? t.raw : 'newline'}': not a valid identifier`);
        this.pos++;
        const items: Word[] = [];
        this.skipNewlines();
        if (this.isReserved(this.peek(), 'in')) {
          this.pos++;
          for (let n = this.peek(); n?.type === 'word'; n = this.peek()) { items.push(n.word); this.pos++; }
          if (this.isOp(this.peek(), ';') || this.isOp(this.peek(), '\n')) this.pos++;
        } else if (this.isOp(this.peek(), ';')) this.pos++;
        this.expectReserved('do');
        const body = this.parseList(new Set(['done']));
        this.expectReserved('done');
        return { kind: 'for', variable: t.raw, items, body, redirects: [] };
      }
      case 'while':
      case 'until': {
        const condition = this.parseList(new Set(['do']));
        this.expectReserved('do');
        const body = this.parseList(new Set(['done']));
        this.expectReserved('done');
        return { kind: 'while', until: word === 'until', condition, body, redirects: [] };
      }
      case 'if': {
        const branches: { condition: Script; body: Script }[] = [];
        let otherwise: Script | null = null;
        for (;;) {
          const condition = this.parseList(new Set(['then']));
          this.expectReserved('then');
          const body = this.parseList(new Set(['elif', 'else', 'fi']));
          branches.push({ condition, body });
          const next = this.reservedAt();
          this.pos++;
          if (next === 'elif') continue;
          if (next === 'else') {
            otherwise = this.parseList(new Set(['fi']));
            this.expectReserved('fi');
          }
          break;
        }
        return { kind: 'if', branches, otherwise, redirects: [] };
      }
      case '{': {
        const body = this.parseList(new Set(['}']));
        this.expectReserved('}');
        return { kind: 'group', body, redirects: [] };
      }
      default: {
        const never: never = word;
        return never;
      }
    }
  }

  private parseRedirects(): Redirect[] {
    const out: Redirect[] = [];
    for (let t = this.peek(); t?.type === 'redir'; t = this.peek()) {
      if (t.redirect.kind === 'heredoc-pending') throw new SyntaxError(`bash: warning: here-document delimited by end-of-file (wanted \`${t.redirect.delimiter}')`, true);
      out.push(t.redirect);
      this.pos++;
    }
    return out;
  }

  private parseSimple(): SimpleCommand {
    const cmd: SimpleCommand = { kind: 'command', assignments: [], words: [], redirects: [] };
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.type === 'word') {
        const eq = t.raw.indexOf('=');
        if (cmd.words.length === 0 && eq > 0 && NAME.test(t.raw.slice(0, eq))) {
          cmd.assignments.push({ name: t.raw.slice(0, eq), value: stripPrefix(t.word, eq + 1) });
        } else {
          cmd.words.push(t.word);
        }
        this.pos++;
        continue;
      }
      if (t.type === 'redir') {
        cmd.redirects.push(...this.parseRedirects());
        continue;
      }
      if (t.op === '(' || t.op === ')') {
        if (t.op === ')') throw unexpected(')');
        throw new SyntaxError('bash: subshells ( ... ) are not supported in this terminal');
      }
      break;
    }
    if (cmd.words.length === 0 && cmd.assignments.length === 0 && cmd.redirects.length === 0) {
      const t = this.peek();
      if (!t) throw endOfFile();
      throw unexpected(t.type === 'op' ? t.op : t.type === 'word' ? t.raw : 'word');
    }
    return cmd;
  }
}

/** The value part of `NAME=value`: drops the first `n` characters of the word's text. */
function stripPrefix(word: Word, n: number): Word {
  const parts: WordPart[] = [];
  let skip = n;
  for (const part of word.parts) {
    if (skip > 0 && part.kind === 'literal') {
      if (part.text.length <= skip) { skip -= part.text.length; continue; }
      parts.push({ kind: 'literal', text: part.text.slice(skip) });
      skip = 0;
      continue;
    }
    parts.push(part);
  }
  // An assignment's value is never split: `x=$(cmd)` keeps every line.
  return { parts: parts.map((p) => (p.kind === 'literal' ? p : { ...p, quoted: true })) };
}
