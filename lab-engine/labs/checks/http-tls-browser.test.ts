// expect.tls.trustedCa: the http check verifies the served certificate as a browser whose store
// holds that root (browser-verify.ts), with the private PKI of dataplane/tls/testdata. The full
// chain passes; the leaf without its intermediate, an expired leaf and a CN-only leaf (which
// ingress-nginx still serves, and curl still accepts) fail with feedback naming the cause.

import { describe, expect, it } from 'vitest';
import { pkiCluster, pkiPem } from '../../simulation/testing/pki-test-cluster';
import { renderFeedback } from '../feedback';
import { HttpCheckSchema } from '../schema';
import { gradeHttpCheck } from './http-check';

const check = () => HttpCheckSchema.parse({ id: 'c', title: 'C', kind: 'http', to: { ingress: 'nginx' }, scheme: 'https', host: 'shop.example.com', expect: { status: 200, bodyContains: 'Welcome to nginx!', tls: { trustedCa: pkiPem('root.crt') } } });
const grade = async (crt: string[], key: string) => gradeHttpCheck(check(), (await pkiCluster(crt, key)).sim);

describe('http check with trustedCa (as strict as a browser)', () => {
  it('passes for the leaf followed by its intermediate', async () => {
    expect(await grade(['shop.crt', 'issuing.crt'], 'shop.key')).toMatchObject({ passed: true, feedbackId: 'http.ok' });
  });

  it('the leaf alone: ERR_CERT_AUTHORITY_INVALID, unable to get local issuer certificate', async () => {
    const r = await grade(['shop.crt'], 'shop.key');
    expect(r).toMatchObject({ passed: false, feedbackId: 'http.tls_untrusted', params: { chrome: 'NET::ERR_CERT_AUTHORITY_INVALID', text: 'unable to get local issuer certificate', source: 'secret default/shop-tls' } });
    expect(renderFeedback(r)).toBe(
      'From the workstation, a browser refuses https://shop.example.com/ with NET::ERR_CERT_AUTHORITY_INVALID: the certificate (CN = shop.example.com, O = Example Corp, from secret default/shop-tls) does not lead to a root it trusts (OpenSSL: unable to get local issuer certificate; tls.crt must hold the certificate followed by its intermediates)',
    );
  });

  it('an expired leaf: ERR_CERT_DATE_INVALID with its notAfter and the simulated time', async () => {
    const r = await grade(['shop-2025.crt', 'issuing.crt'], 'shop-2025.key');
    expect(r).toMatchObject({ passed: false, feedbackId: 'http.tls_expired', params: { chrome: 'NET::ERR_CERT_DATE_INVALID', text: 'certificate has expired', notAfter: 'Dec 14 00:00:00 2025 GMT' } });
    expect(renderFeedback(r)).toMatch(/is valid until Dec 14 00:00:00 2025 GMT and the time is Jan {2}5 09:\d\d:\d\d 2026 GMT \(OpenSSL: certificate has expired\)$/);
  });

  it('a CN-only leaf, trusted and in date, still fails: no subjectAltName', async () => {
    expect(await grade(['shop-cn-only.crt', 'issuing.crt'], 'shop-cn-only.key')).toMatchObject({ passed: false, feedbackId: 'http.tls_no_san' });
  });

  it('a certificate for www.example.com: the controller falls back to its default certificate', async () => {
    expect(await grade(['www.crt', 'issuing.crt'], 'www.key')).toMatchObject({ passed: false, feedbackId: 'http.tls_default_certificate' });
  });
});
