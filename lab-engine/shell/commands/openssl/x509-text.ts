// `openssl x509 -text`: OpenSSL 3's layout of a certificate (version, serial, algorithms, names,
// validity, public key with modulus or EC point, the extensions Flatnet's certificates carry,
// signature). Decoding the extensions needs @peculiar/x509, loaded on demand.

import { X509Certificate } from 'node:crypto';
import { opensslDate, opensslDn, servedFromPem } from '../../../dataplane/tls/certificate';
import { loadX509 } from '../../../dataplane/tls/x509-library';

const KEY_USAGES: [number, string][] = [[1, 'Digital Signature'], [2, 'Non Repudiation'], [4, 'Key Encipherment'], [8, 'Data Encipherment'], [16, 'Key Agreement'], [32, 'Certificate Sign'], [64, 'CRL Sign']];
const EXT_KEY_USAGES: Record<string, string> = { '1.3.6.1.5.5.7.3.1': 'TLS Web Server Authentication', '1.3.6.1.5.5.7.3.2': 'TLS Web Client Authentication' };

/** Bytes as `ab:cd:...`, `perLine` per line, each line indented. */
function hexLines(bytes: Uint8Array, indent: number, perLine: number, upper = false): string {
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0'));
  const lines: string[] = [];
  for (let i = 0; i < hex.length; i += perLine) lines.push(' '.repeat(indent) + hex.slice(i, i + perLine).join(':') + (i + perLine < hex.length ? ':' : ''));
  const text = `${lines.join('\n')}\n`;
  return upper ? text.toUpperCase() : text;
}

function b64url(s: string | undefined): Uint8Array {
  return new Uint8Array(Buffer.from(s ?? '', 'base64url'));
}

export async function certificateText(pem: string): Promise<string> {
  const lib = await loadX509();
  const node = new X509Certificate(pem);
  const served = servedFromPem(pem)!;
  const cert = new lib.X509Certificate(pem);
  const alg = cert.signatureAlgorithm as { name: string; hash?: { name: string } };
  const digest = (alg.hash?.name ?? 'SHA-256').replace('-', '').toLowerCase();
  const sigName = alg.name === 'ECDSA' ? `ecdsa-with-${digest.toUpperCase()}` : `${digest}WithRSAEncryption`;
  const serial = Buffer.from(node.serialNumber.length % 2 ? `0${node.serialNumber}` : node.serialNumber, 'hex');
  let s = 'Certificate:\n    Data:\n        Version: 3 (0x2)\n';
  s += serial.length <= 8 ? `        Serial Number: ${BigInt(`0x${node.serialNumber}`)} (0x${node.serialNumber.toLowerCase().replace(/^0+(?=.)/, '')})\n` : `        Serial Number:\n${hexLines(serial, 12, 20)}`;
  s += `        Signature Algorithm: ${sigName}\n        Issuer: ${opensslDn(served.issuer)}\n        Validity\n            Not Before: ${opensslDate(served.notBeforeMs)}\n            Not After : ${opensslDate(served.notAfterMs)}\n        Subject: ${opensslDn(served.subject)}\n        Subject Public Key Info:\n`;
  const jwk = node.publicKey.export({ format: 'jwk' });
  if (served.keyType === 'RSA') {
    const n = b64url(jwk.n);
    const modulus = n[0] & 0x80 ? new Uint8Array([0, ...n]) : n;
    const e = Number(BigInt(`0x${Buffer.from(b64url(jwk.e)).toString('hex')}`));
    s += `            Public Key Algorithm: rsaEncryption\n                Public-Key: (${served.keyBits} bit)\n                Modulus:\n${hexLines(modulus, 20, 15)}                Exponent: ${e} (0x${e.toString(16)})\n`;
  } else {
    const point = new Uint8Array([4, ...b64url(jwk.x), ...b64url(jwk.y)]);
    const curve = served.keyBits === 384 ? ['secp384r1', 'P-384'] : ['prime256v1', 'P-256'];
    s += `            Public Key Algorithm: id-ecPublicKey\n                Public-Key: (${served.keyBits} bit)\n                pub:\n${hexLines(point, 20, 15)}                ASN1 OID: ${curve[0]}\n                NIST CURVE: ${curve[1]}\n`;
  }
  if (cert.extensions.length) s += '        X509v3 extensions:\n';
  for (const ext of cert.extensions) s += extensionText(lib, ext);
  s += `    Signature Algorithm: ${sigName}\n    Signature Value:\n${hexLines(new Uint8Array(cert.signature), 8, 18)}`;
  return s;
}

function extensionText(lib: Awaited<ReturnType<typeof loadX509>>, ext: InstanceType<typeof lib.Extension>): string {
  const head = (name: string) => `            ${name}:${ext.critical ? ' critical' : ' '}\n`;
  const body = (text: string) => `                ${text}\n`;
  if (ext instanceof lib.SubjectKeyIdentifierExtension) return head('X509v3 Subject Key Identifier') + hexLines(Buffer.from(ext.keyId, 'hex'), 16, 32, true);
  if (ext instanceof lib.AuthorityKeyIdentifierExtension) return head('X509v3 Authority Key Identifier') + hexLines(Buffer.from(ext.keyId ?? '', 'hex'), 16, 32, true);
  if (ext instanceof lib.BasicConstraintsExtension) return head('X509v3 Basic Constraints') + body(`CA:${ext.ca ? 'TRUE' : 'FALSE'}${ext.pathLength !== undefined ? `, pathlen:${ext.pathLength}` : ''}`);
  if (ext instanceof lib.KeyUsagesExtension) return head('X509v3 Key Usage') + body(KEY_USAGES.filter(([bit]) => ext.usages & bit).map(([, n]) => n).join(', '));
  if (ext instanceof lib.ExtendedKeyUsageExtension) return head('X509v3 Extended Key Usage') + body(ext.usages.map((u) => EXT_KEY_USAGES[String(u)] ?? String(u)).join(', '));
  if (ext instanceof lib.SubjectAlternativeNameExtension) return head('X509v3 Subject Alternative Name') + body(ext.names.items.map((n) => (n.type === 'dns' ? `DNS:${n.value}` : n.type === 'ip' ? `IP Address:${n.value}` : `${n.type}:${n.value}`)).join(', '));
  return head(ext.type) + body('<unsupported>');
}
