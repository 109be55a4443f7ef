// Words, as bash reads them: quoting (single, double, backslash), `$VAR` / `${VAR}` / `$?`,
// `${V%p}` and the other parameter operators, `$(...)` and backquote command substitution, `$((...))`
// arithmetic and a leading `~`. A word ends at whitespace or an operator character. A command
// substitution holds a whole script: the parser hands itself in as `parse`, so this module does not
// import it (and the two stay out of an import cycle).

import type { Script, Word, WordPart } from './ast';
import { parseParameter } from './parameter-syntax';
import { ShellSyntaxError } from './syntax-error';

/** Parses the script inside `$(...)` or backquotes, one nesting level deeper. */
export type ParseNested = (src: string, depth: number) => Script;

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
  throw new ShellSyntaxError("bash: unexpected EOF while looking for matching `)'", true);
}

/** The index of the backquote closing one opened just before `start`. */
function closingBackquote(src: string, start: number): number {
  for (let i = start; i < src.length; i++) {
    if (src[i] === '\\') { i++; continue; }
    if (src[i] === '`') return i;
  }
  throw new ShellSyntaxError('bash: unexpected EOF while looking for matching ``\'', true);
}

/**
 * Reads `$...` at `at` (the `$` itself): a variable, `$(...)`, `$((...))` or `` `...` `` at a
 * backquote. Returns the part and where reading goes on, or null when the `$` is a literal.
 */
function readExpansion(src: string, at: number, quoted: boolean, depth: number, parse: ParseNested): { part: WordPart; end: number } | null {
  if (src[at] === '`') {
    const close = closingBackquote(src, at + 1);
    const inner = src.slice(at + 1, close).replace(/\\([`\\$])/g, '$1');
    return { part: { kind: 'command-sub', script: parse(inner, depth + 1), quoted }, end: close + 1 };
  }
  const rest = src.slice(at + 1);
  if (rest.startsWith('((')) {
    const close = closingParen(src, at + 3);
    if (src[close + 1] === ')') return { part: { kind: 'arith', expression: src.slice(at + 3, close), quoted }, end: close + 2 };
  }
  if (rest.startsWith('(')) {
    const close = closingParen(src, at + 2);
    return { part: { kind: 'command-sub', script: parse(src.slice(at + 2, close), depth + 1), quoted }, end: close + 1 };
  }
  const braced = /^\{([A-Za-z_][A-Za-z0-9_]*|\?)\}/.exec(rest);
  if (!braced && rest.startsWith('{')) {
    const close = closingBrace(src, at + 2);
    const inner = src.slice(at + 2, close);
    const parsed = parseParameter(inner, (text) => expandableParts(text, depth + 1, parse));
    if (!parsed.ok) throw new ShellSyntaxError(`bash: \${${inner}}: bad substitution`);
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
  throw new ShellSyntaxError("bash: unexpected EOF while looking for matching `}'", true);
}

/** Reads one word starting at `start`; stops at whitespace or an operator character. */
export function readWord(src: string, start: number, depth: number, parse: ParseNested): { word: Word; raw: string; quoted: boolean; end: number } {
  const parts: WordPart[] = [];
  let literal = '';
  let quoted = false;
  let i = start;
  const flush = () => {
    if (literal) parts.push({ kind: 'literal', text: literal });
    literal = '';
  };
  const expansion = (inDouble: boolean): boolean => {
    const found = readExpansion(src, i, inDouble, depth, parse);
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
      if (close < 0) throw new ShellSyntaxError("bash: unexpected EOF while looking for matching `''", true);
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
        if (i >= src.length) throw new ShellSyntaxError('bash: unexpected EOF while looking for matching `"\'', true);
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
export function expandableParts(text: string, depth: number, parse: ParseNested): WordPart[] {
  const parts: WordPart[] = [];
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === '$' || text[i + 1] === '\\' || text[i + 1] === '`')) { literal += text[++i]; continue; }
    if (c === '$' || c === '`') {
      const found = readExpansion(text, i, true, depth, parse);
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
