// ReplicaSets (apps/v1): made by the deployment controller here, not by clients (an apply is
// Flatnet's honest "not modelled"); printReplicaSet's Table and its status.replicas field selector.

import { columns, type KindRegistry } from './kind-registry';
import { ageSince, containerCells, formatLabelSelector } from './table-cells';

export const replicaSetRegistry: KindRegistry<'replicasets'> = {
  info: { resource: 'replicasets', singular: 'replicaset', kind: 'ReplicaSet', shortNames: ['rs'], namespaced: true, apiVersion: 'apps/v1', group: 'apps' },
  columns: columns(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'], ['CONTAINERS', 'IMAGES', 'SELECTOR']),
  cells: (rs, o) => [rs.metadata.name, String(rs.spec.replicas), String(rs.status.replicas), String(rs.status.readyReplicas ?? 0), ageSince(rs.metadata.creationTimestamp, o.nowMs), ...containerCells(rs.spec.template), formatLabelSelector(rs.spec.selector)],
  selectableFields: ['status.replicas'],
};
