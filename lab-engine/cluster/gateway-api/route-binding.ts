// Which listeners of a Gateway an HTTPRoute's parentRef attaches it to, as the Gateway API spec
// says an implementation decides (HTTPRoute `parentRefs`, Listener `allowedRoutes`, hostname
// intersection), and the reason when it does not attach:
// - sectionName names no listener: Accepted False NoMatchingParent;
// - no chosen listener allows the route's namespace (`from: Same` by default, `All`, `Selector`
//   on the namespace's labels) or kind: Accepted False NotAllowedByListeners;
// - no chosen listener's hostname intersects the route's hostnames: Accepted False
//   NoMatchingListenerHostname.
// A parentRef to a Gateway that does not exist, or of a class another controller owns, gets no
// status from this controller at all (it is not its parent to speak for). The dataplane routes
// with the same answer (dataplane/gateway/).

import type { Gateway, GatewayClass, HTTPRoute, Listener, Namespace, ParentReference } from '../../kube/types';
import { selectorMatches } from '../../kube/label-selector';
import { NGINX_GATEWAY_FABRIC } from './gateway-controllers';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

export type Binding =
  | { kind: 'attached'; gateway: Gateway; listeners: Listener[] }
  | { kind: 'rejected'; gateway: Gateway; reason: 'NoMatchingParent' | 'NotAllowedByListeners' | 'NoMatchingListenerHostname'; message: string }
  | { kind: 'not-ours' };

export interface GatewayApiReader {
  get(resource: 'gateways', namespace: string, name: string): Gateway | undefined;
  get(resource: 'gatewayclasses', namespace: undefined, name: string): GatewayClass | undefined;
  get(resource: 'namespaces', namespace: undefined, name: string): Namespace | undefined;
}

/** The GatewayClass is one this implementation claims. */
export function classIsOurs(reader: GatewayApiReader, className: string): boolean {
  return reader.get('gatewayclasses', undefined, className)?.spec.controllerName === NGINX_GATEWAY_FABRIC.controllerName;
}

export function bindParent(reader: GatewayApiReader, route: HTTPRoute, ref: ParentReference): Binding {
  if (ref.group !== GATEWAY_API_GROUP || ref.kind !== 'Gateway') return { kind: 'not-ours' };
  const routeNs = route.metadata.namespace ?? 'default';
  const gateway = reader.get('gateways', ref.namespace ?? routeNs, ref.name);
  if (!gateway || !classIsOurs(reader, gateway.spec.gatewayClassName)) return { kind: 'not-ours' };
  const named = gateway.spec.listeners.filter((l) => (ref.sectionName === undefined || l.name === ref.sectionName) && (ref.port === undefined || l.port === ref.port));
  if (named.length === 0) {
    return { kind: 'rejected', gateway, reason: 'NoMatchingParent', message: ref.sectionName !== undefined ? `No listener named "${ref.sectionName}" on Gateway ${gateway.metadata.namespace}/${gateway.metadata.name}` : `No listener on port ${ref.port}` };
  }
  const allowing = named.filter((l) => allowsKind(l) && allowsNamespace(reader, l, gateway, routeNs));
  if (allowing.length === 0) return { kind: 'rejected', gateway, reason: 'NotAllowedByListeners', message: `Route is not allowed by any listener: namespace "${routeNs}" is not in allowedRoutes` };
  const matching = allowing.filter((l) => effectiveHostnames(l, route.spec.hostnames) !== undefined);
  if (matching.length === 0) return { kind: 'rejected', gateway, reason: 'NoMatchingListenerHostname', message: 'Listener hostname does not match the HTTPRoute hostnames' };
  return { kind: 'attached', gateway, listeners: matching };
}

function allowsKind(l: Listener): boolean {
  if (l.protocol !== 'HTTP' && l.protocol !== 'HTTPS') return false;
  return !l.allowedRoutes.kinds || l.allowedRoutes.kinds.some((k) => k.kind === 'HTTPRoute' && (k.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP);
}

function allowsNamespace(reader: GatewayApiReader, l: Listener, gateway: Gateway, routeNs: string): boolean {
  const { from, selector } = l.allowedRoutes.namespaces;
  switch (from) {
    case 'All':
      return true;
    case 'Same':
      return routeNs === gateway.metadata.namespace;
    case 'Selector':
      return !!selector && selectorMatches(selector, reader.get('namespaces', undefined, routeNs)?.metadata.labels ?? {});
    default: {
      const never: never = from;
      return never;
    }
  }
}

/** `*.example.com` covers `a.example.com` and `a.b.example.com`, never `example.com`. */
export function hostnameMatches(pattern: string, host: string): boolean {
  if (!pattern.startsWith('*.')) return pattern === host;
  const suffix = pattern.slice(1);
  return host.endsWith(suffix) && host.length > suffix.length;
}

/**
 * The hostnames a route answers on a listener: the route's own that fall under the listener's
 * (or the listener's when the route names none; `[]` meaning any host when neither does), or
 * undefined when they do not intersect.
 */
export function effectiveHostnames(l: Listener, routeHostnames: readonly string[] | undefined): string[] | undefined {
  const hosts = routeHostnames ?? [];
  if (!l.hostname) return [...hosts];
  if (hosts.length === 0) return [l.hostname];
  const out = hosts.filter((h) => hostnameMatches(l.hostname!, h) || hostnameMatches(h, l.hostname!)).map((h) => (h.startsWith('*.') && !l.hostname!.startsWith('*.') ? l.hostname! : h));
  return out.length ? out : undefined;
}
