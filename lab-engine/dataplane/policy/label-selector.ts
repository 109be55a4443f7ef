// metav1.LabelSelector for NetworkPolicy: matching is the cluster's own (one implementation of
// matchLabels/matchExpressions for controllers, Services and policies); an empty selector ({})
// selects everything. A nil selector is handled by the caller: in a NetworkPolicyPeer an absent
// podSelector/namespaceSelector means something different from {}.

import { selectorMatches as clusterSelectorMatches } from '../../kube/label-selector';
import type { LabelSelector } from '../../kube/network-policy';

export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>> | undefined): boolean {
  return clusterSelectorMatches(selector, labels);
}

/** The `-l`-style text of a selector, for reasons a learner reads (`pod=a`, `pod in (b,c)`, `<all>`). */
export function describeSelector(selector: LabelSelector): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const r of selector.matchExpressions ?? []) {
    switch (r.operator) {
      case 'In':
        parts.push(`${r.key} in (${(r.values ?? []).join(',')})`);
        break;
      case 'NotIn':
        parts.push(`${r.key} notin (${(r.values ?? []).join(',')})`);
        break;
      case 'Exists':
        parts.push(r.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${r.key}`);
        break;
      default: {
        const never: never = r.operator;
        throw new Error(`unknown selector operator ${String(never)}`);
      }
    }
  }
  return parts.length ? parts.join(',') : '<all>';
}
