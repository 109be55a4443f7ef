// Whether an HTTPRoute's backendRef resolves, as the spec's ResolvedRefs condition judges it:
// a kind other than core Service is InvalidKind; a Service in another namespace needs a
// ReferenceGrant in THAT namespace naming HTTPRoutes from the route's namespace (and the Service,
// or all Services) — else RefNotPermitted; a Service that does not exist is BackendNotFound.
// The dataplane answers 500 for the share of requests that would go to a backend that does not
// resolve, as the spec requires.

import type { HTTPBackendRef, HTTPRoute, ReferenceGrant, Service } from '../../kube/types';
import { GATEWAY_API_GROUP } from './route-binding';

export type BackendResolution =
  | { kind: 'resolved'; service: Service; port: number }
  | { kind: 'unresolved'; reason: 'InvalidKind' | 'RefNotPermitted' | 'BackendNotFound'; message: string };

export interface BackendReader {
  get(resource: 'services', namespace: string, name: string): Service | undefined;
  list(resource: 'referencegrants', namespace: string): ReferenceGrant[];
}

export function resolveBackend(reader: BackendReader, route: HTTPRoute, ref: HTTPBackendRef): BackendResolution {
  const routeNs = route.metadata.namespace ?? 'default';
  const namespace = ref.namespace ?? routeNs;
  if (!(ref.group === '' || ref.group === 'core') || ref.kind !== 'Service') {
    return { kind: 'unresolved', reason: 'InvalidKind', message: `Backend ref to ${ref.kind} ${namespace}/${ref.name} is not supported: only core Services are` };
  }
  if (namespace !== routeNs && !granted(reader.list('referencegrants', namespace), routeNs, ref.name)) {
    return { kind: 'unresolved', reason: 'RefNotPermitted', message: `Backend ref to Service ${namespace}/${ref.name} not permitted by any ReferenceGrant` };
  }
  const service = reader.get('services', namespace, ref.name);
  if (!service) return { kind: 'unresolved', reason: 'BackendNotFound', message: `Service "${namespace}/${ref.name}" not found` };
  return { kind: 'resolved', service, port: ref.port ?? 0 };
}

/** A grant in the Service's namespace lets HTTPRoutes from `fromNs` refer to the Service `name`. */
function granted(grants: readonly ReferenceGrant[], fromNs: string, name: string): boolean {
  return grants.some(
    (g) =>
      g.spec.from.some((f) => f.group === GATEWAY_API_GROUP && f.kind === 'HTTPRoute' && f.namespace === fromNs) &&
      g.spec.to.some((t) => (t.group === '' || t.group === 'core') && t.kind === 'Service' && (t.name === undefined || t.name === name)),
  );
}
