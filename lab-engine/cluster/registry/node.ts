// Nodes (core/v1): made by the cluster's bootstrap (kubelets register themselves), never by a
// client here; printNode's Table (STATUS from the Ready condition plus SchedulingDisabled,
// ROLES from node-role.kubernetes.io/* labels, the wide addresses and node info).

import type { Node } from '../../kube/types';
import { columns, type KindRegistry } from './kind-registry';
import { ageSince } from './table-cells';

export const nodeRegistry: KindRegistry<'nodes'> = {
  info: { resource: 'nodes', singular: 'node', kind: 'Node', shortNames: ['no'], namespaced: false, apiVersion: 'v1', group: '' },
  undeletable: true,
  columns: columns(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'], ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']),
  cells(n, o) {
    const ready = n.status.conditions.find((c) => c.type === 'Ready');
    const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
    if (n.spec.unschedulable) status.push('SchedulingDisabled');
    const roles = nodeRoles(n);
    const info = n.status.nodeInfo;
    return [
      n.metadata.name,
      status.join(','),
      roles.length ? roles.join(',') : '<none>',
      ageSince(n.metadata.creationTimestamp, o.nowMs),
      info.kubeletVersion,
      n.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '<none>',
      n.status.addresses.find((a) => a.type === 'ExternalIP')?.address ?? '<none>',
      info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ];
  },
  selectableFields: ['spec.unschedulable'],
};

function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (key === 'kubernetes.io/role' && value) {
      roles.add(value);
    }
  }
  return [...roles].sort();
}
