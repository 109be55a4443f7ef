// Hostname intersection between a listener and a route, as the HTTPRoute `hostnames` field's
// documentation spells it out: a wildcard covers one or more labels but never the bare domain,
// routes without hostnames take the listener's, and no overlap means no attachment.

import { describe, expect, it } from 'vitest';
import type { Listener } from '../../kube/types';
import { effectiveHostnames, hostnameMatches } from './route-binding';

const listener = (hostname?: string): Listener => ({ name: 'http', port: 80, protocol: 'HTTP', ...(hostname ? { hostname } : {}), allowedRoutes: { namespaces: { from: 'Same' } } });

describe('hostname intersection', () => {
  it('a wildcard covers deeper names but not the bare domain', () => {
    expect(hostnameMatches('*.example.com', 'test.example.com')).toBe(true);
    expect(hostnameMatches('*.example.com', 'foo.test.example.com')).toBe(true);
    expect(hostnameMatches('*.example.com', 'example.com')).toBe(false);
    expect(hostnameMatches('test.example.com', 'test.example.net')).toBe(false);
  });

  it('keeps the route hostnames under the listener and drops the others', () => {
    expect(effectiveHostnames(listener('*.example.com'), ['test.example.com', 'test.example.net'])).toEqual(['test.example.com']);
    expect(effectiveHostnames(listener('test.example.com'), ['*.example.com'])).toEqual(['test.example.com']);
    expect(effectiveHostnames(listener('*.example.com'), undefined)).toEqual(['*.example.com']);
    expect(effectiveHostnames(listener(), ['shop.example.com'])).toEqual(['shop.example.com']);
    expect(effectiveHostnames(listener(), undefined)).toEqual([]);
    expect(effectiveHostnames(listener('*.example.com'), ['example.com', 'test.example.net'])).toBeUndefined();
  });
});
