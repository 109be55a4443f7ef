// `kubectl get --sort-by=<jsonpath>` (kubernetes/kubectl pkg/cmd/get/sorter.go and
// customcolumn.go RelaxedJSONPathExpression): the path is relaxed to `{.a.b}`, evaluated on each
// object's JSON with missing keys allowed, and the list ordered by the first value found — numbers
// numerically, strings that both parse as quantities by quantity, other strings bytewise; an
// object without the field sorts first. No object having the field is kubectl's error.

import { parseTemplate } from '../../../kube/jsonpath/parse';
import { findResults } from '../../../kube/jsonpath/evaluate';

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

export type SortOutcome<T> = { ok: true; objects: T[] } | { ok: false; error: string };

/** RelaxedJSONPathExpression. */
export function relaxedPath(text: string): { ok: true; path: string } | { ok: false; error: string } {
  const m = RELAXED.exec(text);
  if (!m) return { ok: false, error: "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n" };
  return { ok: true, path: `{.${m[1] || m[2]}}` };
}

const SUFFIXES: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** resource.ParseQuantity, enough to compare: undefined when the string is no quantity. */
function quantity(text: string): number | undefined {
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?)$/.exec(text);
  if (!m) return undefined;
  return Number(m[1] + (m[2] ?? '')) * SUFFIXES[m[3] ?? ''];
}

function isLess(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = quantity(a);
    const qb = quantity(b);
    if (qa !== undefined && qb !== undefined) return qa < qb;
    return a < b;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (!isLess(a[i], b[i])) return false;
    return true;
  }
  return false;
}

/** The objects ordered by `sortBy`, each read as its JSON form by `json`. */
export function sortObjects<T>(objects: readonly T[], sortBy: string, json: (o: T) => unknown): SortOutcome<T> {
  if (objects.length === 0) return { ok: true, objects: [] };
  const relaxed = relaxedPath(sortBy);
  if (!relaxed.ok) return relaxed;
  const parsed = parseTemplate(relaxed.path);
  if (!parsed.ok) return { ok: false, error: `error: ${parsed.error}\n` };
  const firstValue = (o: T): { found: boolean; value: unknown } => {
    const groups = findResults(parsed.template, json(o));
    return groups.length > 0 && groups[0].length > 0 ? { found: true, value: groups[0][0] } : { found: false, value: undefined };
  };
  const keyed = objects.map((o) => ({ o, key: firstValue(o) }));
  if (!keyed.some((k) => k.key.found)) return { ok: false, error: `error: couldn't find any field with path "${relaxed.path}" in the list of objects\n` };
  keyed.sort((x, y) => {
    if (!x.key.found) return y.key.found ? -1 : 0;
    if (!y.key.found) return 1;
    if (isLess(x.key.value, y.key.value)) return -1;
    return isLess(y.key.value, x.key.value) ? 1 : 0;
  });
  return { ok: true, objects: keyed.map((k) => k.o) };
}
