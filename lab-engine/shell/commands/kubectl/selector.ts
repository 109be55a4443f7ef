// Label selectors as `-l` takes them: `k=v`, `k==v`, `k!=v`, `k`, `!k`, `k in (a,b)`,
// `k notin (a,b)`, comma-joined (all must hold). Errors read like apimachinery's.

export type Requirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'exists' | 'absent'; key: string }
  | { op: 'in' | 'notin'; key: string; values: string[] };

export type SelectorParse = { ok: true; requirements: Requirement[] } | { ok: false; error: string };

export function parseSelector(text: string): SelectorParse {
  const requirements: Requirement[] = [];
  const parts = text.match(/(?:[^,(]+|\([^)]*\))+/g) ?? [];
  for (const raw of parts) {
    const part = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part))) {
      requirements.push({ op: m[2] as 'in' | 'notin', key: m[1], values: m[3].split(',').map((v) => v.trim()) });
    } else if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(part))) {
      requirements.push({ op: m[2] === '!=' ? 'neq' : 'eq', key: m[1], value: m[3] });
    } else if ((m = /^!\s*([\w./-]+)$/.exec(part))) {
      requirements.push({ op: 'absent', key: m[1] });
    } else if ((m = /^([\w./-]+)$/.exec(part))) {
      requirements.push({ op: 'exists', key: m[1] });
    } else {
      return { ok: false, error: `unable to parse requirement: found '${part}', expected: identifier` };
    }
  }
  return { ok: true, requirements };
}

export function matchesSelector(labels: Record<string, string> | undefined, requirements: readonly Requirement[]): boolean {
  const l = labels ?? {};
  return requirements.every((r) => {
    const has = Object.hasOwn(l, r.key);
    switch (r.op) {
      case 'eq':
        return has && l[r.key] === r.value;
      case 'neq':
        return !has || l[r.key] !== r.value;
      case 'exists':
        return has;
      case 'absent':
        return !has;
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
      default: {
        const never: never = r;
        return never;
      }
    }
  });
}
