// Label selectors, the one implementation every layer uses: metav1.LabelSelector as controllers
// and Services match a pod's labels; the string form kubectl prints in SELECTOR columns
// (metav1.FormatLabelSelector: requirements sorted by key, `k=v`, `k in (a,b)`, `k notin (a,b)`,
// `k`, `!k`; `<none>` when empty); and the string form `kubectl -l` and lab checks' `selector:`
// take (labels.Parse), parsed into metav1 requirements so it matches the same way.

import type { LabelSelector, LabelSelectorRequirement } from './types';

/** What matching reads of a selector; read-only, so NetworkPolicy's own types pass too. */
export interface SelectorView {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly (Readonly<Omit<LabelSelectorRequirement, 'values'>> & { readonly values?: readonly string[] })[];
}

export function selectorMatches(selector: SelectorView | undefined, labels: Readonly<Record<string, string>> | undefined): boolean {
  // A nil selector selects nothing; an empty one selects everything (LabelSelectorAsSelector).
  if (!selector) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const r of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(l, r.key);
    switch (r.operator) {
      case 'In':
        if (!has || !(r.values ?? []).includes(l[r.key])) return false;
        break;
      case 'NotIn':
        if (has && (r.values ?? []).includes(l[r.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default: {
        const never: never = r.operator;
        return never;
      }
    }
  }
  return true;
}

/** Equality-only selector maps (Service.spec.selector): every pair must match; empty selects nothing here. */
export function mapSelectorMatches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector)) if (l[k] !== v) return false;
  return true;
}

export function formatLabelSelector(selector: LabelSelector | undefined): string {
  if (!selector) return '<none>';
  const parts: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) parts.push({ key: k, text: `${k}=${v}` });
  for (const r of selector.matchExpressions ?? []) {
    const values = [...(r.values ?? [])].sort().join(',');
    const text = r.operator === 'In' ? `${r.key} in (${values})` : r.operator === 'NotIn' ? `${r.key} notin (${values})` : r.operator === 'Exists' ? r.key : `!${r.key}`;
    parts.push({ key: r.key, text });
  }
  if (parts.length === 0) return '<none>';
  parts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return parts.map((p) => p.text).join(',');
}

/** `-l` text parsed: every comma-joined term as a metav1 requirement (all must hold), or apimachinery's error. */
export type SelectorParse = { ok: true; requirements: LabelSelectorRequirement[] } | { ok: false; error: string };

/**
 * Parses a selector as `-l` takes it: `k=v` and `k==v` (In one value), `k!=v` (NotIn one value:
 * a pod without the label matches, as in labels.Requirement.Matches), `k`, `!k`, `k in (a,b)`,
 * `k notin (a,b)`, comma-joined. Empty text selects everything.
 */
export function parseSelector(text: string): SelectorParse {
  const requirements: LabelSelectorRequirement[] = [];
  const parts = text.match(/(?:[^,(]+|\([^)]*\))+/g) ?? [];
  for (const raw of parts) {
    const part = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part))) {
      requirements.push({ key: m[1], operator: m[2] === 'in' ? 'In' : 'NotIn', values: m[3].split(',').map((v) => v.trim()) });
    } else if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(part))) {
      requirements.push({ key: m[1], operator: m[2] === '!=' ? 'NotIn' : 'In', values: [m[3]] });
    } else if ((m = /^!\s*([\w./-]+)$/.exec(part))) {
      requirements.push({ key: m[1], operator: 'DoesNotExist' });
    } else if ((m = /^([\w./-]+)$/.exec(part))) {
      requirements.push({ key: m[1], operator: 'Exists' });
    } else {
      return { ok: false, error: `unable to parse requirement: found '${part}', expected: identifier` };
    }
  }
  return { ok: true, requirements };
}

/** Whether labels satisfy every parsed requirement (none: everything matches, as `-l ''` does). */
export function matchesSelector(labels: Readonly<Record<string, string>> | undefined, requirements: NonNullable<SelectorView['matchExpressions']>): boolean {
  return selectorMatches({ matchExpressions: requirements }, labels);
}
