// strict-validate-path-type as ingress-nginx v1.12+ applies it: regex characters need
// ImplementationSpecific, and the controller then ignores the whole Ingress.

import { describe, expect, it } from 'vitest';
import type { Ingress } from '../kube/types';
import { invalidPaths } from './ingress-path-validation';

const ingress = (path: string, pathType: string): Ingress =>
  ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'shop', namespace: 'shop' },
    spec: { rules: [{ host: 'shop.example.com', http: { paths: [{ path, pathType, backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
  }) as Ingress;

describe('invalidPaths', () => {
  it('accepts plain Prefix and Exact paths', () => {
    expect(invalidPaths(ingress('/shop', 'Prefix'))).toBeUndefined();
    expect(invalidPaths(ingress('/api/v1_orders-x', 'Exact'))).toBeUndefined();
  });
  it('refuses a regex path with pathType Prefix, in the controller words', () => {
    expect(invalidPaths(ingress('/shop(/|$)(.*)', 'Prefix'))).toBe('ingress contains invalid paths: path /shop(/|$)(.*) cannot be used with pathType Prefix');
  });
  it('refuses a dot with pathType Exact, as cert-manager users met it', () => {
    expect(invalidPaths(ingress('/.well-known/acme-challenge/x', 'Exact'))).toMatch(/cannot be used with pathType Exact$/);
  });
  it('lets ImplementationSpecific carry a regex', () => {
    expect(invalidPaths(ingress('/shop(/|$)(.*)', 'ImplementationSpecific'))).toBeUndefined();
  });
});
