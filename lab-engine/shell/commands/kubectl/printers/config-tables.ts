// ConfigMap and Secret rows as the API server's table convertor prints them
// (pkg/printers/internalversion: printConfigMap NAME DATA AGE, printSecret NAME TYPE DATA AGE).

import type { ConfigMap, Secret } from '../../../../kube/types';
import { ageSince } from './human-duration';
import { decorate, type Table, type TableOptions } from './resource-tables';

export function configMapTable(items: readonly ConfigMap[], o: TableOptions): Table {
  const rows = items.map((cm) => [cm.metadata.name, String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length), ageSince(cm.metadata.creationTimestamp, o.nowMs)]);
  return decorate(['NAME', 'DATA', 'AGE'], [], rows, items, o);
}

export function secretTable(items: readonly Secret[], o: TableOptions): Table {
  const rows = items.map((s) => [s.metadata.name, s.type, String(Object.keys(s.data ?? {}).length), ageSince(s.metadata.creationTimestamp, o.nowMs)]);
  return decorate(['NAME', 'TYPE', 'DATA', 'AGE'], [], rows, items, o);
}
