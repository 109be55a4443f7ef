// Cell formats several kinds' Table columns share (pkg/printers/internalversion/printers.go):
// AGE as duration.HumanDuration, labels.FormatLabels, and a template's containers and images.

import type { PodTemplateSpec } from '../../kube/types';
export { ageSince } from '../../kube/human-duration';
export { formatLabelSelector } from '../../kube/label-selector';

/** labels.FormatLabels: `k=v` pairs sorted by key, comma-joined, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}

/** layoutContainerCells: the CONTAINERS and IMAGES cells of a workload with -o wide. */
export function containerCells(template: PodTemplateSpec): string[] {
  return [template.spec.containers.map((c) => c.name).join(','), template.spec.containers.map((c) => c.image).join(',')];
}
