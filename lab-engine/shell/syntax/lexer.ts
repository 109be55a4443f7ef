// The lexer: splits what the learner typed into words, operators (`;` `&&` `||` `|` `!` `&`
// newline, and `(` `)` only to reject them) and redirections (`<` `>` `>>` `2>` `2>&1` `<<<`,
// with an optional fd digit), skipping comments and backslash-newlines. A here-document
// (`<<EOF`, `<<'EOF'`, `<<-EOF`) reserves its token when the operator is read and takes its body
// from the lines after the next newline, as bash does. At most MAX_TOKENS tokens per input.

import { MAX_TOKENS } from '../../core/limits';
import type { Redirect, Word } from './ast';
import { ShellSyntaxError, unexpected } from './syntax-error';
import { expandableParts, readWord, type ParseNested } from './words';

export type Token =
  | { type: 'word'; word: Word; raw: string; quoted: boolean }
  | { type: 'op'; op: ';' | '&&' | '||' | '|' | '!' | '\n' | '&' | '(' | ')' }
  | { type: 'redir'; redirect: Redirect | { kind: 'heredoc-pending'; strip: boolean; delimiter: string; expand: boolean } };

export function tokenize(src: string, depth: number, parse: ParseNested): Token[] {
  const tokens: Token[] = [];
  const pendingHeredocs: { strip: boolean; delimiter: string; expand: boolean; slot: Token }[] = [];
  let i = 0;
  const push = (t: Token) => {
    if (tokens.length >= MAX_TOKENS) throw new ShellSyntaxError(`bash: input has more than ${MAX_TOKENS} words`);
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
      if (!closed) throw new ShellSyntaxError(`bash: warning: here-document delimited by end-of-file (wanted \`${doc.delimiter}')`, true);
      const text = lines.length ? lines.join('\n') + '\n' : '';
      const body: Word = doc.expand ? { parts: expandableParts(text, depth, parse) } : { parts: [{ kind: 'literal', text }] };
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
        const { word, raw, quoted, end } = readWord(src, i, depth, parse);
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
        if (!m) throw new ShellSyntaxError('bash: only 2>&1 and 1>&2 are supported here');
        i += m[0].length;
        push({ type: 'redir', redirect: { kind: 'dup', fd: (fd ?? 1) === 2 ? 2 : 1, to: Number(m[1]) as 1 | 2 } });
        continue;
      }
      while (src[i] === ' ' || src[i] === '\t') i++;
      const { word, raw, end } = readWord(src, i, depth, parse);
      if (!raw) throw unexpected(src[end] === undefined || src[end] === '\n' ? '\n' : src[end]);
      i = end;
      if (op === '<<<') { push({ type: 'redir', redirect: { kind: 'herestring', body: word } }); continue; }
      const mode = op === '<' ? 'read' : op === '>>' ? 'append' : 'write';
      push({ type: 'redir', redirect: { kind: 'file', fd: fd ?? (op === '<' ? 0 : 1), mode, target: word } });
      continue;
    }
    const { word, raw, quoted, end } = readWord(src, i, depth, parse);
    if (!raw) throw unexpected(c);
    i = end;
    if (raw === '!' && !quoted) push({ type: 'op', op: '!' });
    else push({ type: 'word', word, raw, quoted });
  }
  if (pendingHeredocs.length) readHeredocBodies();
  return tokens;
}
