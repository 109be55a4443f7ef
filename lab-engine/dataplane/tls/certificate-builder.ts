// Builds real keys and X.509 certificates for `openssl req/genrsa` and for showing a controller's
// default certificate. Keys come from node:crypto (native); certificates are assembled and signed
// with @peculiar/x509, loaded lazily (see x509-library.ts for why that library).

import { createHash, createPrivateKey, generateKeyPairSync, webcrypto, type KeyObject } from 'node:crypto';
import { loadX509, type X509Lib } from './x509-library';

export type KeySpec = { type: 'rsa'; bits: number } | { type: 'ec'; curve: 'P-256' | 'P-384' };

export interface GeneratedKey {
  /** PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), as OpenSSL 3 writes keys. */
  pem: string;
  spec: KeySpec;
}

export interface CertificateRequest {
  subject: [string, string][];
  dnsNames: string[];
  ipAddresses?: string[];
  notBeforeMs: number;
  notAfterMs: number;
  /** Feeds the serial number: a hash of it, so the same session gives the same serial. */
  serialSeed: string;
  key: GeneratedKey;
  hash?: 'SHA-256' | 'SHA-384' | 'SHA-512';
  /** `openssl req -x509`'s v3_ca profile (CA:TRUE, key identifiers), or a server certificate (CA:FALSE, serverAuth). */
  profile: 'ca' | 'server';
}


export function generateKey(spec: KeySpec): GeneratedKey {
  const pair = spec.type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: spec.bits, publicExponent: 0x10001 }) : generateKeyPairSync('ec', { namedCurve: spec.curve === 'P-256' ? 'prime256v1' : 'secp384r1' });
  return { pem: pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), spec };
}

/** Reads a private key PEM (PKCS#8, PKCS#1 or SEC1) the way `openssl req -key` does. */
export function loadKey(pem: string): GeneratedKey | undefined {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    return undefined;
  }
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa') return { pem: key.export({ format: 'pem', type: 'pkcs8' }).toString(), spec: { type: 'rsa', bits: details?.modulusLength ?? 2048 } };
  if (key.asymmetricKeyType === 'ec') return { pem: key.export({ format: 'pem', type: 'pkcs8' }).toString(), spec: { type: 'ec', curve: details?.namedCurve === 'secp384r1' ? 'P-384' : 'P-256' } };
  return undefined;
}

/** A 20-byte positive serial (OpenSSL 3's length for `req -x509`) derived from the seed. */
export function serialFor(seed: string): string {
  const bytes = createHash('sha256').update(seed).digest().subarray(0, 20);
  bytes[0] &= 0x7f;
  if (bytes[0] === 0) bytes[0] = 0x01;
  return bytes.toString('hex');
}

export async function buildSelfSigned(req: CertificateRequest): Promise<string> {
  const lib = await loadX509();
  const subtle = webcrypto.subtle;
  const hash = req.hash ?? 'SHA-256';
  const algorithm = req.key.spec.type === 'rsa' ? { name: 'RSASSA-PKCS1-v1_5', hash } : { name: 'ECDSA', namedCurve: req.key.spec.curve, hash };
  const der = createPrivateKey(req.key.pem).export({ format: 'der', type: 'pkcs8' });
  const privateKey = await subtle.importKey('pkcs8', der, algorithm, true, ['sign']);
  const jwk = await subtle.exportKey('jwk', privateKey);
  const publicJwk = req.key.spec.type === 'rsa' ? { kty: jwk.kty, n: jwk.n, e: jwk.e } : { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  const publicKey = await subtle.importKey('jwk', publicJwk, algorithm, true, ['verify']);
  const keys = { privateKey, publicKey } as webcrypto.CryptoKeyPair;
  const names = [...req.dnsNames.map((value) => ({ type: 'dns' as const, value })), ...(req.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value }))];
  const extensions: InstanceType<X509Lib['Extension']>[] = [];
  if (req.profile === 'ca') {
    extensions.push(await lib.SubjectKeyIdentifierExtension.create(keys.publicKey));
    extensions.push(await lib.AuthorityKeyIdentifierExtension.create(keys.publicKey));
    extensions.push(new lib.BasicConstraintsExtension(true, undefined, true));
  } else {
    extensions.push(new lib.KeyUsagesExtension(lib.KeyUsageFlags.digitalSignature | lib.KeyUsageFlags.keyEncipherment, true));
    extensions.push(new lib.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.1']));
    extensions.push(new lib.BasicConstraintsExtension(false, undefined, true));
  }
  if (names.length) extensions.push(new lib.SubjectAlternativeNameExtension(names));
  const cert = await lib.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialFor(req.serialSeed),
    name: req.subject.map(([k, v]) => ({ [k]: [v] })),
    notBefore: new Date(req.notBeforeMs),
    notAfter: new Date(req.notAfterMs),
    keys,
    signingAlgorithm: algorithm,
    extensions,
  });
  return `${cert.toString('pem').replace(/\r\n/g, '\n').trimEnd()}\n`;
}
