// strict-validate-path-type as ingress-nginx v1.12+ applies it: regex characters need
// ImplementationSpecific, and the controller then ignores the whole Ingress.

import { describe, expect, it } from 'vitest';
import type { Ingress } from '../kube/types';
import { invalidPaths, nginxWebhookDenial } from './ingress-path-validation';
import type { IngressClass } from '../kube/types';

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
  it('the webhook judges only Ingresses of ingress-nginx\'s class, and only where it is installed', () => {
    const cls = (name: string, controller: string) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name }, spec: { controller } }) as IngressClass;
    const classes = [cls('nginx', 'k8s.io/ingress-nginx'), cls('traefik', 'traefik.io/ingress-controller')];
    const bad = (cls: string) => ({ ...ingress('/shop(/|$)(.*)', 'Prefix'), spec: { ...ingress('/shop(/|$)(.*)', 'Prefix').spec, ingressClassName: cls } }) as Ingress;
    expect(nginxWebhookDenial(bad('nginx'), classes)).toMatchObject({ reason: 'BadRequest', code: 400, message: 'admission webhook "validate.nginx.ingress.kubernetes.io" denied the request: ingress contains invalid paths: path /shop(/|$)(.*) cannot be used with pathType Prefix' });
    expect(nginxWebhookDenial(bad('traefik'), classes)).toBeUndefined();
    expect(nginxWebhookDenial(bad('nginx'), [classes[1]])).toBeUndefined();
  });
});
