// How Go prints the unstructured values kubectl's printers hold (map[string]interface{},
// []interface{}, string, int64, float64, bool): encoding/json's compact form (sorted keys, <>&
// escaped), fmt's %v (`map[app:web]`, `[a b]`) and %#v (`map[string]interface {}{"app":"web"}`),
// and reflect's type names for error messages.

export function isGoMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keys(map: Record<string, unknown>): string[] {
  return Object.keys(map).filter((k) => map[k] !== undefined).sort();
}

/** json.Marshal: compact, map keys sorted, HTML-significant characters escaped. */
export function goJson(value: unknown): string {
  return JSON.stringify(sorted(value)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (isGoMap(value)) return Object.fromEntries(keys(value).map((k) => [k, sorted(value[k])]));
  return value;
}

/** fmt.Sprint (%v). */
export function goSprint(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goSprint).join(' ')}]`;
  if (isGoMap(value)) return `map[${keys(value).map((k) => `${k}:${goSprint(value[k])}`).join(' ')}]`;
  return String(value);
}

/** fmt's %#v, as kubectl's jsonpath printer dumps the object it was given. */
export function goSyntax(value: unknown): string {
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSyntax).join(', ')}}`;
  if (isGoMap(value)) return `map[string]interface {}{${keys(value).map((k) => `${JSON.stringify(k)}:${goSyntax(value[k])}`).join(', ')}}`;
  return String(value);
}

/** reflect.Type's String() for the dynamic type of an unstructured value. */
export function goTypeName(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return '[]interface {}';
  if (isGoMap(value)) return 'map[string]interface {}';
  return 'interface {}';
}

/** Integers as int64 prints them; other numbers with %v's shortest 'g' form (1e+21, 0.5). */
function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const text = String(n);
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}
