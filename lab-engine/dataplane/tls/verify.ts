// How a TLS client judges the certificate it was handed, as curl 8 with OpenSSL 3 does: first the
// chain (OpenSSL, during the handshake: error 18 "self-signed certificate" for a self-issued leaf
// nobody trusts, 20 "unable to get local issuer certificate" otherwise, 9/10 for dates), then the
// name (curl, after it). Nothing in the simulated cluster is signed by a public CA, so the system
// store trusts nothing here; `--cacert FILE` trusts the certificates in FILE, and curl's default
// X509_V_FLAG_PARTIAL_CHAIN lets a trusted leaf stand on its own.

import type { X509Certificate } from 'node:crypto';
import { nodeCrypto } from '../../core/node-crypto';
import { matchingName, pemCertificates, type ServedCertificate } from './certificate';

export type ChainVerdict = { ok: true } | { ok: false; code: number; text: string };

/** X.509 verify error texts of OpenSSL 3 (X509_verify_cert_error_string). */
export const VERIFY_ERRORS = {
  notYetValid: { code: 9, text: 'certificate is not yet valid' },
  expired: { code: 10, text: 'certificate has expired' },
  selfSigned: { code: 18, text: 'self-signed certificate' },
  noIssuer: { code: 20, text: 'unable to get local issuer certificate' },
} as const;

/** Parses a CA file's certificates; unparsable blocks are skipped, as OpenSSL skips them with a warning. */
export function trustAnchors(text: string): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const pem of pemCertificates(text)) {
    try {
      out.push(new (nodeCrypto().X509Certificate)(pem));
    } catch {
      // not a certificate OpenSSL would load either
    }
  }
  return out;
}

export function verifyChain(cert: ServedCertificate, trusted: readonly X509Certificate[], nowMs: number): ChainVerdict {
  if (!isTrusted(cert, trusted)) return { ok: false, ...(cert.selfIssued ? VERIFY_ERRORS.selfSigned : VERIFY_ERRORS.noIssuer) };
  if (nowMs < cert.notBeforeMs) return { ok: false, ...VERIFY_ERRORS.notYetValid };
  if (nowMs > cert.notAfterMs) return { ok: false, ...VERIFY_ERRORS.expired };
  return { ok: true };
}

function isTrusted(cert: ServedCertificate, trusted: readonly X509Certificate[]): boolean {
  if (!cert.pem || trusted.length === 0) return false;
  const chain = pemCertificates(cert.pem);
  let leaf: X509Certificate;
  try {
    leaf = new (nodeCrypto().X509Certificate)(chain[0]);
  } catch {
    return false;
  }
  const intermediates = chain.slice(1).flatMap((p) => {
    try {
      return [new (nodeCrypto().X509Certificate)(p)];
    } catch {
      return [];
    }
  });
  // Walk up from the leaf through the sent intermediates until a trusted certificate signs (or is) one.
  let current = leaf;
  for (let depth = 0; depth <= intermediates.length; depth++) {
    if (trusted.some((t) => t.raw.equals(current.raw) || (current.checkIssued(t) && current.verify(t.publicKey)))) return true;
    const next = intermediates.find((i) => current.checkIssued(i) && current.verify(i.publicKey));
    if (!next) return false;
    current = next;
  }
  return false;
}

/** The certificate name that covers `host`, or undefined (curl: "no alternative certificate subject name matches"). */
export function verifyName(cert: ServedCertificate, host: string): string | undefined {
  return matchingName(cert, host);
}
