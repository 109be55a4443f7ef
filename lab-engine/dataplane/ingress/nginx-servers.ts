// The servers and locations ingress-nginx builds from the Ingresses of its class before it writes
// nginx.conf (internal/ingress/controller/controller.go createServers/getBackendServers and
// location.go updateServerLocations, as of controller-v1.13.3), reduced to what Flatnet models:
// - one server per rule host, plus the catch-all `_`; each host server starts with a `/` location
//   on the default backend, carrying the annotations of the first Ingress that named the host,
//   which an Ingress path `/` of the same type then takes over;
// - a path already present with the same pathType is kept from the first Ingress (oldest first);
// - locations sorted longest path first, then each Prefix path `/foo` (outside regex servers)
//   becomes `location /foo/` plus an exact `location = /foo`, unless an Exact `/foo` exists;
// - rewrite-target or use-regex on any location turns the whole server into `~* "^path"` regexes.

import { parseRfc3339 } from '../../cluster/time-format';
import type { Ingress, IngressServiceBackend } from '../../kube/types';
import { REWRITE_TARGET, USE_REGEX } from './routing';
import { SSL_REDIRECT } from './tls-termination';

export const DEFAULT_SERVER_NAME = '_';
export const DEFAULT_UPSTREAM = 'upstream-default-backend';
const FORCE_SSL_REDIRECT = 'nginx.ingress.kubernetes.io/force-ssl-redirect';

type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

/** What the annotations of an Ingress set on its locations (the rewrite annotation group). */
export interface RewriteConfig {
  target: string;
  useRegex: boolean;
  sslRedirect: boolean;
  forceSslRedirect: boolean;
}

export interface NginxLocation {
  /** The nginx location path (a Prefix path gains a trailing `/`). */
  path: string;
  pathType: PathType;
  /** The path as the Ingress wrote it, for `$location_path`; undefined for `/`, as the controller leaves it. */
  ingressPath?: string;
  ingress?: Ingress;
  upstream: string;
  isDefaultBackend: boolean;
  rewrite: RewriteConfig;
}

export interface NginxServer {
  hostname: string;
  locations: NginxLocation[];
}

const NO_REWRITE: RewriteConfig = { target: '', useRegex: false, sslRedirect: false, forceSslRedirect: false };

/** ingress-nginx's upstreamName: `<namespace>-<service>-<port>`. */
export function upstreamName(namespace: string, backend: IngressServiceBackend): string {
  const port = backend.service.port.number ?? backend.service.port.name;
  return port === undefined || port === '' ? `${namespace}-INVALID` : `${namespace}-${backend.service.name}-${port}`;
}

function annotationBool(ing: Ingress, key: string, fallback: boolean): boolean {
  const v = ing.metadata.annotations?.[key];
  return v === 'true' ? true : v === 'false' ? false : fallback;
}

export function rewriteOf(ing: Ingress): RewriteConfig {
  return {
    target: ing.metadata.annotations?.[REWRITE_TARGET] ?? '',
    useRegex: annotationBool(ing, USE_REGEX, false),
    // The ConfigMap's ssl-redirect default is true; the Lua code redirects only when the host has a certificate.
    sslRedirect: annotationBool(ing, SSL_REDIRECT, true),
    forceSslRedirect: annotationBool(ing, FORCE_SSL_REDIRECT, false),
  };
}

export function needsRewrite(loc: NginxLocation): boolean {
  return loc.rewrite.target !== '' && loc.rewrite.target !== loc.path;
}

/** The controller's store lists Ingresses oldest first; the name breaks ties. */
function byAge(a: Ingress, b: Ingress): number {
  const t = (i: Ingress) => (i.metadata.creationTimestamp ? parseRfc3339(i.metadata.creationTimestamp) : 0);
  return t(a) - t(b) || `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`);
}

export function buildServers(served: readonly Ingress[]): NginxServer[] {
  const ingresses = [...served].sort(byAge);
  const servers = new Map<string, NginxServer>();
  servers.set(DEFAULT_SERVER_NAME, { hostname: DEFAULT_SERVER_NAME, locations: [{ path: '/', pathType: 'Prefix', upstream: DEFAULT_UPSTREAM, isDefaultBackend: true, rewrite: NO_REWRITE }] });
  for (const ing of ingresses) {
    const ns = ing.metadata.namespace ?? 'default';
    const upstream = ing.spec.defaultBackend ? upstreamName(ns, ing.spec.defaultBackend) : DEFAULT_UPSTREAM;
    const root = servers.get(DEFAULT_SERVER_NAME)!.locations[0];
    if (ing.spec.defaultBackend && !ing.spec.rules?.length && root.isDefaultBackend) {
      // An Ingress with a backend and no rule configures the catch-all server.
      Object.assign(root, { isDefaultBackend: false, upstream, ingress: ing });
    }
    for (const rule of ing.spec.rules ?? []) {
      const host = rule.host || DEFAULT_SERVER_NAME;
      if (servers.has(host)) continue;
      servers.set(host, { hostname: host, locations: [{ path: '/', pathType: 'Prefix', upstream, isDefaultBackend: true, ingress: ing, rewrite: rewriteOf(ing) }] });
    }
  }
  for (const ing of ingresses) {
    const ns = ing.metadata.namespace ?? 'default';
    for (const rule of ing.spec.rules ?? []) {
      const server = servers.get(rule.host || DEFAULT_SERVER_NAME)!;
      for (const p of rule.http?.paths ?? []) addPath(server, ing, p.path || '/', p.pathType, upstreamName(ns, p.backend));
    }
  }
  const out = [...servers.values()].sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0));
  for (const server of out) {
    // Go's two stable sorts: by path descending, then by length descending.
    server.locations.sort((a, b) => (a.path > b.path ? -1 : a.path < b.path ? 1 : 0));
    server.locations.sort((a, b) => b.path.length - a.path.length);
    server.locations = splitPrefixLocations(server.locations);
  }
  return out;
}

function addPath(server: NginxServer, ing: Ingress, path: string, pathType: PathType, upstream: string): void {
  const existing = server.locations.find((l) => l.path === path);
  if (existing && existing.pathType === pathType) {
    if (!existing.isDefaultBackend) return;
    Object.assign(existing, { upstream, isDefaultBackend: false, ingress: ing, rewrite: rewriteOf(ing) });
    return;
  }
  server.locations.push({ path, pathType, upstream, isDefaultBackend: false, ingress: ing, rewrite: rewriteOf(ing) });
}

/** location.go updateServerLocations: `/foo` Prefix → `/foo/` plus `= /foo`. */
function splitPrefixLocations(locations: NginxLocation[]): NginxLocation[] {
  const exact = new Set(locations.filter((l) => l.pathType === 'Exact').map((l) => l.path));
  const out: NginxLocation[] = [];
  for (const loc of locations) {
    if (loc.path === '/') {
      out.push(loc);
      continue;
    }
    loc.ingressPath = loc.path;
    if (loc.pathType !== 'Prefix' || needsRewrite(loc) || loc.rewrite.useRegex) {
      out.push(loc);
      continue;
    }
    const copy: NginxLocation = { ...loc, pathType: 'Exact' };
    loc.path = loc.path.endsWith('/') ? loc.path : `${loc.path}/`;
    out.push(loc);
    if (!exact.has(copy.path)) out.push(copy);
  }
  return out;
}

/** rewrite-target or use-regex anywhere in the server (template.go enforceRegexModifier). */
export function enforcesRegex(server: NginxServer): boolean {
  return server.locations.some((l) => needsRewrite(l) || l.rewrite.useRegex);
}
