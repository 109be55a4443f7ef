// Turns what the learner typed (one line or a whole lab script) into a syntax tree: quoting
// (single, double, backslash), `$VAR` / `${VAR}` / `$?`, comments, `;` `&&` `||` `|` `!`,
// newlines, redirections (`<` `>` `>>` `2>` `2>&1`) and here-documents (`<<EOF`, `<<'EOF'`,
// `<<-EOF`). Errors carry bash's own wording. Not supported, with a clear message: command
// substitution, subshells, background jobs, loops and functions.

import { MAX_PIPELINE_STAGES, MAX_TOKENS } from '../core/limits';
import type { AndOrList, ParseResult, Pipeline, Redirect, SimpleCommand, Word, WordPart } from './syntax';

type Token =
  | { type: 'word'; word: Word; raw: string; quoted: boolean }
  | { type: 'op'; op: ';' | '&&' | '||' | '|' | '!' | '\n' | '&' | '(' | ')' }
  | { type: 'redir'; redirect: Redirect | { kind: 'heredoc-pending'; strip: boolean; delimiter: string; expand: boolean } };

class SyntaxError extends Error {}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseScript(input: string): ParseResult {
  try {
    const tokens = tokenize(input);
    return { ok: true, script: { kind: 'script', statements: parseTokens(tokens) } };
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}

function unexpected(token: string): SyntaxError {
  return new SyntaxError(`bash: syntax error near unexpected token \`${token === '\n' ? 'newline' : token}'`);
}

function tokenize(src: string): Token[] {
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
      for (;;) {
        if (i >= src.length) break;
        const end = src.indexOf('\n', i);
        let line = end < 0 ? src.slice(i) : src.slice(i, end);
        i = end < 0 ? src.length : end + 1;
        if (doc.strip) line = line.replace(/^\t+/, '');
        if (line === doc.delimiter) break;
        lines.push(line);
      }
      const text = lines.length ? lines.join('\n') + '\n' : '';
      const body: Word = doc.expand ? { parts: expandableParts(text) } : { parts: [{ kind: 'literal', text }] };
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
    const redir = /^(?:([012])?(>>|>&|>|<<-|<<|<))/.exec(src.slice(i, i + 4));
    if (redir && (redir[1] === undefined || /[<>]/.test(src[i + 1] ?? ''))) {
      const fd = redir[1] === undefined ? undefined : (Number(redir[1]) as 0 | 1 | 2);
      const op = redir[2];
      i += redir[0].length;
      if (op === '<<' || op === '<<-') {
        while (src[i] === ' ' || src[i] === '\t') i++;
        const { word, raw, quoted, end } = readWord(src, i);
        if (!raw) throw unexpected(src[end] === undefined ? '\n' : src[end]);
        i = end;
        const delimiter = word.parts.map((p) => (p.kind === 'literal' ? p.text : `$${p.name}`)).join('');
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
      const { word, raw, end } = readWord(src, i);
      if (!raw) throw unexpected(src[end] === undefined || src[end] === '\n' ? '\n' : src[end]);
      i = end;
      const mode = op === '<' ? 'read' : op === '>>' ? 'append' : 'write';
      push({ type: 'redir', redirect: { kind: 'file', fd: fd ?? (op === '<' ? 0 : 1), mode, target: word } });
      continue;
    }
    const { word, raw, quoted, end } = readWord(src, i);
    if (!raw) throw unexpected(c);
    i = end;
    if (raw === '!' && !quoted) push({ type: 'op', op: '!' });
    else push({ type: 'word', word, raw, quoted });
  }
  if (pendingHeredocs.length) readHeredocBodies();
  return tokens;
}

/** Reads one word starting at `start`; stops at whitespace or an operator character. */
function readWord(src: string, start: number): { word: Word; raw: string; quoted: boolean; end: number } {
  const parts: WordPart[] = [];
  let literal = '';
  let quoted = false;
  let i = start;
  const flush = () => {
    if (literal) parts.push({ kind: 'literal', text: literal });
    literal = '';
  };
  const readVariable = (): boolean => {
    const rest = src.slice(i + 1);
    if (rest.startsWith('(')) throw new SyntaxError('bash: command substitution $(...) is not supported in this terminal');
    const braced = /^\{([A-Za-z_][A-Za-z0-9_]*|\?)\}/.exec(rest);
    const plain = /^([A-Za-z_][A-Za-z0-9_]*|\?|[0-9#$])/.exec(rest);
    const m = braced ?? plain;
    if (!m) return false;
    flush();
    parts.push({ kind: 'variable', name: m[1] });
    i += 1 + m[0].length;
    return true;
  };
  while (i < src.length) {
    const c = src[i];
    if (' \t\r\n;&|()<>'.includes(c)) break;
    if (c === '`') throw new SyntaxError('bash: command substitution `...` is not supported in this terminal');
    if (c === '\\') {
      if (src[i + 1] === '\n') { i += 2; continue; }
      literal += src[i + 1] ?? '';
      quoted = true;
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) throw new SyntaxError("bash: unexpected EOF while looking for matching `''");
      literal += src.slice(i + 1, close);
      quoted = true;
      i = close + 1;
      continue;
    }
    if (c === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (i >= src.length) throw new SyntaxError('bash: unexpected EOF while looking for matching `"\'');
        const d = src[i];
        if (d === '"') { i++; break; }
        if (d === '\\' && '"\\$`\n'.includes(src[i + 1] ?? '')) {
          if (src[i + 1] !== '\n') literal += src[i + 1];
          i += 2;
          continue;
        }
        if (d === '`') throw new SyntaxError('bash: command substitution `...` is not supported in this terminal');
        if (d === '$' && readVariable()) continue;
        literal += d;
        i++;
      }
      // "" is an empty word, not nothing.
      if (!literal && parts.length === 0) parts.push({ kind: 'literal', text: '' });
      continue;
    }
    if (c === '$' && readVariable()) continue;
    if (c === '~' && i === start && (i + 1 >= src.length || /[\s/;&|]/.test(src[i + 1]))) {
      flush();
      parts.push({ kind: 'variable', name: 'HOME' });
      i++;
      continue;
    }
    literal += c;
    i++;
  }
  flush();
  return { word: { parts }, raw: src.slice(start, i), quoted, end: i };
}

/** Here-document text with `$VAR` expansion (an unquoted delimiter) and `\$` escapes. */
function expandableParts(text: string): WordPart[] {
  const parts: WordPart[] = [];
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === '$' || text[i + 1] === '\\')) { literal += text[++i]; continue; }
    if (c === '$') {
      const m = /^\{([A-Za-z_][A-Za-z0-9_]*|\?)\}|^([A-Za-z_][A-Za-z0-9_]*|\?)/.exec(text.slice(i + 1));
      if (m) {
        if (literal) parts.push({ kind: 'literal', text: literal });
        literal = '';
        parts.push({ kind: 'variable', name: m[1] ?? m[2] });
        i += m[0].length;
        continue;
      }
    }
    literal += c;
  }
  if (literal) parts.push({ kind: 'literal', text: literal });
  return parts;
}

function parseTokens(tokens: Token[]): AndOrList[] {
  const statements: AndOrList[] = [];
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (t: Token | undefined, op: string) => t?.type === 'op' && t.op === op;

  const parsePipeline = (): Pipeline => {
    let negated = false;
    if (isOp(peek(), '!')) { negated = true; pos++; }
    const commands: SimpleCommand[] = [parseCommand()];
    while (isOp(peek(), '|')) {
      pos++;
      while (isOp(peek(), '\n')) pos++;
      if (commands.length >= MAX_PIPELINE_STAGES) throw new SyntaxError(`bash: a pipeline may have at most ${MAX_PIPELINE_STAGES} commands`);
      commands.push(parseCommand());
    }
    return { kind: 'pipeline', negated, commands };
  };

  const parseCommand = (): SimpleCommand => {
    const cmd: SimpleCommand = { kind: 'command', assignments: [], words: [], redirects: [] };
    for (;;) {
      const t = peek();
      if (!t) break;
      if (t.type === 'word') {
        const eq = t.raw.indexOf('=');
        if (cmd.words.length === 0 && eq > 0 && NAME.test(t.raw.slice(0, eq)) && !t.raw.slice(0, eq).includes('"')) {
          cmd.assignments.push({ name: t.raw.slice(0, eq), value: stripPrefix(t.word, eq + 1) });
        } else {
          cmd.words.push(t.word);
        }
        pos++;
        continue;
      }
      if (t.type === 'redir') {
        if (t.redirect.kind === 'heredoc-pending') throw new SyntaxError(`bash: warning: here-document delimited by end-of-file (wanted \`${t.redirect.delimiter}')`);
        cmd.redirects.push(t.redirect);
        pos++;
        continue;
      }
      if (t.op === '(' || t.op === ')') throw new SyntaxError(t.op === '(' ? 'bash: subshells ( ... ) are not supported in this terminal' : unexpected(')').message);
      if (t.op === '&') throw new SyntaxError('bash: background jobs (&) are not supported in this terminal');
      break;
    }
    if (cmd.words.length === 0 && cmd.assignments.length === 0 && cmd.redirects.length === 0) {
      const t = peek();
      throw unexpected(t ? (t.type === 'op' ? t.op : 'word') : '\n');
    }
    return cmd;
  };

  while (pos < tokens.length) {
    if (isOp(peek(), '\n') || isOp(peek(), ';')) {
      if (isOp(peek(), ';')) throw unexpected(';');
      pos++;
      continue;
    }
    const list: AndOrList = { kind: 'and-or', first: parsePipeline(), rest: [] };
    while (isOp(peek(), '&&') || isOp(peek(), '||')) {
      const op = (peek() as { op: '&&' | '||' }).op;
      pos++;
      while (isOp(peek(), '\n')) pos++;
      list.rest.push({ op, pipeline: parsePipeline() });
    }
    statements.push(list);
    const t = peek();
    if (!t) break;
    if (isOp(t, ';') || isOp(t, '\n')) { pos++; continue; }
    throw unexpected(t.type === 'op' ? t.op : 'word');
  }
  return statements;
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
  return { parts };
}
