// Turns what the learner typed (one line or a whole lab script) into a syntax tree: `;` `&&`
// `||` `|` `!`, newlines, redirections after any command, and the compound commands `for`,
// `while`, `until`, `if` and `{ ...; }`, by recursive descent over the lexer's tokens (lexer.ts;
// words, quoting and expansions in words.ts; here-documents are read by the lexer). Errors carry
// bash's own wording; an input that only lacks its end (an open quote, `do` without `done`) is
// marked `incomplete` so the REPL can ask for more with `> `. `CMD &` marks a background job (the
// interpreter decides which commands may run so; see interpreter/job-table.ts). Not supported,
// with a clear message: subshells and functions.

import { MAX_PIPELINE_STAGES, MAX_SHELL_NESTING } from '../../core/limits';
import type { AndOrList, Command, ParseResult, Pipeline, Redirect, Script, SimpleCommand, Word, WordPart } from './ast';
import { tokenize, type Token } from './lexer';
import { endOfFile, ShellSyntaxError, unexpected } from './syntax-error';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(['for', 'while', 'until', 'if', 'then', 'elif', 'else', 'fi', 'do', 'done', 'in', '{', '}']);

export function parseScript(input: string, depth = 0): ParseResult & { incomplete?: boolean } {
  try {
    return { ok: true, script: parseSource(input, depth) };
  } catch (error) {
    if (error instanceof ShellSyntaxError) return error.incomplete ? { ok: false, message: error.message, incomplete: true } : { ok: false, message: error.message };
    throw error;
  }
}

function parseSource(input: string, depth: number): Script {
  if (depth > MAX_SHELL_NESTING) throw new ShellSyntaxError(`bash: nesting deeper than ${MAX_SHELL_NESTING} levels`);
  return new Parser(tokenize(input, depth, parseSource), depth).parseAll();
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
      if (commands.length >= MAX_PIPELINE_STAGES) throw new ShellSyntaxError(`bash: a pipeline may have at most ${MAX_PIPELINE_STAGES} commands`);
      commands.push(this.parseCommand());
    }
    return { kind: 'pipeline', negated, commands };
  }

  private parseCommand(): Command {
    const word = this.reservedAt();
    if (word === 'for' || word === 'while' || word === 'until' || word === 'if' || word === '{') {
      if (++this.nesting + this.depth > MAX_SHELL_NESTING) throw new ShellSyntaxError(`bash: nesting deeper than ${MAX_SHELL_NESTING} levels`);
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
        if (t.type !== 'word' || !NAME.test(t.raw)) throw new ShellSyntaxError(`bash: \`${t.type === 'word' ? t.raw : 'newline'}': not a valid identifier`);
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
      if (t.redirect.kind === 'heredoc-pending') throw new ShellSyntaxError(`bash: warning: here-document delimited by end-of-file (wanted \`${t.redirect.delimiter}')`, true);
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
        throw new ShellSyntaxError('bash: subshells ( ... ) are not supported in this terminal');
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
