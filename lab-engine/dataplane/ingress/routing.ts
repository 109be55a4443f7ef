// How an nginx-like ingress controller picks the backend for a request (kubernetes.io Ingress
// docs, GROUND-TRUTH.md §6, and ingress-nginx's server/location generation):
// - Hosts: a rule's host must equal the request's Host (port stripped, case-insensitive); a
//   wildcard `*.foo.com` covers exactly one label. Requests whose host no rule names go to the
//   catch-all server, built from rules without a host.
// - Paths (per host, merged across Ingresses): the longest matching path wins, Exact beats Prefix
//   on a tie. Exact is a case-sensitive string match; Prefix matches whole `/`-separated
//   elements, ignoring a trailing slash. ImplementationSpecific is treated as Prefix, as
//   ingress-nginx does without regex.
// - Regex mode (`nginx.ingress.kubernetes.io/use-regex: "true"` or a rewrite-target on any
//   Ingress of the host): every path of that host is a case-insensitive regex anchored at the
//   start, tried longest first; `rewrite-target` then rewrites the upstream URI with $1..$9.
// - Nothing matches: an Ingress's spec.defaultBackend, else the controller's own 404.

import type { Ingress, IngressServiceBackend } from '../../kube/types';

export const REWRITE_TARGET = 'nginx.ingress.kubernetes.io/rewrite-target';
export const USE_REGEX = 'nginx.ingress.kubernetes.io/use-regex';
/** Patterns longer than this are refused as regexes (a learner's paste must not hang the walk). */
const MAX_REGEX_LENGTH = 512;

export interface IngressRoute {
  ingress: Ingress;
  backend: IngressServiceBackend;
  /** `host` or `*` for the catch-all; with the path and how it matched, for explanations. */
  host: string;
  path: string;
  pathType: string;
  /** The URI the upstream receives (rewritten, or the request's own). */
  upstreamPath: string;
  /** True for spec.defaultBackend. */
  viaDefaultBackend: boolean;
}

interface Candidate {
  ingress: Ingress;
  host: string;
  path: string;
  pathType: string;
  backend: IngressServiceBackend;
}

export function hostMatches(ruleHost: string, requestHost: string): boolean {
  const host = requestHost.toLowerCase();
  if (!ruleHost.startsWith('*.')) return ruleHost.toLowerCase() === host;
  const suffix = ruleHost.slice(1).toLowerCase();
  return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.') && host.length > suffix.length;
}

/** Prefix matching on `/`-separated elements, a trailing slash on either side ignored. */
export function prefixMatches(rulePath: string, requestPath: string): boolean {
  const rule = rulePath.replace(/\/+$/, '');
  if (rule === '') return true;
  const path = requestPath;
  return path === rule || path === `${rule}/` || path.startsWith(`${rule}/`);
}

/** The route for a request, or undefined when the controller's default server must answer. */
export interface RoutingOptions {
  /** ingress-nginx's use-regex and rewrite-target annotations apply (other controllers ignore them). */
  nginxAnnotations?: boolean;
}

export function routeRequest(ingresses: readonly Ingress[], hostHeader: string, uri: string, options: RoutingOptions = { nginxAnnotations: true }): IngressRoute | undefined {
  const host = hostHeader.replace(/:\d+$/, '').toLowerCase();
  const path = uri.split('?')[0] || '/';
  const query = uri.includes('?') ? uri.slice(uri.indexOf('?')) : '';
  const named = candidates(ingresses, (h) => !!h && hostMatches(h, host));
  const exactHost = named.filter((c) => !c.host.startsWith('*.'));
  // A precise host wins over a wildcard one, as nginx prefers an exact server_name.
  const pool = exactHost.length ? exactHost : named.length ? named : candidates(ingresses, (h) => !h);
  const chosen = pickPath(pool, path, options.nginxAnnotations ?? true);
  if (chosen) return { ...chosen.candidate, upstreamPath: chosen.upstreamPath + query, viaDefaultBackend: false };
  const fallback = ingresses.find((i) => i.spec.defaultBackend);
  if (fallback?.spec.defaultBackend) return { ingress: fallback, backend: fallback.spec.defaultBackend, host: '*', path: '', pathType: 'default backend', upstreamPath: uri, viaDefaultBackend: true };
  return undefined;
}

function candidates(ingresses: readonly Ingress[], hostFilter: (host: string | undefined) => boolean): Candidate[] {
  const out: Candidate[] = [];
  for (const ingress of ingresses) {
    for (const rule of ingress.spec.rules ?? []) {
      if (!hostFilter(rule.host)) continue;
      for (const p of rule.http?.paths ?? []) out.push({ ingress, host: rule.host ?? '*', path: p.path ?? '/', pathType: p.pathType, backend: p.backend });
    }
  }
  return out;
}

function pickPath(pool: Candidate[], path: string, nginxAnnotations: boolean): { candidate: Candidate; upstreamPath: string; rewritten: boolean } | undefined {
  const regexMode = nginxAnnotations && pool.some((c) => c.ingress.metadata.annotations?.[USE_REGEX] === 'true' || c.ingress.metadata.annotations?.[REWRITE_TARGET] !== undefined);
  const sorted = [...pool].sort((a, b) => b.path.length - a.path.length || (a.pathType === 'Exact' ? -1 : 0) - (b.pathType === 'Exact' ? -1 : 0));
  if (regexMode) {
    for (const c of sorted) {
      const match = regexFor(c.path)?.exec(path);
      if (!match) continue;
      const target = c.ingress.metadata.annotations?.[REWRITE_TARGET];
      if (target === undefined) return { candidate: c, upstreamPath: path, rewritten: false };
      const upstream = target.replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? '');
      return { candidate: c, upstreamPath: upstream.startsWith('/') ? upstream : `/${upstream}`, rewritten: true };
    }
    return undefined;
  }
  for (const c of sorted) {
    const ok = c.pathType === 'Exact' ? c.path === path : prefixMatches(c.path, path);
    if (ok) return { candidate: c, upstreamPath: path, rewritten: false };
  }
  return undefined;
}

function regexFor(path: string): RegExp | undefined {
  if (path.length > MAX_REGEX_LENGTH) return undefined;
  try {
    return new RegExp(`^${path}`, 'i');
  } catch {
    return undefined;
  }
}
