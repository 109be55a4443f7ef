// ingress-nginx terminating TLS: the certificate follows the SNI (the Secret's for a host in
// spec.tls, the fake default one otherwise or when the Secret is missing, with a log line), and
// plain HTTP for a TLS host is redirected with 308 unless ssl-redirect is "false".

import { describe, expect, it } from 'vitest';
import { tlsCluster, tlsIngress } from '../../simulation/testing/tls-test-cluster';

const FAKE = 'O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate';

async function subjectFor(c: Awaited<ReturnType<typeof tlsCluster>>, host: string): Promise<string | undefined> {
  const r = await c.sim.exec(`curl -kvs -o /dev/null --resolve ${host}:${c.https}:${c.node} https://${host}:${c.https}/`);
  return /\* {2}subject: (.*)\n/.exec(r.stderr)?.[1];
}

describe('ingress-nginx TLS termination', () => {
  it('presents the Secret\'s certificate for a host in spec.tls and the fake one for other names', async () => {
    const c = await tlsCluster();
    expect(await subjectFor(c, 'foo.bar.com')).toBe('CN=foo.bar.com; O=foo');
    expect(await subjectFor(c, 'other.example.com')).toBe(FAKE);
    // No SNI (an address in the URL): the default server's certificate.
    const byIp = await c.sim.exec(`curl -kvs -o /dev/null https://${c.node}:${c.https}/`);
    expect(byIp.stderr).toContain(`*  subject: ${FAKE}\n`);
  });

  it('falls back to the fake certificate when the Secret is missing or in another namespace, and logs why', async () => {
    for (const secret of ['none', 'other-namespace'] as const) {
      const c = await tlsCluster({ secret });
      expect(await subjectFor(c, 'foo.bar.com')).toBe(FAKE);
      const logs = await c.sim.exec('kubectl -n ingress-nginx logs deploy/ingress-nginx-controller');
      expect(logs.stdout).toMatch(/^W0105 \d\d:\d\d:\d\d\.\d{6} {7}7 controller\.go:\d+\] Error getting SSL certificate "default\/foo-tls": local SSL certificate default\/foo-tls was not found\. Using default certificate$/m);
    }
  });

  it('redirects plain HTTP for a TLS host with 308, as nginx writes it', async () => {
    const c = await tlsCluster();
    const r = await c.sim.exec(`curl -si -H 'Host: foo.bar.com' http://${c.node}:${c.http}/cart?x=1`);
    const body = '<html>\r\n<head><title>308 Permanent Redirect</title></head>\r\n<body>\r\n<center><h1>308 Permanent Redirect</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
    expect(r.stdout.replace(/Date: [^\r]*/, 'Date: <now>')).toBe(`HTTP/1.1 308 Permanent Redirect\r\nDate: <now>\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\nLocation: https://foo.bar.com/cart?x=1\r\n\r\n${body}`);
    expect(body.length).toBe(164);
  });

  it('ssl-redirect: "false" keeps plain HTTP; hosts without TLS are not redirected', async () => {
    const c = await tlsCluster({ ingress: tlsIngress({ annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' } }) });
    expect((await c.sim.exec(`curl -s -o /dev/null -w '%{http_code}' -H 'Host: foo.bar.com' http://${c.node}:${c.http}/`)).stdout).toBe('200');
    const plain = await tlsCluster({ ingress: tlsIngress().replace(/ {2}tls:\n.*\n.*\n/, '') });
    expect((await plain.sim.exec(`curl -s -o /dev/null -w '%{http_code}' -H 'Host: foo.bar.com' http://${plain.node}:${plain.http}/`)).stdout).toBe('200');
  });

  it('answers plain HTTP on the HTTPS port with nginx\'s 400', async () => {
    const c = await tlsCluster();
    const r = await c.sim.exec(`curl -s http://${c.node}:${c.https}/`);
    expect(r.stdout).toContain('<center>The plain HTTP request was sent to HTTPS port</center>');
  });
});
