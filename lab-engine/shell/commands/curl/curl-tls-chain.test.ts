// curl --cacert against certificates from a real private PKI (dataplane/tls/testdata): the leaf
// without its intermediate and an expired leaf fail as curl 8 + OpenSSL 3 fail them (exit 60,
// "SSL certificate problem: unable to get local issuer certificate" / "certificate has expired",
// the texts the real `openssl verify` gave for the same files); the full chain passes. A CN-only
// certificate passes too: curl, unlike browsers, still falls back to the commonName when a
// certificate has no DNS names (lib/vtls/openssl.c verifyhost), and says so in -v.

import { describe, expect, it } from 'vitest';
import { pkiCluster } from '../../../simulation/testing/pki-test-cluster';
import { CA_CERT_ERROR } from './curl-tls';

describe('curl --cacert and the chain in tls.crt', () => {
  it('the leaf alone: exit 60, unable to get local issuer certificate; leaf + intermediate: 200', async () => {
    const alone = await pkiCluster(['shop.crt'], 'shop.key');
    expect(await alone.sim.exec(`curl --cacert /pki/root.crt ${alone.url}`)).toMatchObject({ exitCode: 60, stderr: `curl: (60) SSL certificate problem: unable to get local issuer certificate\n${CA_CERT_ERROR}` });
    const chained = await pkiCluster(['shop.crt', 'issuing.crt'], 'shop.key');
    const ok = await chained.sim.exec(`curl -v --cacert /pki/root.crt ${chained.url}`);
    expect(ok.exitCode).toBe(0);
    expect(ok.stderr).toContain('*  subjectAltName: host "shop.example.com" matched cert\'s "shop.example.com"\n*  issuer: CN=Example Corp Issuing CA 1; O=Example Corp\n*  SSL certificate verify ok.\n');
  });

  it('an expired leaf: exit 60, certificate has expired; -k still shows the page', async () => {
    const c = await pkiCluster(['shop-2025.crt', 'issuing.crt'], 'shop-2025.key');
    expect(await c.sim.exec(`curl --cacert /pki/root.crt ${c.url}`)).toMatchObject({ exitCode: 60, stderr: `curl: (60) SSL certificate problem: certificate has expired\n${CA_CERT_ERROR}` });
    const v = await c.sim.exec(`curl -kv ${c.url}`);
    expect(v.stderr).toContain('*  expire date: Dec 14 00:00:00 2025 GMT\n');
    expect(v.stdout).toContain('Welcome to nginx!');
  });

  it('a CN-only certificate: curl matches the commonName (browsers do not)', async () => {
    const c = await pkiCluster(['shop-cn-only.crt', 'issuing.crt'], 'shop-cn-only.key');
    const v = await c.sim.exec(`curl -v --cacert /pki/root.crt ${c.url}`);
    expect(v.exitCode).toBe(0);
    expect(v.stderr).toContain('*  common name: shop.example.com (matched)\n');
  });

  it('openssl s_client: error 20 at depth 0, then 21 as its return code (the leaf alone); 10 for the expired one', async () => {
    const c = await pkiCluster(['shop.crt'], 'shop.key');
    const r = await c.sim.exec(`openssl s_client -connect ${c.node}:${c.https} -servername shop.example.com -CAfile /pki/root.crt`);
    expect(r.stderr).toContain('depth=0 CN = shop.example.com, O = Example Corp\nverify error:num=20:unable to get local issuer certificate\n');
    expect(r.stdout).toContain('Verify return code: 21 (unable to verify the first certificate)');
    const old = await pkiCluster(['shop-2025.crt', 'issuing.crt'], 'shop-2025.key');
    const e = await old.sim.exec(`openssl s_client -connect ${old.node}:${old.https} -servername shop.example.com -CAfile /pki/root.crt`);
    expect(e.stdout).toContain('Verify return code: 10 (certificate has expired)');
  });
});
