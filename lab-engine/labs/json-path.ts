// The subset of kubectl's JSONPath that resource checks use: `{.status.phase}`, `[0]`, `[-1]`,
// `[*]`, `['kubernetes.io/hostname']`, `\.` in names, and filters `[?(@.type=="Ready")]` with
// == / != or a bare existence test. Results print the way `kubectl get -o jsonpath=...` prints
// them (values joined by spaces, missing fields as nothing), so an author can check a lab's
// expectation by typing the same expression in the lab terminal.

export type PathSegment =
  | { kind: 'field'; name: string }
  | { kind: 'wildcard' }
  | { kind: 'index'; index: number }
  | { kind: 'filter'; path: string[]; op: '==' | '!=' | 'exists'; value?: string | number | boolean };

export type JsonPathParse = { ok: true; segments: PathSegment[] } | { ok: false; message: string };

/** An expression longer than this is not a check anyone means to write. */
const MAX_JSONPATH_LENGTH = 512;

export function parseJsonPath(template: string): JsonPathParse {
  const text = template.trim();
  if (text.length > MAX_JSONPATH_LENGTH) return { ok: false, message: `jsonPath is longer than ${MAX_JSONPATH_LENGTH} characters` };
  if (!text.startsWith('{') || !text.endsWith('}')) {
    return { ok: false, message: `jsonPath must be one expression in braces, like kubectl's -o jsonpath: "{${text.replace(/^\{|\}$/g, '')}}"` };
  }
  try {
    return { ok: true, segments: new PathParser(text.slice(1, -1).trim()).parse() };
  } catch (error) {
    if (error instanceof JsonPathError) return { ok: false, message: `jsonPath ${template}: ${error.message}` };
    throw error;
  }
}

class JsonPathError extends Error {}

class PathParser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): PathSegment[] {
    const segments: PathSegment[] = [];
    if (this.src.startsWith('$')) this.i = 1;
    if (this.i >= this.src.length) return segments;
    while (this.i < this.src.length) segments.push(this.segment());
    return segments;
  }

  private segment(): PathSegment {
    const c = this.src[this.i];
    if (c === '.') {
      this.i++;
      if (this.src[this.i] === '.') throw new JsonPathError('recursive descent ("..") is not supported in checks');
      if (this.src[this.i] === '*') {
        this.i++;
        return { kind: 'wildcard' };
      }
      if (this.i >= this.src.length || this.src[this.i] === '[') return this.segment();
      return { kind: 'field', name: this.name() };
    }
    if (c === '[') return this.bracket();
    throw new JsonPathError(`unexpected "${c}" at position ${this.i + 1}; fields start with "." (e.g. .status.phase)`);
  }

  private name(): string {
    let out = '';
    while (this.i < this.src.length) {
      const c = this.src[this.i];
      if (c === '\\' && this.src[this.i + 1] === '.') {
        out += '.';
        this.i += 2;
      } else if (/[A-Za-z0-9_\-/]/.test(c)) {
        out += c;
        this.i++;
      } else break;
    }
    if (!out) throw new JsonPathError(`expected a field name at position ${this.i + 1}`);
    return out;
  }

  private bracket(): PathSegment {
    // A filter may hold "]" inside a quoted value, so it ends at ")]" rather than the first "]".
    const isFilter = this.src.startsWith('[?(', this.i);
    const close = this.src.indexOf(isFilter ? ')]' : ']', this.i);
    if (close < 0) throw new JsonPathError(isFilter ? 'unclosed filter; end it with ")]"' : 'unclosed "["');
    const inner = this.src.slice(this.i + 1, close + (isFilter ? 1 : 0)).trim();
    this.i = close + (isFilter ? 2 : 1);
    if (inner === '*') return { kind: 'wildcard' };
    if (/^-?\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
    const quoted = /^'([^']*)'$|^"([^"]*)"$/.exec(inner);
    if (quoted) return { kind: 'field', name: quoted[1] ?? quoted[2] };
    if (isFilter) return filter(inner.slice(2, -1));
    throw new JsonPathError(`unsupported "[${inner}]"; use [n], [*], ['name'] or [?(@.field=="value")]`);
  }
}

function filter(body: string): PathSegment {
  const match = /^@((?:\.[A-Za-z0-9_\-/]+)+)\s*(?:(==|!=)\s*(.+?))?\s*$/.exec(body);
  if (!match) throw new JsonPathError(`unsupported filter "[?(${body})]"; use [?(@.type=="Ready")]`);
  const path = match[1].slice(1).split('.');
  if (!match[2]) return { kind: 'filter', path, op: 'exists' };
  return { kind: 'filter', path, op: match[2] as '==' | '!=', value: literal(match[3]) };
}

function literal(text: string): string | number | boolean {
  const quoted = /^'([^']*)'$|^"([^"]*)"$/.exec(text);
  if (quoted) return quoted[1] ?? quoted[2];
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  throw new JsonPathError(`"${text}" is not a value a filter can compare with; quote strings: "Ready"`);
}

/** Every value the path selects, in document order; a missing field selects nothing. */
export function evaluateJsonPath(segments: readonly PathSegment[], root: unknown): unknown[] {
  let current: unknown[] = [root];
  for (const segment of segments) current = current.flatMap((node) => step(segment, node));
  return current;
}

function step(segment: PathSegment, node: unknown): unknown[] {
  switch (segment.kind) {
    case 'field':
      return isRecord(node) && Object.hasOwn(node, segment.name) && node[segment.name] !== undefined ? [node[segment.name]] : [];
    case 'wildcard':
      if (Array.isArray(node)) return node;
      return isRecord(node) ? Object.values(node) : [];
    case 'index': {
      if (!Array.isArray(node)) return [];
      const at = segment.index < 0 ? node.length + segment.index : segment.index;
      return at >= 0 && at < node.length ? [node[at]] : [];
    }
    case 'filter':
      return (Array.isArray(node) ? node : []).filter((item) => matchesFilter(segment, item));
    default:
      return assertNever(segment);
  }
}

function matchesFilter(segment: Extract<PathSegment, { kind: 'filter' }>, item: unknown): boolean {
  let value: unknown = item;
  for (const name of segment.path) value = isRecord(value) ? value[name] : undefined;
  switch (segment.op) {
    case 'exists':
      return value !== undefined && value !== null;
    case '==':
      return value === segment.value;
    case '!=':
      return value !== segment.value;
    default:
      return assertNever(segment.op);
  }
}

/** What `kubectl get -o jsonpath` prints for these results: scalars as text, objects as JSON, space-separated. */
export function renderJsonPathResults(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : v === null ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v))).join(' ');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function assertNever(value: never): never {
  throw new Error(`unhandled case ${JSON.stringify(value)}`);
}
