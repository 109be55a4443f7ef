// curl over TLS to ingress-nginx: curl 8's verification (exit 60 for an untrusted chain or a name
// the certificate does not cover, with its sslcerts paragraph), -k and --cacert, --resolve for the
// SNI, exit 35 against a server that speaks no TLS, and the -v handshake as a golden transcript.

import { describe, expect, it } from 'vitest';
import { tlsCluster } from '../../../simulation/testing/tls-test-cluster';
import { CA_CERT_ERROR } from './curl-tls';

describe('curl https', () => {
  it('refuses a self-signed certificate with exit 60 and curl 8\'s explanation; -k and --cacert accept it', async () => {
    const c = await tlsCluster();
    const pin = `--resolve foo.bar.com:${c.https}:${c.node} https://foo.bar.com:${c.https}/`;
    expect(await c.sim.exec(`curl -s ${pin}`)).toMatchObject({ exitCode: 60, stderr: '' });
    expect(await c.sim.exec(`curl ${pin}`)).toMatchObject({ exitCode: 60, stderr: `curl: (60) SSL certificate problem: self-signed certificate\n${CA_CERT_ERROR}` });
    expect(CA_CERT_ERROR.split('\n')[0]).toBe('More details here: https://curl.se/docs/sslcerts.html');
    expect((await c.sim.exec(`curl -k ${pin}`)).stdout).toContain('Welcome to nginx!');
    expect(await c.sim.exec(`curl -s -o /dev/null -w '%{http_code}' --cacert tls.crt ${pin}`)).toMatchObject({ exitCode: 0, stdout: '200' });
    expect(await c.sim.exec(`curl --cacert nope.crt ${pin}`)).toMatchObject({ exitCode: 77, stderr: 'curl: (77) error setting certificate file: nope.crt\n' });
  });

  it('the fake certificate is not self-issued for OpenSSL (no keyCertSign): unable to get local issuer certificate', async () => {
    const c = await tlsCluster({ secret: 'none' });
    const r = await c.sim.exec(`curl --cacert tls.crt --resolve foo.bar.com:${c.https}:${c.node} https://foo.bar.com:${c.https}/`);
    expect(r.exitCode).toBe(60);
    expect(r.stderr).toMatch(/^curl: \(60\) SSL certificate problem: unable to get local issuer certificate\n/);
  });

  it('a trusted certificate that does not name the host: exit 60, no alternative certificate subject name matches', async () => {
    const c = await tlsCluster({ secret: 'none' });
    // Trust the controller's fake certificate itself, as s_client shows it; it names only ingress.local.
    expect((await c.sim.exec(`openssl s_client -connect ${c.node}:${c.https} -servername foo.bar.com | openssl x509 -out fake.crt`)).exitCode).toBe(0);
    const r = await c.sim.exec(`curl --cacert fake.crt --resolve foo.bar.com:${c.https}:${c.node} https://foo.bar.com:${c.https}/`);
    expect(r).toMatchObject({ exitCode: 60, stderr: `curl: (60) SSL: no alternative certificate subject name matches target host name 'foo.bar.com'\n${CA_CERT_ERROR}` });
    const v = await c.sim.exec(`curl -v --cacert fake.crt --resolve foo.bar.com:${c.https}:${c.node} https://foo.bar.com:${c.https}/`);
    expect(v.stderr).toContain('*  subjectAltName does not match host name foo.bar.com\n* SSL: no alternative certificate subject name matches target host name \'foo.bar.com\'\n* Closing connection\n');
  });

  it('TLS to a port that speaks plain HTTP fails as OpenSSL does, exit 35', async () => {
    const c = await tlsCluster();
    expect(await c.sim.exec(`curl https://${c.node}:${c.http}/`)).toMatchObject({ exitCode: 35, stderr: 'curl: (35) OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number\n' });
  });

  it('-k -v shows the handshake, the certificate and HTTP/2 (golden)', async () => {
    const c = await tlsCluster();
    const v = await c.sim.exec(`curl -kv -o /dev/null --resolve foo.bar.com:${c.https}:${c.node} https://foo.bar.com:${c.https}/`);
    const head = v.stderr.slice(0, v.stderr.indexOf('* using HTTP/2'));
    expect(head).toBe(`* Added foo.bar.com:${c.https}:${c.node} to DNS cache
*   Trying ${c.node}:${c.https}...
* Connected to foo.bar.com (${c.node}) port ${c.https}
* ALPN: curl offers h2,http/1.1
* TLSv1.3 (OUT), TLS handshake, Client hello (1):
* TLSv1.3 (IN), TLS handshake, Server hello (2):
* TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):
* TLSv1.3 (IN), TLS handshake, Certificate (11):
* TLSv1.3 (IN), TLS handshake, CERT verify (15):
* TLSv1.3 (IN), TLS handshake, Finished (20):
* TLSv1.3 (OUT), TLS change cipher, Change cipher spec (1):
* TLSv1.3 (OUT), TLS handshake, Finished (20):
* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384 / X25519 / RSASSA-PSS
* ALPN: server accepted h2
* Server certificate:
*  subject: CN=foo.bar.com; O=foo
*  start date: Jan  5 09:00:00 2026 GMT
*  expire date: Jan  5 09:00:00 2027 GMT
*  issuer: CN=foo.bar.com; O=foo
*  SSL certificate verify result: self-signed certificate (18), continuing anyway.
`);
    expect(v.stderr).toContain('> GET / HTTP/2\n');
    expect(v.stderr).toContain('< HTTP/2 200 \n< date: ');
    const verified = await c.sim.exec(`curl -v -o /dev/null --cacert tls.crt --resolve foo.bar.com:${c.https}:${c.node} https://foo.bar.com:${c.https}/`);
    expect(verified.stderr).toContain('*  CAfile: tls.crt\n*  CApath: /etc/ssl/certs\n');
    expect(verified.stderr).toContain('*  subjectAltName: host "foo.bar.com" matched cert\'s "foo.bar.com"\n*  issuer: CN=foo.bar.com; O=foo\n*  SSL certificate verify ok.\n');
  });
});
