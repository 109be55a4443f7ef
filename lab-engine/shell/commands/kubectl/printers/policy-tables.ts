// The NetworkPolicy table, as printNetworkPolicy in pkg/printers/internalversion/printers.go:
// NAME, POD-SELECTOR (metav1.FormatLabelSelector; an empty selector prints `<none>`), AGE.

import type { LabelSelector, NetworkPolicy } from '../../../../kube/types';
import { formatLabelSelector } from '../../../../kube/label-selector';
import { ageSince } from './human-duration';
import { decorate, type Table, type TableOptions } from './resource-tables';

export function networkPolicyTable(items: readonly NetworkPolicy[], o: TableOptions): Table {
  const rows = items.map((np) => [np.metadata.name, formatLabelSelector(np.spec.podSelector as LabelSelector), ageSince(np.metadata.creationTimestamp, o.nowMs)]);
  return decorate(['NAME', 'POD-SELECTOR', 'AGE'], [], rows, items, o);
}
