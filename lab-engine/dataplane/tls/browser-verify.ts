// How a browser judges a server certificate, for checks that must be as strict as one: the chain
// must lead from the certificate the server sent (tls.crt: leaf, then any intermediates) to a
// root in the browser's store; the leaf must be within notBefore..notAfter by the simulated
// clock; and the host must be one of its subjectAltName DNS names (Chrome 58 on, Firefox and Go
// 1.15 on ignore the commonName, so a CN-only certificate names nothing). The order follows
// OpenSSL's X509_verify_cert as curl sees it (issuer first, error 20 before error 10), then the
// name. Each failure carries Chrome's error code and OpenSSL's text, which curl prints after
// "SSL certificate problem: ".
//
// Unlike curl (verify.ts, curl-tls.ts), which still falls back to the commonName when a
// certificate has no DNS names, this is the browser's rule.

import type { X509Certificate } from 'node:crypto';
import { matchingName, type ServedCertificate } from './certificate';
import { verifyChain } from './verify';

export type ChromeError = 'NET::ERR_CERT_AUTHORITY_INVALID' | 'NET::ERR_CERT_DATE_INVALID' | 'NET::ERR_CERT_COMMON_NAME_INVALID';

export type BrowserVerdict =
  | { ok: true; matched: string }
  /** No path to a trusted root: self-signed (18) or an issuer that is neither sent nor trusted (20). */
  | { ok: false; kind: 'untrusted'; chrome: ChromeError; code: number; text: string }
  /** Outside notBefore..notAfter: 9 (not yet valid) or 10 (expired). */
  | { ok: false; kind: 'date'; chrome: ChromeError; code: number; text: string }
  /** No subjectAltName DNS names at all: a CN-only certificate. */
  | { ok: false; kind: 'no-san'; chrome: ChromeError }
  /** DNS names that do not cover the host. */
  | { ok: false; kind: 'name'; chrome: ChromeError; names: string[] };

export function verifyAsBrowser(cert: ServedCertificate, trusted: readonly X509Certificate[], host: string, nowMs: number): BrowserVerdict {
  const chain = verifyChain(cert, trusted, nowMs);
  if (!chain.ok) {
    const date = chain.code === 9 || chain.code === 10;
    return date ? { ok: false, kind: 'date', chrome: 'NET::ERR_CERT_DATE_INVALID', code: chain.code, text: chain.text } : { ok: false, kind: 'untrusted', chrome: 'NET::ERR_CERT_AUTHORITY_INVALID', code: chain.code, text: chain.text };
  }
  if (cert.dnsNames.length === 0) return { ok: false, kind: 'no-san', chrome: 'NET::ERR_CERT_COMMON_NAME_INVALID' };
  // With DNS names present matchingName never reads the subject; an empty one makes that explicit.
  const matched = matchingName({ subject: [], dnsNames: cert.dnsNames }, host);
  if (!matched) return { ok: false, kind: 'name', chrome: 'NET::ERR_CERT_COMMON_NAME_INVALID', names: cert.dnsNames };
  return { ok: true, matched };
}
