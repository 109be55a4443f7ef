// How the gateway's data plane picks the rule for a request, as the Gateway API spec orders
// HTTPRoute matches: among the routes attached (route-binding.ts) to a listener on the port the
// request came in on, whose hostnames cover the Host header, every rule's match that fits
// (path Exact or PathPrefix on whole `/` segments, headers, query parameters, method) competes,
// and the winner is, in order: the more precise hostname (non-wildcard characters, then
// characters), an Exact path over a prefix, the longer path, a method, more header matches, more
// query matches; then the OLDEST route (creationTimestamp), then namespace/name alphabetically,
// then the rule's order. So a second route for the same host and path never shares its traffic:
// the older one takes it all.

import type { Cluster } from '../../cluster/cluster';
import type { Gateway, HTTPHeaderMatch, HTTPRoute, HTTPRouteMatch, HTTPRouteRule } from '../../kube/types';
import { bindParent, classIsOurs, effectiveHostnames, hostnameMatches } from '../../cluster/gateway-api/route-binding';
import { prefixMatches } from '../ingress/routing';

/** Regular expressions a route may carry are refused above this length, so a paste cannot hang the walk. */
const MAX_REGEX_LENGTH = 512;

export interface GatewayRequest {
  /** The data plane's port the connection arrived on: the listener's port. */
  port: number;
  host: string;
  /** Path with any query string. */
  path: string;
  method: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
}

export interface RouteChoice {
  gateway: Gateway;
  route: HTTPRoute;
  rule: HTTPRouteRule;
  ruleIndex: number;
  match: HTTPRouteMatch;
}

interface Candidate extends RouteChoice {
  hostScore: [number, number];
  matchIndex: number;
}

export function chooseRoute(cluster: Cluster, req: GatewayRequest): RouteChoice | undefined {
  const host = req.host.replace(/:\d+$/, '').toLowerCase();
  const [path, query = ''] = splitQuery(req.path);
  const params = new URLSearchParams(query);
  const reader = { get: (resource: 'gateways' | 'gatewayclasses' | 'namespaces', ns: string | undefined, name: string) => cluster.get(resource, ns, name) } as Parameters<typeof bindParent>[0];
  const candidates: Candidate[] = [];
  for (const route of cluster.list('httproutes')) {
    for (const ref of route.spec.parentRefs ?? []) {
      const binding = bindParent(reader, route, ref);
      if (binding.kind !== 'attached' || !classIsOurs(reader, binding.gateway.spec.gatewayClassName)) continue;
      for (const listener of binding.listeners) {
        if (listener.port !== req.port) continue;
        if (listener.hostname && !hostnameMatches(listener.hostname, host)) continue;
        const hosts = effectiveHostnames(listener, route.spec.hostnames) ?? [];
        const hostScore = scoreHost(hosts, host);
        if (!hostScore) continue;
        route.spec.rules.forEach((rule, ruleIndex) =>
          rule.matches.forEach((match, matchIndex) => {
            if (matches(match, path, params, req)) candidates.push({ gateway: binding.gateway, route, rule, ruleIndex, match, hostScore, matchIndex });
          }),
        );
      }
    }
  }
  candidates.sort(precedence);
  const best = candidates[0];
  return best && { gateway: best.gateway, route: best.route, rule: best.rule, ruleIndex: best.ruleIndex, match: best.match };
}

function splitQuery(uri: string): [string, string?] {
  const i = uri.indexOf('?');
  return i < 0 ? [uri || '/'] : [uri.slice(0, i) || '/', uri.slice(i + 1)];
}

/** [non-wildcard characters, characters] of the most precise hostname covering host; [0,0] when the route takes any host. */
function scoreHost(hosts: readonly string[], host: string): [number, number] | undefined {
  if (hosts.length === 0) return [0, 0];
  const covering = hosts.filter((h) => hostnameMatches(h, host));
  if (covering.length === 0) return undefined;
  return covering.map((h): [number, number] => [h.startsWith('*.') ? 0 : h.length, h.length]).sort((a, b) => b[0] - a[0] || b[1] - a[1])[0];
}

function matches(m: HTTPRouteMatch, path: string, params: URLSearchParams, req: GatewayRequest): boolean {
  if (m.path && !pathMatches(m.path.type, m.path.value, path)) return false;
  if (m.method && m.method !== req.method) return false;
  if (!(m.headers ?? []).every((h) => valueMatches(h, req.headers[h.name.toLowerCase()]))) return false;
  return (m.queryParams ?? []).every((q) => valueMatches(q, params.get(q.name) ?? undefined));
}

function pathMatches(type: 'Exact' | 'PathPrefix' | 'RegularExpression', value: string, path: string): boolean {
  switch (type) {
    case 'Exact':
      return path === value;
    case 'PathPrefix':
      return prefixMatches(value, path);
    case 'RegularExpression':
      return regexFull(value, path);
    default: {
      const never: never = type;
      return never;
    }
  }
}

function valueMatches(m: HTTPHeaderMatch, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  return m.type === 'RegularExpression' ? regexFull(m.value, actual) : m.value === actual;
}

function regexFull(pattern: string, text: string): boolean {
  if (pattern.length > MAX_REGEX_LENGTH) return false;
  try {
    return new RegExp(`^(?:${pattern})$`).test(text);
  } catch {
    return false;
  }
}

function precedence(a: Candidate, b: Candidate): number {
  return (
    b.hostScore[0] - a.hostScore[0] ||
    b.hostScore[1] - a.hostScore[1] ||
    Number(b.match.path?.type === 'Exact') - Number(a.match.path?.type === 'Exact') ||
    (b.match.path?.value.length ?? 0) - (a.match.path?.value.length ?? 0) ||
    Number(!!b.match.method) - Number(!!a.match.method) ||
    (b.match.headers?.length ?? 0) - (a.match.headers?.length ?? 0) ||
    (b.match.queryParams?.length ?? 0) - (a.match.queryParams?.length ?? 0) ||
    a.route.metadata.creationTimestamp.localeCompare(b.route.metadata.creationTimestamp) ||
    `${a.route.metadata.namespace}/${a.route.metadata.name}`.localeCompare(`${b.route.metadata.namespace}/${b.route.metadata.name}`) ||
    a.ruleIndex - b.ruleIndex ||
    a.matchIndex - b.matchIndex
  );
}
