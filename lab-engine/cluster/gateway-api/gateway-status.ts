// The status NGINX Gateway Fabric writes, recomputed from the objects whenever the cluster settles
// (as its controller reconciles on every watch event), and only while its pod runs:
// - GatewayClass of its controllerName: Accepted True, SupportedVersion True.
// - Gateway of such a class: Accepted True; Programmed True with the data plane Service's
//   load-balancer address in status.addresses, or Programmed False AddressNotAssigned while the
//   Service has none; per listener its supportedKinds, attachedRoutes (the routes accepted on
//   it) and Accepted/Programmed/ResolvedRefs True, Conflicted False.
// - HTTPRoute: one status.parents entry per parentRef to one of its Gateways, Accepted (True,
//   or False with route-binding.ts's reason) and ResolvedRefs (True, or False with the first
//   backendRef's reason from backend-refs.ts).
// A condition keeps its lastTransitionTime while its status and reason stay the same.

import type { Gateway, GatewayCondition, HTTPRoute, ListenerStatus, Pod, Service } from '../../kube/types';
import type { ObjectStore } from '../object-store';
import { rfc3339 } from '../time-format';
import { mapSelectorMatches } from '../../kube/label-selector';
import { isGatewayDataPlane, NGINX_GATEWAY_FABRIC } from './gateway-controllers';
import { bindParent, classIsOurs, GATEWAY_API_GROUP, type GatewayApiReader } from './route-binding';
import { resolveBackend, type BackendReader } from './backend-refs';

type Want = Omit<GatewayCondition, 'lastTransitionTime' | 'observedGeneration'>;

/** Recomputes every Gateway API status; true when anything changed. */
export function syncGatewayApiStatus(store: ObjectStore, nowMs: number): boolean {
  if (store.count('gatewayclasses') === 0) return false;
  const dataPlane = store.list('pods').find((p) => isGatewayDataPlane(p) && p.status.phase === 'Running' && !p.metadata.deletionTimestamp);
  if (!dataPlane) return false;
  const reader = readerOf(store);
  const at = rfc3339(nowMs);
  let changed = false;
  for (const gc of store.list('gatewayclasses')) {
    if (gc.spec.controllerName !== NGINX_GATEWAY_FABRIC.controllerName) continue;
    const conditions = merge(gc.status.conditions, gc.metadata.generation, at, [
      { type: 'Accepted', status: 'True', reason: 'Accepted', message: 'GatewayClass is accepted' },
      { type: 'SupportedVersion', status: 'True', reason: 'SupportedVersion', message: 'Gateway API CRD versions are supported' },
    ]);
    changed = write(store, gc, gc.status, { conditions }) || changed;
  }
  const routes = store.list('httproutes');
  const attached = new Map<string, number>();
  for (const route of routes) {
    const parents: HTTPRoute['status']['parents'] = [];
    for (const ref of route.spec.parentRefs ?? []) {
      const binding = bindParent(reader, route, ref);
      if (binding.kind === 'not-ours') continue;
      if (binding.kind === 'attached') for (const l of binding.listeners) attached.set(listenerKey(binding.gateway, l.name), (attached.get(listenerKey(binding.gateway, l.name)) ?? 0) + 1);
      const old = route.status.parents.find((p) => JSON.stringify(p.parentRef) === JSON.stringify(ref))?.conditions ?? [];
      const accepted: Want = binding.kind === 'attached' ? { type: 'Accepted', status: 'True', reason: 'Accepted', message: 'The route is accepted' } : { type: 'Accepted', status: 'False', reason: binding.reason, message: binding.message };
      parents.push({ parentRef: ref, controllerName: NGINX_GATEWAY_FABRIC.controllerName, conditions: merge(old, route.metadata.generation, at, [accepted, resolvedRefs(reader, route)]) });
    }
    changed = write(store, route, route.status, { parents }) || changed;
  }
  const address = dataPlaneAddress(store.list('services', NGINX_GATEWAY_FABRIC.namespace), dataPlane);
  for (const gw of store.list('gateways')) {
    if (!classIsOurs(reader, gw.spec.gatewayClassName)) continue;
    const programmed: Want = address ? { type: 'Programmed', status: 'True', reason: 'Programmed', message: 'Gateway is programmed' } : { type: 'Programmed', status: 'False', reason: 'AddressNotAssigned', message: 'No addresses have been assigned to the Gateway' };
    const conditions = merge(gw.status.conditions, gw.metadata.generation, at, [{ type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Gateway is accepted' }, programmed]);
    const listeners: ListenerStatus[] = gw.spec.listeners.map((l) => ({
      name: l.name,
      supportedKinds: [{ group: GATEWAY_API_GROUP, kind: 'HTTPRoute' }, { group: GATEWAY_API_GROUP, kind: 'GRPCRoute' }],
      attachedRoutes: attached.get(listenerKey(gw, l.name)) ?? 0,
      conditions: merge(gw.status.listeners?.find((s) => s.name === l.name)?.conditions ?? [], gw.metadata.generation, at, [
        { type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Listener is accepted' },
        { type: 'Programmed', status: 'True', reason: 'Programmed', message: 'Listener is programmed' },
        { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs', message: 'All references are resolved' },
        { type: 'Conflicted', status: 'False', reason: 'NoConflicts', message: 'No conflicts' },
      ]),
    }));
    const status: Gateway['status'] = { ...(address ? { addresses: [{ type: 'IPAddress', value: address }] } : {}), conditions, listeners };
    changed = write(store, gw, gw.status, status) || changed;
  }
  return changed;
}

function readerOf(store: ObjectStore): GatewayApiReader & BackendReader {
  return {
    get: ((resource: 'gateways' | 'gatewayclasses' | 'namespaces' | 'services', namespace: string | undefined, name: string) => store.get(resource, namespace, name)) as GatewayApiReader['get'] & BackendReader['get'],
    list: (resource: 'referencegrants', namespace: string) => store.list(resource, namespace),
  };
}

function listenerKey(gw: Gateway, listener: string): string {
  return `${gw.metadata.namespace}/${gw.metadata.name}/${listener}`;
}

/** ResolvedRefs for the whole route: the first backendRef that does not resolve names the reason. */
function resolvedRefs(reader: BackendReader, route: HTTPRoute): Want {
  for (const rule of route.spec.rules) {
    for (const ref of rule.backendRefs ?? []) {
      const r = resolveBackend(reader, route, ref);
      if (r.kind === 'unresolved') return { type: 'ResolvedRefs', status: 'False', reason: r.reason, message: r.message };
    }
  }
  return { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs', message: 'All references are resolved' };
}

/** The data plane Service's load-balancer address (the Service selecting the data plane pod). */
function dataPlaneAddress(services: readonly Service[], pod: Pod): string | undefined {
  const svc = services.find((s) => s.spec.type === 'LoadBalancer' && s.spec.selector && Object.keys(s.spec.selector).length > 0 && mapSelectorMatches(s.spec.selector, pod.metadata.labels));
  return svc?.status.loadBalancer.ingress?.find((i) => i.ip)?.ip;
}

function merge(old: readonly GatewayCondition[], generation: number, at: string, wants: readonly Want[]): GatewayCondition[] {
  return wants.map((w) => {
    const prev = old.find((c) => c.type === w.type);
    const same = prev && prev.status === w.status && prev.reason === w.reason;
    return { type: w.type, status: w.status, observedGeneration: generation, lastTransitionTime: same ? prev.lastTransitionTime : at, reason: w.reason, message: w.message };
  });
}

/** Replaces the status when it differs; true when it did. */
function write<S extends object>(store: ObjectStore, obj: { status: S; metadata: { resourceVersion: string } }, old: S, next: S): boolean {
  if (JSON.stringify(old) === JSON.stringify(next)) return false;
  obj.status = next;
  store.touch(obj as never);
  return true;
}
