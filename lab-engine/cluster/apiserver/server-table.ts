// The server-side Table (metav1.Table, what kube-apiserver answers to `Accept: as=Table`): the
// kind's column definitions and one row of cells per object. kubectl drops priority-1 columns
// unless -o wide and adds NAMESPACE and LABELS itself.

import type { AnyKindRegistry } from '../registry/kind-registry';

export interface TableRequest {
  wide: boolean;
  nowMs: number;
}

export interface ServerTable {
  headers: string[];
  rows: string[][];
}

export function serverTable(reg: AnyKindRegistry, objects: readonly unknown[], request: TableRequest): ServerTable {
  const shown = reg.columns.map((c, i) => (request.wide || c.priority === 0 ? i : -1)).filter((i) => i >= 0);
  const all = shown.length === reg.columns.length;
  return {
    headers: shown.map((i) => reg.columns[i].name),
    rows: objects.map((o) => {
      const cells = reg.cells(o as never, request);
      return all ? cells : shown.map((i) => cells[i]);
    }),
  };
}
