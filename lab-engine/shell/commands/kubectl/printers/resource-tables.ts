// What kubectl adds to the server-side Table it receives (the kind's columns and cells come from
// the API server: cluster/registry/<kind>.ts): NAMESPACE first with -A, LABELS last with
// --show-labels, as cli-runtime's table printer adds them.

import type { ObjectMeta } from '../../../../kube/types';
import { formatLabels } from '../../../../cluster/registry/table-cells';

export interface TableOptions {
  wide: boolean;
  withNamespace: boolean;
  showLabels: boolean;
  nowMs: number;
}

export interface Table {
  headers: string[];
  rows: string[][];
}

export { formatLabels };

export function decorate(table: Table, objects: readonly { metadata: ObjectMeta }[], o: TableOptions): Table {
  const headers = [...(o.withNamespace ? ['NAMESPACE'] : []), ...table.headers, ...(o.showLabels ? ['LABELS'] : [])];
  const rows = table.rows.map((cells, i) => {
    const meta = objects[i].metadata;
    return [...(o.withNamespace ? [meta.namespace ?? ''] : []), ...cells, ...(o.showLabels ? [formatLabels(meta.labels)] : [])];
  });
  return { headers, rows };
}
