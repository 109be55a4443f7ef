// DaemonSets (apps/v1): apps/v1 defaulting and validation on create (workload-admission.ts; the
// cluster's own add-ons are DaemonSets), no client apply yet (Flatnet's honest "not modelled"),
// and printDaemonSet's Table with NODE SELECTOR as labels.FormatLabels of the template's.

import { admitDaemonSet, type DaemonSetRequest } from '../workload-admission';
import { rfc3339 } from '../time-format';
import { columns, type KindRegistry } from './kind-registry';
import { ROOT, SELECTOR, TEMPLATE } from './strict-fields';
import { ageSince, containerCells, formatLabelSelector, formatLabels } from './table-cells';

export const daemonSetRegistry: KindRegistry<'daemonsets', DaemonSetRequest> = {
  info: { resource: 'daemonsets', singular: 'daemonset', kind: 'DaemonSet', shortNames: ['ds'], namespaced: true, apiVersion: 'apps/v1', group: 'apps' },
  fields: ROOT({ selector: SELECTOR, template: TEMPLATE, updateStrategy: '*', minReadySeconds: true, revisionHistoryLimit: true }),
  create: (req, ctx) => admitDaemonSet(req, ctx.newUid(), rfc3339(ctx.now)),
  columns: columns(['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'], ['CONTAINERS', 'IMAGES', 'SELECTOR']),
  cells(ds, o) {
    const st = ds.status;
    return [
      ds.metadata.name,
      String(st.desiredNumberScheduled),
      String(st.currentNumberScheduled),
      String(st.numberReady),
      String(st.updatedNumberScheduled ?? 0),
      String(st.numberAvailable ?? 0),
      formatLabels(ds.spec.template.spec.nodeSelector),
      ageSince(ds.metadata.creationTimestamp, o.nowMs),
      ...containerCells(ds.spec.template),
      formatLabelSelector(ds.spec.selector),
    ];
  },
};
