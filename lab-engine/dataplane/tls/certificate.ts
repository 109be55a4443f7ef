// The certificate a TLS server presents, as clients (curl, openssl s_client, the http check) see
// it: subject, issuer, names, validity, key type. Certificates from Secrets are real PEM X.509,
// parsed with node:crypto's X509Certificate (built in, no library: cheap enough for every
// handshake). Controllers' default certificates are described by their fields alone; their PEM
// is only built (lazily, with the certificate library) when someone asks to see it.

import type { X509Certificate } from 'node:crypto';
import { utcMonthShort } from '../../core/utc-text';
import { nodeCrypto } from '../../core/node-crypto';

export interface ServedCertificate {
  /** Relative distinguished names in certificate order, e.g. [['CN', 'foo.bar.com'], ['O', 'foo']]. */
  subject: [string, string][];
  issuer: [string, string][];
  /** DNS names of the subjectAltName extension. */
  dnsNames: string[];
  notBeforeMs: number;
  notAfterMs: number;
  keyType: 'RSA' | 'EC';
  keyBits: number;
  /**
   * OpenSSL's "self-issued" test (X509_check_issued on itself): issuer = subject and, when the
   * certificate has a keyUsage extension, keyCertSign in it. A self-signed server certificate
   * without keyCertSign (ingress-nginx's fake one) fails as "unable to get local issuer certificate".
   */
  selfIssued: boolean;
  /** The PEM, when there is one (a Secret's tls.crt: the whole chain as stored). */
  pem?: string;
}

const MAX_CHAIN = 10;

/** Every PEM CERTIFICATE block of a text, in order. */
export function pemCertificates(text: string): string[] {
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)].slice(0, MAX_CHAIN).map((m) => `${m[0]}\n`);
}

/** Parses the first certificate of a PEM text, or undefined when it holds none that parses. */
export function parseCertificate(text: string): X509Certificate | undefined {
  const first = pemCertificates(text)[0];
  if (!first) return undefined;
  try {
    return new (nodeCrypto().X509Certificate)(first);
  } catch {
    return undefined;
  }
}

export function servedFromPem(text: string): ServedCertificate | undefined {
  const cert = parseCertificate(text);
  if (!cert) return undefined;
  const details = cert.publicKey.asymmetricKeyDetails;
  const ec = cert.publicKey.asymmetricKeyType === 'ec';
  return {
    subject: splitDn(cert.subject),
    issuer: splitDn(cert.issuer),
    dnsNames: dnsNamesOf(cert),
    notBeforeMs: Date.parse(cert.validFrom),
    notAfterMs: Date.parse(cert.validTo),
    keyType: ec ? 'EC' : 'RSA',
    keyBits: ec ? curveBits(details?.namedCurve) : details?.modulusLength ?? 2048,
    selfIssued: cert.issuer === cert.subject && cert.checkIssued(cert),
    pem: text,
  };
}

/** DNS names of a certificate's subjectAltName extension. */
export function dnsNamesOf(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(', ')
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4));
}

function splitDn(dn: string): [string, string][] {
  return dn
    .split('\n')
    .filter(Boolean)
    .map((part) => {
      const i = part.indexOf('=');
      return [part.slice(0, i), part.slice(i + 1)];
    });
}

function curveBits(curve: string | undefined): number {
  return curve === 'secp384r1' ? 384 : curve === 'secp521r1' ? 521 : 256;
}

/** OpenSSL 3's one-line form (`openssl x509 -subject`, s_client): `CN = foo.bar.com, O = foo`. */
export function opensslDn(dn: readonly [string, string][]): string {
  return dn.map(([k, v]) => `${k} = ${v}`).join(', ');
}

/** curl's form (`*  subject: CN=foo.bar.com; O=foo`). */
export function curlDn(dn: readonly [string, string][]): string {
  return dn.map(([k, v]) => `${k}=${v}`).join('; ');
}

/** The subject's commonName, if any. */
export function commonName(cert: Pick<ServedCertificate, 'subject'>): string | undefined {
  return cert.subject.find(([k]) => k === 'CN')?.[1];
}

/**
 * RFC 6125 matching as curl and Go do it: the subjectAltName DNS names, a `*.` wildcard covering
 * exactly one left-most label; the commonName only when the certificate has no DNS names.
 */
export function matchingName(cert: Pick<ServedCertificate, 'subject' | 'dnsNames'>, host: string): string | undefined {
  const names = cert.dnsNames.length ? cert.dnsNames : [commonName(cert)].filter((n): n is string => !!n);
  const h = host.toLowerCase().replace(/\.$/, '');
  return names.find((n) => {
    const name = n.toLowerCase();
    if (!name.startsWith('*.')) return name === h;
    const dot = h.indexOf('.');
    return dot > 0 && h.slice(dot) === name.slice(1);
  });
}

/** `Jan  5 09:00:00 2026 GMT`, as OpenSSL and curl print certificate dates. */
export function opensslDate(ms: number): string {
  const d = new Date(ms);
  const month = utcMonthShort(d.getTime());
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
}
