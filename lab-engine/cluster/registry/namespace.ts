// Namespaces (core/v1): named by a DNS-1123 label, labelled with their own name as the
// NamespaceLifecycle admission does, created Active with the `kubernetes` finalizer; an update
// (apply) merges labels over the current ones. printNamespace's Table: NAME, STATUS, AGE. A DELETE
// starts termination (cluster/namespace-lifecycle.ts).

import { invalid } from '../../kube/api-errors';
import { validateLabelName } from '../pod-admission';
import { rfc3339 } from '../time-format';
import { metaOf, type ObjectMetaRequest } from './decode';
import { columns, type KindRegistry } from './kind-registry';
import { setLabelsAndAnnotations } from './metadata-update';
import { ROOT } from './strict-fields';
import { ageSince } from './table-cells';

export type NamespaceRequest = Omit<ObjectMetaRequest, 'namespace'> & { namespace?: string };

const NAME_LABEL = 'kubernetes.io/metadata.name';

export const namespaceRegistry: KindRegistry<'namespaces', NamespaceRequest> = {
  info: { resource: 'namespaces', singular: 'namespace', kind: 'Namespace', shortNames: ['ns'], namespaced: false, apiVersion: 'v1', group: '' },
  fields: ROOT({ finalizers: true }),
  decode: (o) => metaOf(o, ''),
  create(req, ctx) {
    const causes = validateLabelName(req.name);
    if (causes.length) throw invalid('Namespace', req.name, causes);
    const ns = {
      apiVersion: 'v1' as const,
      kind: 'Namespace' as const,
      metadata: { name: req.name, uid: ctx.newUid(), resourceVersion: '', creationTimestamp: rfc3339(ctx.now), labels: { [NAME_LABEL]: req.name } as Record<string, string> },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' as const },
    };
    if (req.labels || req.annotations) setLabelsAndAnnotations(ns.metadata, { ...ns.metadata.labels, ...req.labels }, req.annotations);
    return ns;
  },
  update(ns, req) {
    setLabelsAndAnnotations(ns.metadata, { ...ns.metadata.labels, ...req.labels }, req.annotations);
  },
  columns: columns(['NAME', 'STATUS', 'AGE']),
  cells: (n, o) => [n.metadata.name, n.status.phase, ageSince(n.metadata.creationTimestamp, o.nowMs)],
  selectableFields: ['status.phase'],
};
