// `http` checks over https: the grader sends a ClientHello with the host as SNI to the controller's
// https NodePort and judges the certificate with expect.tls (coversHost), reporting the
// controller's default certificate or a name mismatch by their own feedback IDs. The schema
// explains what an https check needs.

import { describe, expect, it } from 'vitest';
import { tlsCluster } from '../../simulation/testing/tls-test-cluster';
import { HttpCheckSchema } from '../schema';
import { gradeHttpCheck } from './http-check';

const check = (fields: Record<string, unknown>) => HttpCheckSchema.parse({ id: 'c', title: 'C', kind: 'http', to: { ingress: 'nginx' }, ...fields });
const https = { scheme: 'https', insecure: true };

describe('http checks over https', () => {
  it('pass when the controller serves the Secret\'s certificate for the host', async () => {
    const { sim } = await tlsCluster();
    const result = gradeHttpCheck(check({ ...https, host: 'foo.bar.com', expect: { status: 200, bodyContains: 'Welcome to nginx!', tls: { coversHost: true } } }), sim);
    expect(result).toMatchObject({ passed: true, feedbackId: 'http.ok', params: { url: 'https://foo.bar.com/' } });
    // Other names get the fake certificate, which is what coversHost: false expects.
    expect(gradeHttpCheck(check({ ...https, host: 'admin.example.com', expect: { status: 404, tls: { coversHost: false } } }), sim)).toMatchObject({ passed: true });
    // Plain HTTP to the same host is redirected.
    expect(gradeHttpCheck(check({ host: 'foo.bar.com', expect: { status: 308 } }), sim)).toMatchObject({ passed: true });
  });

  it('name the default certificate when the Secret is in another namespace', async () => {
    const { sim } = await tlsCluster({ secret: 'other-namespace' });
    const result = gradeHttpCheck(check({ ...https, host: 'foo.bar.com', expect: { status: 200, tls: { coversHost: true } } }), sim);
    expect(result).toMatchObject({ passed: false, feedbackId: 'http.tls_default_certificate', params: { host: 'foo.bar.com', subject: 'O = Acme Co, CN = Kubernetes Ingress Controller Fake Certificate' } });
    expect(result.reason).toContain('secret default/foo-tls: local SSL certificate default/foo-tls was not found');
    // Grading leaves no line in the controller's log.
    expect((await sim.exec('kubectl -n ingress-nginx logs deploy/ingress-nginx-controller')).stdout).toBe('');
  });

  it('the schema says what an https check needs', () => {
    const issues = (fields: Record<string, unknown>) => HttpCheckSchema.safeParse({ id: 'c', title: 'C', kind: 'http', to: { ingress: 'nginx' }, host: 'a.example.com', expect: { status: 200 }, ...fields }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ scheme: 'https' })).toEqual(['insecure: scheme: https needs insecure: true (as curl -k), or expect.tls.trustedCa (the root a browser trusts); judge the certificate with expect.tls: { coversHost: true }']);
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    expect(issues({ scheme: 'https', expect: { status: 200, tls: { trustedCa: pem } } })).toBeUndefined();
    expect(issues({ ...https, expect: { status: 200, tls: { trustedCa: pem } } })).toEqual(['insecure: insecure: true skips verification, trustedCa asks for it: keep only one']);
    expect(issues({ scheme: 'https', expect: { status: 200, tls: { trustedCa: 'root.crt' } } })?.[0]).toMatch(/^expect\.tls\.trustedCa: trustedCa must hold a PEM certificate/);
    expect(issues({ ...https, expect: { status: 200, tls: {} } })).toEqual(['expect.tls: expect.tls needs coversHost or trustedCa']);
    expect(issues({ insecure: true })).toEqual(['scheme: insecure and expect.tls only apply to TLS: add scheme: https']);
    expect(issues({ ...https, expect: { status: 200, tls: { coversHost: 'yes' } } })?.[0]).toMatch(/^expect\.tls\.coversHost: /);
    expect(issues(https)).toBeUndefined();
  });
});
