// --field-selector as the API server applies it: `field=value`, `field==value`, `field!=value`,
// comma-joined (all must hold), on the fields each kind's field-label conversion supports
// (metadata.name and metadata.namespace everywhere; pods' spec.nodeName, status.phase,
// status.podIP...; events' involvedObject.*, reason, type...). Any other field is the server's
// BadRequest "field label not supported".

import type { ResourceInfo } from '../../../cluster/resources';
import { registryOf } from '../../../cluster/registry/index';

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

const COMMON = ['metadata.name', 'metadata.namespace'];

export type FieldSelectorParse = { ok: true; requirements: FieldRequirement[] } | { ok: false; error: string };

/** Parses the selector; `unsupported` names the first field this kind cannot select on. */
export function parseFieldSelector(text: string): FieldSelectorParse {
  const requirements: FieldRequirement[] = [];
  for (const part of text.split(',').filter((p) => p.trim() !== '')) {
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(part.trim());
    if (!m) return { ok: false, error: `error: invalid selector: '${text}'; can't understand '${part}'\n` };
    requirements.push({ field: m[1], op: m[2] === '!=' ? '!=' : '=', value: m[3] });
  }
  return { ok: true, requirements };
}

export function unsupportedField(info: ResourceInfo, requirements: readonly FieldRequirement[]): string | undefined {
  const allowed = [...COMMON, ...(registryOf(info.resource).selectableFields ?? [])];
  return requirements.find((r) => !allowed.includes(r.field))?.field;
}

/** The API server's refusal, as kubectl prints it. */
export function fieldSelectorError(info: ResourceInfo, labelSelector: string, fieldSelector: string, field: string): string {
  const gvr = `${info.group ? `${info.group}/` : '/'}${info.apiVersion.split('/').pop()}, Resource=${info.resource}`;
  return `Error from server (BadRequest): Unable to find "${gvr}" that match label selector "${labelSelector}", field selector "${fieldSelector}": field label not supported: ${field}\n`;
}

/** Whether an object (as the API serves it) satisfies every requirement. */
export function matchesFields(object: unknown, requirements: readonly FieldRequirement[]): boolean {
  return requirements.every((r) => {
    const actual = fieldValue(object, r.field);
    return r.op === '=' ? actual === r.value : actual !== r.value;
  });
}

function fieldValue(object: unknown, path: string): string {
  let value: unknown = object;
  for (const key of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  if (path === 'status.podIPs' && Array.isArray(value)) return value.map((v) => (v as { ip?: string }).ip ?? '').join(',');
  if (path === 'source' && value && typeof value === 'object') return String((value as { component?: string }).component ?? '');
  if (value === undefined || value === null) return path === 'spec.unschedulable' || path === 'spec.hostNetwork' ? 'false' : '';
  return String(value);
}
