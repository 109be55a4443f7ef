// kubectl describe for a custom resource (the Gateway API kinds): describe.go's genericDescriber,
// which prints Name, Namespace, Labels and Annotations, then the whole object with
// printUnstructuredContent: map keys in sorted order, each named by smartLabelFor
// (`sectionName` → `Section Name`, `apiVersion` → `API Version`), a nested map or a list one
// level deeper (list items of maps one after another, without a marker; scalars one per line),
// a scalar as `Label:\tvalue`; then the events.

import type { Event } from '../../../../kube/types';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './describe-format';
import { DescribeWriter, LEVEL_0 } from './describe-writer';

const SKIP = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

type Json = Record<string, unknown>;

export function describeGeneric(object: { metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> } }, events: readonly Event[], nowMs: number): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${object.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${object.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', object.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', object.metadata.annotations);
  printContent(w, LEVEL_0, object as unknown as Json, '');
  describeEvents(w, events, nowMs);
  return w.done();
}

function printContent(w: DescribeWriter, level: number, content: Json, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (SKIP.has(path) || value === undefined) continue;
    if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) printContent(w, level + 1, child as Json, path);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else if (value && typeof value === 'object') {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printContent(w, level + 1, value as Json, path);
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

/** fmt's %v of a JSON scalar (null is <nil>). */
function goValue(v: unknown): string {
  return v === null ? '<nil>' : String(v);
}

/** `sectionName` → `Section Name`, `apiVersion` → `API Version`; a name with other than letters and '-' stays as it is. */
export function smartLabelFor(field: string): string {
  if (/[^A-Za-z-]/.test(field)) return field;
  // camelcase.Split: runs of lower case, of upper case (an acronym ends before an Upper+lower), of other characters.
  const parts = field.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[^A-Za-z]+/g) ?? [field];
  return parts.map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1))).join(' ');
}
