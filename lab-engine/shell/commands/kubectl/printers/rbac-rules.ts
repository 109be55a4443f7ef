// Policy rules as kubectl shows them in `describe role|clusterrole` and `auth can-i --list`:
// kubectl/pkg/util/rbac's BreakdownRule (one verb, resource and name per rule), CompactRules
// (simple rules that differ only by verb merged back) and SortableRuleSlice (ordered by the
// protobuf String() of each rule, which starts with the verbs), then describe.go's
// CombineResourceGroup and Go's %v of a []string (`[get list]`).

import type { PolicyRule } from '../../../../kube/types';

export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs) {
        if (rule.resourceNames?.length) for (const name of rule.resourceNames) out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) for (const verb of rule.verbs) out.push({ nonResourceURLs: [url], verbs: [verb] });
  return out;
}

/** Merges rules with one group, one resource and at most one name that differ only by verb. */
export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const isSimple = (rule.resourceNames?.length ?? 0) <= 1 && !rule.nonResourceURLs?.length && rule.apiGroups?.length === 1 && rule.resources?.length === 1;
    if (!isSimple) {
      compacted.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups![0], rule.resources![0], rule.resourceNames?.[0] ?? null]);
    const existing = simple.get(key);
    if (!existing) {
      simple.set(key, { ...rule, verbs: [...rule.verbs] });
      continue;
    }
    for (const verb of rule.verbs) if (!existing.verbs.includes(verb)) existing.verbs.push(verb);
  }
  return [...compacted, ...simple.values()];
}

const goList = (l: readonly string[] | undefined) => `[${(l ?? []).join(' ')}]`;

/** rbacv1.PolicyRule.String(), the sort key. */
function ruleString(r: PolicyRule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

export function sortRules(rules: PolicyRule[]): PolicyRule[] {
  return rules.map((r, i) => [r, i] as const).sort(([a, i], [b, j]) => (ruleString(a) < ruleString(b) ? -1 : ruleString(a) > ruleString(b) ? 1 : i - j)).map(([r]) => r);
}

export function combineResourceGroup(resources: readonly string[] | undefined, groups: readonly string[] | undefined): string {
  if (!resources?.length) return '';
  const [resource, sub] = resources[0].split(/\/(.*)/s, 2);
  let combined = resource;
  if (groups?.length && groups[0] !== '') combined += `.${groups[0]}`;
  if (sub !== undefined) combined += `/${sub}`;
  return combined;
}

/** The rules broken down, compacted and sorted, as rows of Resources, Non-Resource URLs, Resource Names, Verbs. */
export function ruleRows(rules: readonly PolicyRule[]): string[][] {
  return sortRules(compactRules(rules.flatMap(breakdownRule))).map((r) => [combineResourceGroup(r.resources, r.apiGroups), goList(r.nonResourceURLs), goList(r.resourceNames), goList(r.verbs)]);
}
