// Ingress path and host matching, each line of the Kubernetes docs' examples table (GROUND-TRUTH.md
// §6, from kubernetes/website content/en/docs/concepts/services-networking/ingress.md), plus
// ingress-nginx's regex mode with rewrite-target.

import { describe, expect, it } from 'vitest';
import type { Ingress, IngressPath } from '../../kube/types';
import { hostMatches, routeRequest } from './routing';

function ingress(name: string, rules: { host?: string; paths: [string, IngressPath['pathType'], string][] }[], annotations?: Record<string, string>, defaultBackend?: string): Ingress {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'default', uid: name, resourceVersion: '1', creationTimestamp: '', generation: 1, ...(annotations ? { annotations } : {}) },
    spec: {
      ingressClassName: 'nginx',
      ...(defaultBackend ? { defaultBackend: { service: { name: defaultBackend, port: { number: 80 } } } } : {}),
      rules: rules.map((r) => ({ ...(r.host ? { host: r.host } : {}), http: { paths: r.paths.map(([path, pathType, svc]) => ({ path, pathType, backend: { service: { name: svc, port: { number: 80 } } } })) } })),
    },
    status: { loadBalancer: {} },
  };
}

const routeTo = (ings: Ingress[], path: string, host = 'any.example.com') => routeRequest(ings, host, path)?.backend.service.name;

describe('Ingress path matching (the docs examples table)', () => {
  it.each([
    ['Prefix', ['/'], '/anything', 'p0'],
    ['Exact', ['/foo'], '/foo', 'p0'],
    ['Exact', ['/foo'], '/bar', undefined],
    ['Exact', ['/foo'], '/foo/', undefined],
    ['Exact', ['/foo/'], '/foo', undefined],
    ['Prefix', ['/foo'], '/foo', 'p0'],
    ['Prefix', ['/foo'], '/foo/', 'p0'],
    ['Prefix', ['/foo/'], '/foo', 'p0'],
    ['Prefix', ['/foo/'], '/foo/', 'p0'],
    ['Prefix', ['/aaa/bb'], '/aaa/bbb', undefined],
    ['Prefix', ['/aaa/bbb'], '/aaa/bbb', 'p0'],
    ['Prefix', ['/aaa/bbb/'], '/aaa/bbb', 'p0'],
    ['Prefix', ['/aaa/bbb'], '/aaa/bbb/', 'p0'],
    ['Prefix', ['/aaa/bbb'], '/aaa/bbb/ccc', 'p0'],
    ['Prefix', ['/aaa/bbb'], '/aaa/bbbxyz', undefined],
    ['Prefix', ['/', '/aaa'], '/aaa/ccc', 'p1'],
    ['Prefix', ['/', '/aaa', '/aaa/bbb'], '/aaa/bbb', 'p2'],
    ['Prefix', ['/', '/aaa', '/aaa/bbb'], '/ccc', 'p0'],
    ['Prefix', ['/aaa'], '/ccc', undefined],
  ] as const)('%s %j, request %s → %s', (type, paths, request, expected) => {
    const ing = ingress('i', [{ paths: paths.map((p, i) => [p, type, `p${i}`] as [string, IngressPath['pathType'], string]) }]);
    expect(routeTo([ing], request)).toBe(expected);
  });

  it('Exact beats Prefix for the same path', () => {
    const ing = ingress('i', [{ paths: [['/foo', 'Prefix', 'prefix'], ['/foo', 'Exact', 'exact']] }]);
    expect(routeTo([ing], '/foo')).toBe('exact');
    expect(routeTo([ing], '/foo/bar')).toBe('prefix');
  });
});

describe('Ingress host matching', () => {
  it('a wildcard covers exactly one label', () => {
    expect(hostMatches('*.foo.com', 'bar.foo.com')).toBe(true);
    expect(hostMatches('*.foo.com', 'baz.bar.foo.com')).toBe(false);
    expect(hostMatches('*.foo.com', 'foo.com')).toBe(false);
  });

  it('named hosts first, rules without a host for everything else, merged across Ingresses; the port in Host is ignored', () => {
    const ings = [
      ingress('a', [{ host: 'first.bar.com', paths: [['/', 'Prefix', 'service1']] }]),
      ingress('b', [{ host: 'second.bar.com', paths: [['/', 'Prefix', 'service2']] }, { paths: [['/', 'Prefix', 'service3']] }]),
    ];
    expect(routeTo(ings, '/', 'first.bar.com')).toBe('service1');
    expect(routeTo(ings, '/', 'second.bar.com:30080')).toBe('service2');
    expect(routeTo(ings, '/', 'FIRST.BAR.COM')).toBe('service1');
    expect(routeTo(ings, '/', '172.18.0.3')).toBe('service3');
  });

  it('a host with rules but no matching path does not fall back to the catch-all rules; spec.defaultBackend takes it', () => {
    const ings = [ingress('a', [{ host: 'shop.example.com', paths: [['/api', 'Prefix', 'api']] }, { paths: [['/', 'Prefix', 'catchall']] }], undefined, 'fallback')];
    expect(routeTo(ings, '/web', 'shop.example.com')).toBe('fallback');
    expect(routeRequest(ings, 'shop.example.com', '/web')?.viaDefaultBackend).toBe(true);
  });
});

describe('ingress-nginx regex mode', () => {
  it('rewrite-target rewrites the upstream URI with the captured groups, keeping the query string', () => {
    const ing = ingress('r', [{ host: 'rewrite.bar.com', paths: [['/something(/|$)(.*)', 'ImplementationSpecific', 'http-svc']] }], { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2', 'nginx.ingress.kubernetes.io/use-regex': 'true' });
    expect(routeRequest([ing], 'rewrite.bar.com', '/something')?.upstreamPath).toBe('/');
    expect(routeRequest([ing], 'rewrite.bar.com', '/something/')?.upstreamPath).toBe('/');
    expect(routeRequest([ing], 'rewrite.bar.com', '/something/new?x=1')?.upstreamPath).toBe('/new?x=1');
    expect(routeRequest([ing], 'rewrite.bar.com', '/other')).toBeUndefined();
  });
});
