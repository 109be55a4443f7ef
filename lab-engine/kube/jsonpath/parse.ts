// kubectl's JSONPath templates (client-go util/jsonpath): literal text with actions in braces,
// `{.items[*].metadata.name}`, `{range .items[*]}...{end}`, `{"\n"}`, `{..name}`, slices
// `[1:3]`, unions `[0,2]`, `['key.with.dots']`, filters `[?(@.port==80)]`. The grammar and the
// error texts follow client-go's parser, so a learner's typo fails with the message real kubectl
// prints ("unterminated array", "unclosed action", "unrecognized character in action: U+0025 '%'").

export interface SliceParam {
  known: boolean;
  value: number;
  derived?: boolean;
}

export type PathNode =
  | { kind: 'field'; name: string }
  | { kind: 'wildcard' }
  | { kind: 'recursive' }
  | { kind: 'array'; params: [SliceParam, SliceParam, SliceParam] }
  | { kind: 'union'; branches: PathNode[][] }
  | { kind: 'filter'; left: PathNode[]; right: PathNode[]; op: string }
  | { kind: 'text'; text: string }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'identifier'; name: string };

/** A template: literal text and actions (the nodes inside one pair of braces), in order. */
export type TemplateNode = { kind: 'text'; text: string } | { kind: 'action'; nodes: PathNode[] };

export type TemplateParse = { ok: true; template: TemplateNode[] } | { ok: false; error: string };

/** Longer templates are not something anyone types; the cap keeps parsing linear and bounded. */
export const MAX_TEMPLATE_LENGTH = 4096;

export function parseTemplate(text: string): TemplateParse {
  if (text.length > MAX_TEMPLATE_LENGTH) return { ok: false, error: `template is longer than ${MAX_TEMPLATE_LENGTH} characters` };
  try {
    return { ok: true, template: new TemplateParser(text).parse() };
  } catch (error) {
    if (error instanceof JsonPathSyntaxError) return { ok: false, error: error.message };
    throw error;
  }
}

class JsonPathSyntaxError extends Error {}

const TERMINATORS = new Set([' ', '\t', '\r', '\n', '.', ',', '[', ']', '$', '@', '{', '}']);
const SLICE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const DICT_KEY = /^'([^']*)'$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/s;

class TemplateParser {
  private pos = 0;
  constructor(private readonly input: string) {}

  parse(): TemplateNode[] {
    const out: TemplateNode[] = [];
    while (this.pos < this.input.length) {
      const open = this.input.indexOf('{', this.pos);
      if (open < 0) {
        out.push({ kind: 'text', text: this.input.slice(this.pos) });
        break;
      }
      if (open > this.pos) out.push({ kind: 'text', text: this.input.slice(this.pos, open) });
      this.pos = open + 1;
      out.push({ kind: 'action', nodes: this.action(true) });
    }
    return out;
  }

  /** The nodes up to the closing brace (or, for a nested expression, the end of the input). */
  private action(braced: boolean): PathNode[] {
    const nodes: PathNode[] = [];
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (braced && rest.startsWith('}')) {
        this.pos++;
        return nodes;
      }
      if (rest.startsWith('[?(')) {
        nodes.push(this.filter());
        continue;
      }
      if (rest.startsWith('..')) {
        if (nodes.at(-1)?.kind === 'recursive') throw new JsonPathSyntaxError('invalid multiple recursive descent');
        this.pos += 2;
        nodes.push({ kind: 'recursive' });
        if (isAlphaNumeric(this.input[this.pos] ?? '')) nodes.push(this.field());
        continue;
      }
      const c = this.input[this.pos];
      if (c === undefined) {
        if (braced) throw new JsonPathSyntaxError('unclosed action');
        return nodes;
      }
      if (c === '\r' || c === '\n') throw new JsonPathSyntaxError('unclosed action');
      this.pos++;
      if (c === ' ' || c === '@' || c === '$') continue;
      if (c === '[') nodes.push(...this.array());
      else if (c === '"' || c === "'") nodes.push(this.quoted(c));
      else if (c === '.') nodes.push(this.field());
      else if (c === '+' || c === '-' || /\d/.test(c)) nodes.push(this.number(c));
      else if (isAlphaNumeric(c)) nodes.push(this.identifier(c));
      else throw new JsonPathSyntaxError(`unrecognized character in action: ${unicodeName(c)}`);
    }
  }

  private field(): PathNode {
    let name = '';
    while (this.pos < this.input.length) {
      const c = this.input[this.pos];
      if (c === '\\') {
        name += this.input[this.pos + 1] ?? '';
        this.pos += 2;
        continue;
      }
      if (TERMINATORS.has(c)) break;
      name += c;
      this.pos++;
    }
    return name === '*' ? { kind: 'wildcard' } : { kind: 'field', name };
  }

  private identifier(first: string): PathNode {
    let name = first;
    while (this.pos < this.input.length && !TERMINATORS.has(this.input[this.pos])) name += this.input[this.pos++];
    if (name === 'true' || name === 'false') return { kind: 'bool', value: name === 'true' };
    return { kind: 'identifier', name };
  }

  private number(first: string): PathNode {
    let text = first;
    while (this.pos < this.input.length && /[\d.]/.test(this.input[this.pos])) text += this.input[this.pos++];
    if (/^[+-]?\d+$/.test(text)) return { kind: 'int', value: Number(text) };
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return { kind: 'float', value: Number(text) };
    throw new JsonPathSyntaxError(`cannot parse number ${text}`);
  }

  private quoted(quote: string): PathNode {
    const start = this.pos - 1;
    for (;;) {
      const c = this.input[this.pos++];
      if (c === undefined || c === '\n') throw new JsonPathSyntaxError('unterminated quoted string');
      if (c === quote && this.input[this.pos - 2] !== '\\') break;
    }
    const raw = this.input.slice(start, this.pos);
    return { kind: 'text', text: unquote(raw) };
  }

  private array(): PathNode[] {
    const close = this.input.indexOf(']', this.pos);
    const newline = this.input.indexOf('\n', this.pos);
    if (close < 0 || (newline >= 0 && newline < close)) throw new JsonPathSyntaxError('unterminated array');
    let text = this.input.slice(this.pos, close);
    this.pos = close + 1;
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) return [{ kind: 'union', branches: parts.map((p) => nested(`[${p.trim()}]`)) }];
    const key = DICT_KEY.exec(text);
    if (key) return nested(`.${key[1]}`);
    const slice = SLICE.exec(text);
    if (!slice) throw new JsonPathSyntaxError(`invalid array index ${text}`);
    const params: [SliceParam, SliceParam, SliceParam] = [
      { known: false, value: 0 },
      { known: false, value: 0 },
      { known: false, value: 0 },
    ];
    for (let i = 0; i < 3; i++) {
      let part = slice[i + 1] ?? '';
      if (part !== '') {
        if (i > 0) part = part.slice(1);
        if (i > 0 && part === '') params[i] = { known: false, value: 0 };
        else params[i] = { known: true, value: Number(part) };
      } else if (i === 1) {
        params[1] = { known: true, value: params[0].value + 1, derived: true };
      }
    }
    return [{ kind: 'array', params }];
  }

  private filter(): PathNode {
    this.pos += 3;
    const start = this.pos;
    let inQuote: string | undefined;
    let closedQuote = false;
    for (;;) {
      const c = this.input[this.pos++];
      if (c === undefined || c === '\n') throw new JsonPathSyntaxError('unterminated filter');
      if (c === '"' || c === "'") {
        if (!inQuote) inQuote = c;
        else if (c === inQuote && this.input[this.pos - 2] !== '\\') closedQuote = true;
      } else if (c === ')' && !!inQuote === closedQuote) break;
    }
    const body = this.input.slice(start, this.pos - 1);
    if (this.input[this.pos++] !== ']') throw new JsonPathSyntaxError('unclosed array expect ]');
    const match = FILTER.exec(body);
    if (!match) return { kind: 'filter', left: nested(body), right: [], op: 'exists' };
    return { kind: 'filter', left: nested(match[1]), right: nested(match[3]), op: match[2] };
  }
}

/** A sub-expression (a union branch, a filter side) parsed as if it stood alone in braces. */
function nested(text: string): PathNode[] {
  const parser = new TemplateParser(`{${text}}`);
  const template = parser.parse();
  const first = template[0];
  return first?.kind === 'action' ? first.nodes : [];
}

function isAlphaNumeric(c: string): boolean {
  return c === '_' || /^[\p{L}\p{Nd}]$/u.test(c);
}

/** Go's %#U: U+0025 '%'. */
function unicodeName(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${c}'`;
}

/** Go's strconv unquoting, extended to single quotes as client-go's UnquoteExtend is. */
function unquote(raw: string): string {
  const body = raw.slice(1, -1);
  if (!body.includes('\\')) return body;
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined || !(e in escapes)) throw new JsonPathSyntaxError(`unquote string ${raw} error invalid syntax`);
    out += escapes[e];
  }
  return out;
}
