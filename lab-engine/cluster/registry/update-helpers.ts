// What several kinds' updates share: an apply writes the new content fields, labels and
// annotations onto the stored object in place, so it keeps its identity, uid and creation time
// (and the key order its JSON is printed in).

import type { ObjectMeta } from '../../kube/types';

type Stored = { metadata: ObjectMeta };

/** Copies `content` fields, labels and annotations of `next` onto `old`. */
export function writeOver<T extends Stored>(old: T, next: T, content: readonly (keyof T)[]): void {
  for (const key of content) old[key] = next[key];
  old.metadata.labels = next.metadata.labels;
  old.metadata.annotations = next.metadata.annotations;
}

/** A selector as the API server's messages print it (Go's %#v of metav1.LabelSelector). */
export function selectorGo(sel: { matchLabels?: Record<string, string> }): string {
  const labels = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `"${k}":"${v}"`).join(', ');
  return `v1.LabelSelector{MatchLabels:map[string]string{${labels}}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;
}
