// openssl writes real PEM keys and certificates into the virtual filesystem: Node's own X.509
// parser reads back the requested subject, names, validity (from the simulated clock) and key.

import { X509Certificate, createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';

const DAY_MS = 24 * 60 * 60 * 1000;

async function run(sim: ReturnType<typeof createSimulation>, line: string) {
  const r = await sim.exec(line);
  expect(r.exitCode, r.combined).toBe(0);
  return r;
}

describe('openssl', () => {
  it('req -x509 makes a self-signed certificate with the CN, SANs and days asked for', async () => {
    const sim = createSimulation({ seed: 3 });
    const r = await run(sim, 'openssl req -x509 -nodes -days 365 -newkey rsa:2048 -keyout tls.key -out tls.crt -subj "/CN=foo.bar.com/O=foo" -addext "subjectAltName=DNS:foo.bar.com,DNS:*.bar.com"');
    expect(r.stderr).toMatch(/^[.+*\n]+-----\n$/);
    const cert = new X509Certificate(sim.snapshot().files['/home/learner/tls.crt']);
    expect(cert.subject).toBe('CN=foo.bar.com\nO=foo');
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.subjectAltName).toBe('DNS:foo.bar.com, DNS:*.bar.com');
    expect(Date.parse(cert.validFrom)).toBe(sim.now() - (sim.now() % 1000));
    expect(Date.parse(cert.validTo) - Date.parse(cert.validFrom)).toBe(365 * DAY_MS);
    expect(cert.checkHost('www.bar.com')).toBe('*.bar.com');
    expect(cert.ca).toBe(true);
    const key = createPrivateKey(sim.snapshot().files['/home/learner/tls.key']);
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(cert.checkPrivateKey(key)).toBe(true);
  });

  it('the same seed gives the same serial number', async () => {
    const serial = async () => {
      const sim = createSimulation({ seed: 3 });
      await run(sim, 'openssl req -x509 -nodes -newkey rsa:1024 -keyout k -out c -subj /CN=a');
      return new X509Certificate(sim.snapshot().files['/home/learner/c']).serialNumber;
    };
    expect(await serial()).toBe(await serial());
  });

  it('-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 makes an ECDSA P-256 certificate', async () => {
    const sim = createSimulation({ seed: 3 });
    await run(sim, 'openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -sha256 -nodes -keyout ec.key -out ec.crt -subj /CN=ec.test');
    const cert = new X509Certificate(sim.snapshot().files['/home/learner/ec.crt']);
    expect(cert.publicKey.asymmetricKeyType).toBe('ec');
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(cert.checkPrivateKey(createPrivateKey(sim.snapshot().files['/home/learner/ec.key']))).toBe(true);
  });

  it('x509 prints subject, issuer, dates and SANs in option order, as OpenSSL 3 does', async () => {
    const sim = createSimulation({ seed: 3 });
    await run(sim, 'openssl req -x509 -nodes -days 30 -newkey rsa:2048 -keyout tls.key -out tls.crt -subj "/CN=foo.bar.com/O=foo" -addext "subjectAltName=DNS:foo.bar.com"');
    const r = await run(sim, 'openssl x509 -in tls.crt -noout -subject -issuer -dates -ext subjectAltName');
    expect(r.stdout).toBe('subject=CN = foo.bar.com, O = foo\nissuer=CN = foo.bar.com, O = foo\nnotBefore=Jan  5 09:00:00 2026 GMT\nnotAfter=Feb  4 09:00:00 2026 GMT\nX509v3 Subject Alternative Name: \n    DNS:foo.bar.com\n');
    const text = await run(sim, 'cat tls.crt | openssl x509 -noout -text');
    expect(text.stdout).toContain('        Signature Algorithm: sha256WithRSAEncryption\n        Issuer: CN = foo.bar.com, O = foo\n');
    expect(text.stdout).toContain('            X509v3 Basic Constraints: critical\n                CA:TRUE\n');
    expect(text.stdout).toMatch(/Public-Key: \(2048 bit\)\n {16}Modulus:\n {20}00:/);
    expect((await run(sim, 'openssl x509 -in tls.crt -noout -fingerprint -sha256')).stdout).toMatch(/^sha256 Fingerprint=([0-9A-F]{2}:){31}[0-9A-F]{2}\n$/);
  });

  it('genrsa writes an RSA key in PKCS#8 PEM', async () => {
    const sim = createSimulation({ seed: 3 });
    await run(sim, 'openssl genrsa -out k.pem 2048');
    const key = createPrivateKey(sim.snapshot().files['/home/learner/k.pem']);
    expect(sim.snapshot().files['/home/learner/k.pem']).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('refuses unknown options and missing values as OpenSSL 3 does', async () => {
    const sim = createSimulation({ seed: 3 });
    expect(await sim.exec('openssl req -x509 -bogus')).toMatchObject({ exitCode: 1, stderr: 'req: Unknown option or message digest: -bogus\nreq: Use -help for summary.\n' });
    expect(await sim.exec('openssl s_client -bogus')).toMatchObject({ exitCode: 1, stderr: 's_client: Unknown option: -bogus\ns_client: Use -help for summary.\n' });
    expect((await sim.exec('openssl x509 -in')).stderr).toBe('x509: Option -in needs a value\nx509: Use -help for summary.\n');
    expect((await sim.exec('openssl frobnicate')).stderr).toBe('Invalid command \'frobnicate\'; type "help" for a list.\n');
  });
});
