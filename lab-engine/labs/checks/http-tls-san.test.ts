// expect.tls.coversHost judges the served certificate as browsers (Chrome 58 on) and Go (1.15 on)
// do: by its subjectAltName DNS names only. ingress-nginx still serves a certificate whose only
// name is its CN (it falls back to the CN when it picks one), so the check must not.

import { describe, expect, it } from 'vitest';
import { tlsCluster } from '../../simulation/testing/tls-test-cluster';
import { renderFeedback } from '../feedback';
import { HttpCheckSchema } from '../schema';
import { gradeHttpCheck } from './http-check';

const check = (fields: Record<string, unknown>) => HttpCheckSchema.parse({ id: 'c', title: 'C', kind: 'http', to: { ingress: 'nginx' }, scheme: 'https', insecure: true, host: 'foo.bar.com', ...fields });

async function withCertificate(openssl: string) {
  const { sim } = await tlsCluster({ secret: 'none' });
  for (const line of [openssl, 'kubectl create secret tls foo-tls --cert=cn.crt --key=cn.key']) {
    const r = await sim.exec(line);
    expect(r.exitCode, `${line}: ${r.combined}`).toBe(0);
  }
  return sim;
}

describe('coversHost reads subjectAltName DNS names only', () => {
  it('a certificate with the host only as its CN covers nothing, though the controller serves it', async () => {
    const sim = await withCertificate('openssl req -x509 -nodes -days 365 -newkey rsa:2048 -keyout cn.key -out cn.crt -subj "/CN=foo.bar.com"');
    const r = gradeHttpCheck(check({ expect: { status: 200, tls: { coversHost: true } } }), sim);
    expect(r).toMatchObject({ passed: false, feedbackId: 'http.tls_no_san', params: { host: 'foo.bar.com', subject: 'CN = foo.bar.com', source: 'secret default/foo-tls' } });
    expect(renderFeedback(r)).toBe(
      'From the workstation, GET https://foo.bar.com/ is served with a certificate (CN = foo.bar.com, from secret default/foo-tls) that has no subjectAltName: browsers and Go match foo.bar.com against its DNS names only and ignore the CN, so they reject it',
    );
    // The same certificate does not cover the host, which is what coversHost: false asks.
    expect(gradeHttpCheck(check({ expect: { status: 200, tls: { coversHost: false } } }), sim)).toMatchObject({ passed: true });
  });

  it('a subjectAltName covers the host, a wildcard one label of it', async () => {
    const exact = await withCertificate('openssl req -x509 -nodes -days 365 -newkey rsa:2048 -keyout cn.key -out cn.crt -subj "/CN=ignored.example" -addext "subjectAltName=DNS:foo.bar.com"');
    expect(gradeHttpCheck(check({ expect: { status: 200, tls: { coversHost: true } } }), exact)).toMatchObject({ passed: true, feedbackId: 'http.ok' });
    const wildcard = await withCertificate('openssl req -x509 -nodes -days 365 -newkey rsa:2048 -keyout cn.key -out cn.crt -subj "/CN=bar.com" -addext "subjectAltName=DNS:*.bar.com"');
    expect(gradeHttpCheck(check({ expect: { status: 200, tls: { coversHost: true } } }), wildcard)).toMatchObject({ passed: true });
  });
});
