// FelixConfigurations (crd.projectcalico.org/v1, cluster-scoped), as the API server serves the
// CRD calico.yaml installs: the structural schema's type checks on the fields the model acts on
// (`spec.wireguardEnabled in body must be of type boolean`), the rest of the spec kept as sent,
// and the CRD's default table (NAME, AGE: the CRD declares no additionalPrinterColumns).
// Simplification: the kind is served on every cluster, not only where Calico installed its CRDs.
// Source: projectcalico/calico manifests/calico.yaml (crd.projectcalico.org_felixconfigurations:
// scope Cluster, plural felixconfigurations, the boolean/integer types of these fields).

import { alreadyExists, invalid, type StatusCause } from '../../kube/api-errors';
import type { FelixConfiguration, FelixConfigurationSpec } from '../../kube/types';
import { rfc3339 } from '../time-format';
import { metaOf, obj, type Obj } from './decode';
import { columns, type KindRegistry } from './kind-registry';
import { METADATA } from './strict-fields';
import { ageSince } from './table-cells';
import { writeOver } from './update-helpers';

const GROUP = 'crd.projectcalico.org';
const BOOLEAN_FIELDS = ['wireguardEnabled', 'wireguardEnabledV6'] as const;
const INTEGER_FIELDS = ['wireguardListeningPort', 'wireguardMTU'] as const;

export interface FelixConfigurationRequest {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  spec: Obj;
}

function decode(o: Obj): FelixConfigurationRequest {
  const { name, labels, annotations } = metaOf(o, '');
  return { name, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}), spec: { ...(obj(o.spec, 'FelixConfiguration.spec') ?? {}) } };
}

/** The CRD's OpenAPI schema, as the apiextensions server checks it: one cause per mistyped field. */
function admit(req: FelixConfigurationRequest, uid: string, created: string, generation: number): FelixConfiguration {
  const causes: StatusCause[] = [];
  if (!req.name) causes.push({ field: 'metadata.name', message: 'Required value: name or generateName is required' });
  for (const f of BOOLEAN_FIELDS) {
    const v = req.spec[f];
    if (v !== undefined && typeof v !== 'boolean') causes.push({ field: `spec.${f}`, message: `Invalid value: "${schemaType(v)}": spec.${f} in body must be of type boolean: "${schemaType(v)}"` });
  }
  for (const f of INTEGER_FIELDS) {
    const v = req.spec[f];
    if (v !== undefined && !Number.isInteger(v)) causes.push({ field: `spec.${f}`, message: `Invalid value: "${schemaType(v)}": spec.${f} in body must be of type integer: "${schemaType(v)}"` });
  }
  if (causes.length) throw invalid('FelixConfiguration', req.name, causes, GROUP);
  return {
    apiVersion: 'crd.projectcalico.org/v1',
    kind: 'FelixConfiguration',
    metadata: {
      name: req.name, uid, resourceVersion: '', creationTimestamp: created, generation,
      ...(req.labels && Object.keys(req.labels).length ? { labels: { ...req.labels } } : {}),
      ...(req.annotations && Object.keys(req.annotations).length ? { annotations: { ...req.annotations } } : {}),
    },
    spec: req.spec as FelixConfigurationSpec,
  };
}

function schemaType(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
}

export const felixConfigurationRegistry: KindRegistry<'felixconfigurations', FelixConfigurationRequest> = {
  info: { resource: 'felixconfigurations', singular: 'felixconfiguration', kind: 'FelixConfiguration', shortNames: [], namespaced: false, apiVersion: 'crd.projectcalico.org/v1', group: GROUP },
  fields: { apiVersion: true, kind: true, metadata: METADATA, spec: '*' },
  decode: (o) => decode(o),
  create(req, ctx) {
    if (ctx.get('felixconfigurations', undefined, req.name)) throw alreadyExists(`felixconfigurations.${GROUP}`, req.name);
    return admit(req, ctx.newUid(), rfc3339(ctx.now), 1);
  },
  update(old, req) {
    const changed = JSON.stringify(old.spec) !== JSON.stringify(req.spec);
    const next = admit(req, old.metadata.uid, old.metadata.creationTimestamp, old.metadata.generation + (changed ? 1 : 0));
    writeOver(old, next, ['spec']);
    old.metadata.generation = next.metadata.generation;
  },
  requestOf: (f) => ({ name: f.metadata.name, ...(f.metadata.labels ? { labels: { ...f.metadata.labels } } : {}), ...(f.metadata.annotations ? { annotations: { ...f.metadata.annotations } } : {}), spec: structuredClone(f.spec) }),
  columns: columns(['NAME', 'AGE']),
  cells: (f, o) => [f.metadata.name, ageSince(f.metadata.creationTimestamp, o.nowMs)],
};
