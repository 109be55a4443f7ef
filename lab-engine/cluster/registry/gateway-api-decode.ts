// Gateway API manifests (GatewayClass, Gateway, HTTPRoute, ReferenceGrant) to the objects' specs,
// with the defaults their CRDs' OpenAPI schemas apply (a parentRef's group and kind, a listener's
// allowedRoutes `from: Same`, a rule's match `PathPrefix /`, a backendRef's weight 1) and the
// CEL rules a learner's manifest most often trips over, worded as the API server words them.

import type { StatusCause } from '../../kube/api-errors';
import type { Gateway, GatewayClass, HTTPBackendRef, HTTPHeaderMatch, HTTPRoute, HTTPRouteMatch, HTTPRouteRule, Listener, ParentReference, ReferenceGrant, RouteNamespacesFrom } from '../../kube/types';
import { arr, metaOf, num, obj, selectorOf, str, type ObjectMetaRequest, type Obj } from './decode';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

export type GatewayApiRequest<S> = ObjectMetaRequest & { spec: S };

export function gatewayClassRequest(o: Obj): GatewayApiRequest<GatewayClass['spec']> {
  const spec = obj(o.spec, 'GatewayClass.spec') ?? {};
  const description = str(spec.description, 'GatewayClassSpec.description');
  return { ...metaOf(o, ''), spec: { controllerName: str(spec.controllerName, 'GatewayClassSpec.controllerName') ?? '', ...(description ? { description } : {}) } };
}

function listener(v: unknown): Listener {
  const l = obj(v, 'GatewaySpec.listeners') ?? {};
  const hostname = str(l.hostname, 'Listener.hostname');
  const allowed = obj(l.allowedRoutes, 'Listener.allowedRoutes') ?? {};
  const ns = obj(allowed.namespaces, 'AllowedRoutes.namespaces') ?? {};
  const selector = selectorOf(ns.selector, 'RouteNamespaces.selector');
  const kinds = arr(allowed.kinds, 'AllowedRoutes.kinds')?.map((k) => {
    const ko = obj(k, 'AllowedRoutes.kinds') ?? {};
    return { group: str(ko.group, 'RouteGroupKind.group') ?? GATEWAY_API_GROUP, kind: str(ko.kind, 'RouteGroupKind.kind') ?? '' };
  });
  return {
    name: str(l.name, 'Listener.name') ?? '',
    ...(hostname ? { hostname } : {}),
    port: num(l.port, 'Listener.port') ?? 0,
    protocol: str(l.protocol, 'Listener.protocol') ?? '',
    allowedRoutes: { namespaces: { from: (str(ns.from, 'RouteNamespaces.from') ?? 'Same') as RouteNamespacesFrom, ...(selector ? { selector } : {}) }, ...(kinds ? { kinds } : {}) },
  };
}

export function gatewayRequest(o: Obj, namespace: string): GatewayApiRequest<Gateway['spec']> {
  const spec = obj(o.spec, 'Gateway.spec') ?? {};
  return { ...metaOf(o, namespace), spec: { gatewayClassName: str(spec.gatewayClassName, 'GatewaySpec.gatewayClassName') ?? '', listeners: (arr(spec.listeners, 'GatewaySpec.listeners') ?? []).map(listener) } };
}

function parentRef(v: unknown): ParentReference {
  const p = obj(v, 'CommonRouteSpec.parentRefs') ?? {};
  const namespace = str(p.namespace, 'ParentReference.namespace');
  const sectionName = str(p.sectionName, 'ParentReference.sectionName');
  const port = num(p.port, 'ParentReference.port');
  return { group: str(p.group, 'ParentReference.group') ?? GATEWAY_API_GROUP, kind: str(p.kind, 'ParentReference.kind') ?? 'Gateway', name: str(p.name, 'ParentReference.name') ?? '', ...(namespace ? { namespace } : {}), ...(sectionName ? { sectionName } : {}), ...(port !== undefined ? { port } : {}) };
}

function stringMatch(v: unknown, field: string): HTTPHeaderMatch {
  const h = obj(v, field) ?? {};
  return { type: (str(h.type, 'HTTPHeaderMatch.type') ?? 'Exact') as HTTPHeaderMatch['type'], name: str(h.name, 'HTTPHeaderMatch.name') ?? '', value: str(h.value, 'HTTPHeaderMatch.value') ?? '' };
}

const DEFAULT_MATCH: HTTPRouteMatch = { path: { type: 'PathPrefix', value: '/' } };

function match(v: unknown): HTTPRouteMatch {
  const m = obj(v, 'HTTPRouteRule.matches') ?? {};
  const path = obj(m.path, 'HTTPRouteMatch.path');
  const headers = arr(m.headers, 'HTTPRouteMatch.headers')?.map((h) => stringMatch(h, 'HTTPRouteMatch.headers'));
  const queryParams = arr(m.queryParams, 'HTTPRouteMatch.queryParams')?.map((q) => stringMatch(q, 'HTTPRouteMatch.queryParams'));
  const method = str(m.method, 'HTTPRouteMatch.method');
  return {
    path: path ? { type: (str(path.type, 'HTTPPathMatch.type') ?? 'PathPrefix') as 'PathPrefix', value: str(path.value, 'HTTPPathMatch.value') ?? '/' } : { ...DEFAULT_MATCH.path! },
    ...(headers ? { headers } : {}),
    ...(queryParams ? { queryParams } : {}),
    ...(method ? { method } : {}),
  };
}

function backendRef(v: unknown): HTTPBackendRef {
  const b = obj(v, 'HTTPRouteRule.backendRefs') ?? {};
  const namespace = str(b.namespace, 'BackendRef.namespace');
  const port = num(b.port, 'BackendRef.port');
  return { group: str(b.group, 'BackendRef.group') ?? '', kind: str(b.kind, 'BackendRef.kind') ?? 'Service', name: str(b.name, 'BackendRef.name') ?? '', ...(namespace ? { namespace } : {}), ...(port !== undefined ? { port } : {}), weight: num(b.weight, 'BackendRef.weight') ?? 1 };
}

function rule(v: unknown): HTTPRouteRule {
  const r = obj(v, 'HTTPRouteSpec.rules') ?? {};
  const name = str(r.name, 'HTTPRouteRule.name');
  const matches = arr(r.matches, 'HTTPRouteRule.matches')?.map(match);
  const backendRefs = arr(r.backendRefs, 'HTTPRouteRule.backendRefs')?.map(backendRef);
  return { ...(name ? { name } : {}), matches: matches && matches.length ? matches : [structuredClone(DEFAULT_MATCH)], ...(backendRefs ? { backendRefs } : {}) };
}

export function httpRouteRequest(o: Obj, namespace: string): GatewayApiRequest<HTTPRoute['spec']> {
  const spec = obj(o.spec, 'HTTPRoute.spec') ?? {};
  const parentRefs = arr(spec.parentRefs, 'HTTPRouteSpec.parentRefs')?.map(parentRef);
  const hostnames = arr(spec.hostnames, 'HTTPRouteSpec.hostnames')?.map((h) => str(h, 'HTTPRouteSpec.hostnames') ?? '');
  const rules = arr(spec.rules, 'HTTPRouteSpec.rules')?.map(rule);
  return { ...metaOf(o, namespace), spec: { ...(parentRefs ? { parentRefs } : {}), ...(hostnames ? { hostnames } : {}), rules: rules ?? [structuredClone({ matches: [DEFAULT_MATCH] })] } };
}

export function referenceGrantRequest(o: Obj, namespace: string): GatewayApiRequest<ReferenceGrant['spec']> {
  const spec = obj(o.spec, 'ReferenceGrant.spec') ?? {};
  const from = (arr(spec.from, 'ReferenceGrantSpec.from') ?? []).map((f) => {
    const fo = obj(f, 'ReferenceGrantSpec.from') ?? {};
    return { group: str(fo.group, 'ReferenceGrantFrom.group') ?? '', kind: str(fo.kind, 'ReferenceGrantFrom.kind') ?? '', namespace: str(fo.namespace, 'ReferenceGrantFrom.namespace') ?? '' };
  });
  const to = (arr(spec.to, 'ReferenceGrantSpec.to') ?? []).map((t) => {
    const too = obj(t, 'ReferenceGrantSpec.to') ?? {};
    const name = str(too.name, 'ReferenceGrantTo.name');
    return { group: str(too.group, 'ReferenceGrantTo.group') ?? '', kind: str(too.kind, 'ReferenceGrantTo.kind') ?? '', ...(name ? { name } : {}) };
  });
  return { ...metaOf(o, namespace), spec: { from, to } };
}

// ---- What the CRDs' schemas refuse (OpenAPI required/enum/minItems and x-kubernetes-validations)

const PATH_TYPES = ['Exact', 'PathPrefix', 'RegularExpression'];

export function gatewayCauses(spec: Gateway['spec']): StatusCause[] {
  const out: StatusCause[] = [];
  if (!spec.gatewayClassName) out.push({ field: 'spec.gatewayClassName', message: 'Required value' });
  if (spec.listeners.length === 0) out.push({ field: 'spec.listeners', message: 'Required value' });
  spec.listeners.forEach((l, i) => {
    if (!l.name) out.push({ field: `spec.listeners[${i}].name`, message: 'Required value' });
    if (l.port < 1 || l.port > 65535) out.push({ field: `spec.listeners[${i}].port`, message: `Invalid value: ${l.port}: spec.listeners[${i}].port in body should be ${l.port < 1 ? 'greater than or equal to 1' : 'less than or equal to 65535'}` });
    if (!['All', 'Same', 'Selector'].includes(l.allowedRoutes.namespaces.from)) out.push({ field: `spec.listeners[${i}].allowedRoutes.namespaces.from`, message: `Unsupported value: "${l.allowedRoutes.namespaces.from}": supported values: "All", "Selector", "Same"` });
  });
  const names = spec.listeners.map((l) => l.name);
  if (new Set(names).size !== names.length) out.push({ field: 'spec.listeners', message: 'Invalid value: "array": Listener name must be unique within the Gateway' });
  return out;
}

export function httpRouteCauses(spec: HTTPRoute['spec']): StatusCause[] {
  const out: StatusCause[] = [];
  (spec.parentRefs ?? []).forEach((p, i) => {
    if (!p.name) out.push({ field: `spec.parentRefs[${i}].name`, message: 'Required value' });
  });
  spec.rules.forEach((r, i) => {
    r.matches.forEach((m, j) => {
      if (m.path && !PATH_TYPES.includes(m.path.type)) out.push({ field: `spec.rules[${i}].matches[${j}].path.type`, message: `Unsupported value: "${m.path.type}": supported values: "Exact", "PathPrefix", "RegularExpression"` });
      else if (m.path && m.path.type !== 'RegularExpression' && !m.path.value.startsWith('/')) out.push({ field: `spec.rules[${i}].matches[${j}].path`, message: 'Invalid value: "object": value must be an absolute path and start with \'/\' when type one of [\'Exact\', \'PathPrefix\']' });
    });
    (r.backendRefs ?? []).forEach((b, j) => {
      if ((b.group === '' || b.group === 'core') && b.kind === 'Service' && b.port === undefined) out.push({ field: `spec.rules[${i}].backendRefs[${j}]`, message: 'Invalid value: "object": Must have port for Service reference' });
      if (b.weight < 0 || b.weight > 1_000_000) out.push({ field: `spec.rules[${i}].backendRefs[${j}].weight`, message: `Invalid value: ${b.weight}: spec.rules[${i}].backendRefs[${j}].weight in body should be ${b.weight < 0 ? 'greater than or equal to 0' : 'less than or equal to 1000000'}` });
    });
  });
  return out;
}
