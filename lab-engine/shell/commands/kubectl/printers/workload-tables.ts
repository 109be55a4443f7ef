// Tables for the apps/v1 workloads, re-expressed from pkg/printers/internalversion/printers.go
// (printDeployment, printReplicaSet, printDaemonSet): the same columns, the wide CONTAINERS /
// IMAGES / SELECTOR columns (layoutContainerCells joins names and images with commas) and
// NODE SELECTOR as labels.FormatLabels of the template's nodeSelector.

import type { DaemonSet, Deployment, PodTemplateSpec, ReplicaSet } from '../../../../kube/types';
import { formatLabelSelector } from '../../../../kube/label-selector';
import { ageSince } from './human-duration';
import { decorate, formatLabels, type Table, type TableOptions } from './resource-tables';

function containerCells(template: PodTemplateSpec): string[] {
  return [template.spec.containers.map((c) => c.name).join(','), template.spec.containers.map((c) => c.image).join(',')];
}

export function deploymentTable(items: readonly Deployment[], o: TableOptions): Table {
  const rows = items.map((d) => {
    const st = d.status;
    const cells = [d.metadata.name, `${st.readyReplicas ?? 0}/${d.spec.replicas}`, String(st.updatedReplicas ?? 0), String(st.availableReplicas ?? 0), ageSince(d.metadata.creationTimestamp, o.nowMs)];
    if (o.wide) cells.push(...containerCells(d.spec.template), formatLabelSelector(d.spec.selector));
    return cells;
  });
  return decorate(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'], o.wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [], rows, items, o);
}

export function replicaSetTable(items: readonly ReplicaSet[], o: TableOptions): Table {
  const rows = items.map((rs) => {
    const cells = [rs.metadata.name, String(rs.spec.replicas), String(rs.status.replicas), String(rs.status.readyReplicas ?? 0), ageSince(rs.metadata.creationTimestamp, o.nowMs)];
    if (o.wide) cells.push(...containerCells(rs.spec.template), formatLabelSelector(rs.spec.selector));
    return cells;
  });
  return decorate(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'], o.wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [], rows, items, o);
}

export function daemonSetTable(items: readonly DaemonSet[], o: TableOptions): Table {
  const rows = items.map((ds) => {
    const st = ds.status;
    const cells = [
      ds.metadata.name,
      String(st.desiredNumberScheduled),
      String(st.currentNumberScheduled),
      String(st.numberReady),
      String(st.updatedNumberScheduled ?? 0),
      String(st.numberAvailable ?? 0),
      formatLabels(ds.spec.template.spec.nodeSelector),
      ageSince(ds.metadata.creationTimestamp, o.nowMs),
    ];
    if (o.wide) cells.push(...containerCells(ds.spec.template), formatLabelSelector(ds.spec.selector));
    return cells;
  });
  return decorate(['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'], o.wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [], rows, items, o);
}
